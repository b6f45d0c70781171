// Types of demo-electron.mjs (plain JavaScript so `npm run demo` needs no TypeScript loader).
type Env = Readonly<Record<string, string | undefined>>;
export const defaultInstallTimeoutMs: number;
export function platformExecutable(platform: NodeJS.Platform): string;
export function installTimeoutMs(env: Env): number;
export type ElectronLocation =
  { binary: string } | { binary: null; reason: string; canInstall: boolean };
export function locateElectron(input: {
  root: string;
  env: Env;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  readText(path: string): string | null;
}): ElectronLocation;
export function isHeadless(env: Env, platform: NodeJS.Platform): boolean;
export function firstMessage(output: string): string;
export function installElectron(input: {
  root: string;
  env: Env;
  timeoutMs: number;
  execPath?: string;
}): Promise<{ ok: true } | { ok: false; reason: string }>;
