/**
 * Linux policies: /etc/agent-desk/policies.json with `mandatory` and `recommended`, and
 * the precedence between the platform's policy and the administrator defaults file.
 */
import { describe, expect, it } from 'vitest';
import { adminDefaultsSource } from '../../main/settings/admin-defaults';
import { interpretPoliciesJson, linuxPolicySource } from '../../main/settings/policy/linux';
import { mergeReadings, shownName } from '../../main/settings/policy/merge';
import { snapshotFrom } from '../../main/settings/policy/sources';

const origin = '/etc/agent-desk/policies.json';
const read = (value: unknown) =>
  mergeReadings(interpretPoliciesJson(origin, { kind: 'text', text: JSON.stringify(value) }));

describe('policies.json', () => {
  it('reads mandatory and recommended values of their JSON types', () => {
    const policy = read({
      $comment: 'managed by Ansible',
      mandatory: { gatewayUrl: 'https://gw.example:8043', hardwareAcceleration: false },
      recommended: { countdownSeconds: 20, countdownAction: 'decline', notifyOnPreview: false },
    });
    expect(policy.mandatory.values).toEqual({
      gatewayUrl: 'https://gw.example:8043',
      hardwareAcceleration: false,
    });
    expect(policy.recommended.values).toEqual({
      countdownSeconds: 20,
      countdownAction: 'decline',
      notifyOnPreview: false,
    });
    expect(policy.problems).toEqual([]);
  });

  it('names unknown sections, unknown settings and invalid values; keeps the rest', () => {
    const policy = read({
      mandatory: { gatewayUrl: 'https://gw.example:8043', pollGapMs: '200', gatewayURL: 'x' },
      recommended: ['theme'],
      locked: ['gatewayUrl'],
    });
    expect(policy.mandatory.values).toEqual({ gatewayUrl: 'https://gw.example:8043' });
    expect(policy.problems.map((p) => `${p.key}: ${p.detail}`)).toEqual([
      'pollGapMs: must be a number',
      // Exact names only here (JSON is case-sensitive, unlike the registry).
      'gatewayURL: unknown setting',
      'locked: unknown section (expected mandatory or recommended)',
      'recommended: must be an object of settings',
    ]);
  });

  it('accepts a byte-order mark and reports text that is not JSON', () => {
    const bom = `\uFEFF${JSON.stringify({ mandatory: { theme: 'dark' } })}`;
    expect(
      mergeReadings(interpretPoliciesJson(origin, { kind: 'text', text: bom })).mandatory.values,
    ).toEqual({ theme: 'dark' });
    const broken = mergeReadings(interpretPoliciesJson(origin, { kind: 'text', text: '{ "a": ' }));
    expect(broken.problems).toEqual([
      { origin, key: null, detail: expect.stringMatching(/^not JSON: /) },
    ]);
    expect(mergeReadings(interpretPoliciesJson(origin, { kind: 'missing' })).problems).toEqual([]);
  });

  it('lets the platform policy win over the defaults file at each level', () => {
    const sources = [linuxPolicySource(), adminDefaultsSource('/etc/agent-desk/defaults.json')];
    const policy = snapshotFrom(sources, [
      {
        kind: 'text',
        text: JSON.stringify({
          mandatory: { gatewayUrl: 'https://policy.example:8043' },
          recommended: { theme: 'dark' },
        }),
      },
      {
        kind: 'text',
        text: JSON.stringify({
          defaults: { gatewayUrl: 'https://file.example:8043', theme: 'light', language: 'zh-CN' },
          locked: ['gatewayUrl', 'caFile'],
        }),
      },
    ]);
    expect(policy.mandatory.values).toEqual({
      gatewayUrl: 'https://policy.example:8043',
      caFile: '',
    });
    expect(policy.mandatory.origins).toEqual({
      gatewayUrl: origin,
      caFile: '/etc/agent-desk/defaults.json',
    });
    expect(policy.recommended.values).toEqual({ theme: 'dark', language: 'zh-CN' });
  });

  it('shows administrator-written names safely: no control characters, bounded', () => {
    expect(shownName('bad\u0000name\n')).toBe('bad?name?');
    expect(shownName('x'.repeat(100))).toHaveLength(64);
    const policy = read({ mandatory: { ['__proto__']: 1, constructor: 2 } });
    expect(policy.problems.map((p) => p.key)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(policy.mandatory.values)).toEqual([]);
  });
});
