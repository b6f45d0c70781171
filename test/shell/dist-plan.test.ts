import { describe, expect, it } from 'vitest';
import {
  DistUsageError,
  buildsForMac,
  distPlan,
  hasAppleIdentity,
} from '../../scripts/dist-plan.mjs';

const base = {
  env: {},
  platform: 'win32' as NodeJS.Platform,
  root: 'C:\\Users\\Agent Desk\\src\\agent-desk',
  execPath: 'C:\\Program Files\\nodejs\\node.exe',
  folderExists: () => true,
};

describe('npm run dist: the electron-builder command', () => {
  it('runs electron-builder’s own script with node, never through a shell', () => {
    const plan = distPlan({ ...base, argv: ['--win', '--electron-dist', 'D:\\Electron 45\\dist'] });
    expect(plan.shell).toBe(false);
    expect(plan.command).toBe(base.execPath);
    expect(plan.args[0]).toMatch(/node_modules[\\/]electron-builder[\\/]cli\.js$/);
    // The path with a space stays one argument.
    expect(plan.args).toContain('-c.electronDist=D:\\Electron 45\\dist');
    expect(plan.args).toEqual(
      expect.arrayContaining(['--config', 'electron-builder.yml', '--publish', 'never', '--win']),
    );
  });

  it('signs a macOS build ad hoc, unnotarised, when no Apple identity is configured', () => {
    const plan = distPlan({ ...base, platform: 'darwin', argv: ['--mac'] });
    expect(plan.args).toEqual(
      expect.arrayContaining(['-c.mac.identity=-', '-c.mac.notarize=false']),
    );
    expect(plan.notes.join(' ')).toContain('ad hoc');
    const onMac = distPlan({ ...base, platform: 'darwin', argv: [] });
    expect(onMac.args).toContain('-c.mac.identity=-');
  });

  it('leaves signing to the configured identity (CSC_LINK or CSC_NAME)', () => {
    for (const env of [
      { CSC_LINK: '/secure/developer-id.p12' },
      { CSC_NAME: 'Example Ltd (TEAMID)' },
    ]) {
      const plan = distPlan({ ...base, env, platform: 'darwin', argv: ['--mac'] });
      expect(plan.args.filter((arg) => arg.startsWith('-c.mac.'))).toEqual([]);
      expect(plan.notes).toEqual([]);
    }
    expect(hasAppleIdentity({ CSC_LINK: '  ' })).toBe(false);
  });

  it('does not touch signing for Windows or Linux builds', () => {
    expect(buildsForMac(['--win'], 'darwin')).toBe(false);
    expect(buildsForMac(['--linux', '--dir'], 'linux')).toBe(false);
    expect(buildsForMac(['--mac', '--win'], 'linux')).toBe(true);
    const plan = distPlan({ ...base, argv: ['--linux', '--dir', '--output', 'out dir'] });
    expect(plan.args.some((arg) => arg.startsWith('-c.mac.'))).toBe(false);
    expect(plan.args.at(-1)).toMatch(/^-c\.directories\.output=.*out dir$/);
  });

  it('refuses unknown options and missing folders with what to do', () => {
    expect(() => distPlan({ ...base, argv: ['--publish'] })).toThrow(DistUsageError);
    expect(() => distPlan({ ...base, argv: ['--electron-dist'] })).toThrow(
      '--electron-dist needs a folder',
    );
    expect(() =>
      distPlan({ ...base, argv: ['--electron-dist', 'x'], folderExists: () => false }),
    ).toThrow('no such folder');
  });
});
