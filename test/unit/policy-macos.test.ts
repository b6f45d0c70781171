/**
 * macOS policies: managed preferences of the app's bundle id as XML property lists (the
 * binary ones are converted by plutil first, which only exists on a Mac).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { macBundleId, interpretPlist, macManagedSources } from '../../main/settings/policy/macos';
import { mergeReadings } from '../../main/settings/policy/merge';
import { snapshotFrom } from '../../main/settings/policy/sources';

const text = (name: string) => ({
  kind: 'text' as const,
  text: readFileSync(new URL(`./fixtures/plist/${name}`, import.meta.url), 'utf8'),
});
const device = `/Library/Managed Preferences/${macBundleId}.plist`;
const user = `/Library/Managed Preferences/agent7/${macBundleId}.plist`;

describe('macOS managed preferences', () => {
  it('reads top-level keys as mandatory and the Recommended dictionary as recommended', () => {
    const policy = mergeReadings(interpretPlist(device, text('device.plist')));
    expect(policy.mandatory.values).toEqual({
      gatewayUrl: 'https://cc-gw.example.internal:8043',
      pollGapMs: 250,
      notifyOnPreview: false,
    });
    expect(policy.recommended.values).toEqual({ theme: 'dark', countdownSeconds: 45 });
    expect(policy.recommended.origins.theme).toBe(`${device} (Recommended)`);
    // Profile metadata such as PayloadUUID is not a setting and not a problem.
    expect(policy.problems).toEqual([]);
  });

  it('prefers the device profile over the user profile, and names wrong types', () => {
    const [deviceSource, userSource] = macManagedSources('agent7');
    expect(deviceSource?.probe).toEqual({ kind: 'plist', path: device });
    expect(userSource?.probe).toEqual({ kind: 'plist', path: user });
    const policy = snapshotFrom(
      [deviceSource!, userSource!],
      [text('device.plist'), text('user.plist')],
    );
    expect(policy.mandatory.values).toMatchObject({
      gatewayUrl: 'https://cc-gw.example.internal:8043',
      language: 'zh-CN',
    });
    expect(policy.mandatory.origins.language).toBe(user);
    expect(policy.problems.map((p) => `${p.key}: ${p.detail}`)).toEqual([
      'Recommended: must be a dictionary',
      'pollGapMs: must be a number',
      'countdownAction: must be none, dial-first or decline',
      'caFile: must be text',
    ]);
  });

  it('treats a missing file as no policy and a broken one as a problem', () => {
    expect(mergeReadings(interpretPlist(device, { kind: 'missing' })).problems).toEqual([]);
    const broken = mergeReadings(interpretPlist(device, { kind: 'text', text: 'garbage' }));
    expect(broken.problems).toEqual([
      { origin: device, key: null, detail: expect.stringMatching(/^not a property list/) },
    ]);
    const array = mergeReadings(
      interpretPlist(device, { kind: 'text', text: '<plist><array/></plist>' }),
    );
    expect(array.problems[0]?.detail).toBe('the property list is not a dictionary');
    expect(
      mergeReadings(interpretPlist(device, { kind: 'failed', detail: 'plutil could not convert' }))
        .problems,
    ).toEqual([{ origin: device, key: null, detail: 'plutil could not convert' }]);
  });

  it('reads no user profile for a user name that would leave the folder', () => {
    for (const name of ['', '..', 'a/b']) {
      expect(macManagedSources(name).map((s) => s.origin)).toEqual([device]);
    }
  });

  it('uses the bundle id electron-builder gives the app', () => {
    const config = parse(
      readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8'),
    ) as { appId: string };
    expect(macBundleId).toBe(config.appId);
  });
});
