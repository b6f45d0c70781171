// The command `npm run dist` runs (pure: tested in test/shell/dist-plan.test.ts).
//
// - electron-builder runs as `node node_modules/electron-builder/cli.js …`, never through a
//   shell or a `.cmd` wrapper: arguments reach it unchanged on every OS, paths with spaces
//   included (Node refuses to spawn a .cmd without a shell since 20.12.2, CVE-2024-27980,
//   and through cmd.exe a space splits an argument).
// - macOS signing: with an Apple identity (CSC_LINK, or CSC_NAME for one in the keychain)
//   electron-builder signs with it, and notarises when APPLE_ID / APPLE_API_KEY /
//   APPLE_KEYCHAIN_PROFILE are set. Without one, the app is signed ad hoc
//   (`mac.identity: "-"`, app-builder-lib mac/MacTargetHelper.js) and not notarised:
//   flipping the fuses breaks Electron's own signature, and Apple Silicon kills an app whose
//   signature is broken before any JavaScript runs (`resetAdHocDarwinSignature` in
//   electron-builder.yml re-signs after the flip; this signs the finished app).
import { posix, win32 } from 'node:path';

/** A mistake in the command line: the message says what to do. */
export class DistUsageError extends Error {}

const passThrough = new Set([
  '--win',
  '--mac',
  '--linux',
  '--dir',
  '--x64',
  '--arm64',
  '--ia32',
  '--universal',
]);

export const usage =
  'usage: node scripts/dist.mjs [--electron-dist <dir>] [--output <dir>] [--win|--mac|--linux] [--dir] [--x64|--arm64]';

/** True when this build makes a macOS app: `--mac`, or no platform flag on a Mac. */
export function buildsForMac(argv, platform) {
  const platforms = argv.filter((arg) => arg === '--win' || arg === '--mac' || arg === '--linux');
  return platforms.includes('--mac') || (platforms.length === 0 && platform === 'darwin');
}

/** True when an Apple signing identity is configured for electron-builder. */
export function hasAppleIdentity(env) {
  const set = (name) => typeof env[name] === 'string' && env[name].trim() !== '';
  return set('CSC_LINK') || set('CSC_NAME');
}

/**
 * The process to spawn: `{ command, args, shell: false, notes }`. `folderExists(path)` says
 * whether a folder exists (injected: the plan is pure).
 */
export function distPlan({ argv, env, platform, root, execPath, folderExists }) {
  const { isAbsolute, join, resolve } = platform === 'win32' ? win32 : posix;
  const builderArgs = ['--config', 'electron-builder.yml', '--publish', 'never'];
  const notes = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--electron-dist' || arg === '--output') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new DistUsageError(`${arg} needs a folder`);
      }
      const full = isAbsolute(value) ? value : resolve(root, value);
      if (arg === '--electron-dist') {
        if (!folderExists(full)) throw new DistUsageError(`no such folder: ${full}`);
        builderArgs.push(`-c.electronDist=${full}`);
      } else {
        builderArgs.push(`-c.directories.output=${full}`);
      }
      i += 1;
    } else if (passThrough.has(arg)) {
      builderArgs.push(arg);
    } else {
      throw new DistUsageError(`unknown option ${arg} (see --help)`);
    }
  }
  if (buildsForMac(argv, platform) && !hasAppleIdentity(env)) {
    builderArgs.push('-c.mac.identity=-', '-c.mac.notarize=false');
    notes.push(
      'macOS: no Apple identity (CSC_LINK or CSC_NAME): signing ad hoc, not notarising — see README, Packaging.',
    );
  }
  return {
    command: execPath,
    args: [join(root, 'node_modules', 'electron-builder', 'cli.js'), ...builderArgs],
    shell: false,
    notes,
  };
}
