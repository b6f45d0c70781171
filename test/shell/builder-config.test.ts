import { Ajv } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { interpretDefaultsFile } from '../../main/settings/admin-defaults';
import { mergeReadings } from '../../main/settings/policy/merge';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const config = parse(read('electron-builder.yml')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('validates against electron-builder’s own JSON schema (offline)', () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail (an unknown key is reported)', () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, autoUpdate: true })).toBe(false);
  });

  it('sets the security fuses of STYLE.md §8, re-signing macOS ad hoc after the flip', () => {
    expect(config['electronFuses']).toEqual({
      resetAdHocDarwinSignature: true,
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages only the build output, in an asar, with no publishing anywhere', () => {
    expect(config).toMatchObject({
      productName: 'Agent Desk',
      asar: true,
      files: ['out/**', 'package.json', '!**/*.{map,ts,cts,mts,tsbuildinfo}'],
      directories: { output: 'dist', buildResources: 'build' },
      publish: null,
    });
    for (const key of ['win', 'nsis', 'msi', 'mac', 'pkg', 'linux']) {
      expect((config[key] as Record<string, unknown>)['publish'], key).toBeNull();
    }
    expect(config['win']).toMatchObject({ target: ['nsis', 'msi'] });
    expect(config['nsis']).toMatchObject({
      perMachine: true,
      oneClick: false,
      allowElevation: true,
    });
    expect(config['mac']).toMatchObject({
      target: ['dmg', 'zip', 'pkg'],
      category: 'public.app-category.business',
    });
    expect(config['linux']).toMatchObject({ target: ['AppImage', 'deb'] });
  });

  it('builds packages IT can push: a per-machine silent MSI and a pkg for MDM', () => {
    // msiexec /i … /qn: per-machine (ALLUSERS=1), no dialogs, never launched as SYSTEM.
    expect(config['msi']).toMatchObject({
      perMachine: true,
      oneClick: true,
      runAfterFinish: false,
    });
    expect(config['pkg']).toMatchObject({
      installLocation: '/Applications',
      allowCurrentUserHome: false,
      isRelocatable: false,
    });
  });

  it('ships the policy templates with the app', () => {
    const resources = config['extraResources'] as Array<{ from: string; to: string }>;
    expect(resources).toContainEqual({ from: 'build/policy', to: 'policy' });
    expect(existsSync(new URL('build/policy/windows/AgentDesk.admx', root))).toBe(true);
  });

  it('ships an admin defaults example that the app itself accepts', () => {
    const resources = config['extraResources'] as Array<{ from: string; to: string }>;
    const from = resources.find((r) => r.to === 'agent-desk.defaults.example.json')?.from ?? '';
    expect(existsSync(new URL(from, root))).toBe(true);
    const path = new URL(from, root).pathname;
    const policy = mergeReadings(
      interpretDefaultsFile(path, { kind: 'text', text: readFileSync(path, 'utf8') }),
    );
    expect(policy.problems).toEqual([]);
    expect(policy.mandatory.values.gatewayUrl).toBe('https://cc-gateway.example.internal:8043');
  });

  it('has the icon electron-builder derives the platform icons from', () => {
    expect(existsSync(new URL('build/icon.png', root))).toBe(true);
  });
});
