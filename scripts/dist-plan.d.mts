// Types of dist-plan.mjs (plain JavaScript so `npm run dist` needs no TypeScript loader).
export class DistUsageError extends Error {}
export const usage: string;
export function buildsForMac(argv: readonly string[], platform: NodeJS.Platform): boolean;
export function hasAppleIdentity(env: Readonly<Record<string, string | undefined>>): boolean;
export interface DistPlan {
  command: string;
  args: string[];
  shell: false;
  notes: string[];
}
export function distPlan(input: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  root: string;
  execPath: string;
  folderExists(path: string): boolean;
}): DistPlan;
