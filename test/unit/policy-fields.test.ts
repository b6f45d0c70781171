/**
 * The policy metadata of every setting (main/settings/policy-fields.ts): complete, agreeing
 * with each field's schema, and covering what issue #12 requires to be policy-settable.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { intRange, settingsKeys } from '../../main/settings/fields';
import {
  fieldPolicies,
  policyKeys,
  policyShape,
  shapeOfSchema,
} from '../../main/settings/policy-fields';
import { parseSetting } from '../../main/settings/schema';

describe('policy metadata', () => {
  it('says for every setting whether policy may set it', () => {
    expect(Object.keys(fieldPolicies)).toEqual(settingsKeys);
    for (const key of settingsKeys) {
      const meta = fieldPolicies[key];
      if (meta.settable) {
        expect(meta.title.en, key).not.toBe('');
        expect(meta.title['zh-CN'], key).not.toBe('');
        expect(meta.explain.en, key).not.toBe('');
        expect(meta.explain['zh-CN'], key).not.toBe('');
      } else {
        expect(meta.why, key).not.toBe('');
      }
    }
  });

  it('makes the deployment settings policy-settable and keeps the agent identity out', () => {
    for (const key of [
      'gatewayUrl',
      'backupGatewayUrl',
      'caFile',
      'pinSha256',
      'pollGapMs',
      'pollTimeoutSeconds',
      'afterCall',
      'countdownSeconds',
      'countdownAction',
      'hardwareAcceleration',
    ] as const) {
      expect(policyKeys, key).toContain(key);
    }
    expect(policyKeys).not.toContain('rememberedAgentId');
    expect(policyKeys).not.toContain('rememberedPhone');
  });

  it('reads each shape from the schema, with labels for every choice', () => {
    expect(policyShape('pollGapMs')).toEqual({ type: 'integer', min: 50, max: 5000 });
    expect(policyShape('gatewayUrl')).toEqual({ type: 'string', maxLength: 2048 });
    expect(policyShape('notifyOnPreview')).toEqual({ type: 'boolean' });
    expect(policyShape('theme')).toEqual({ type: 'enum', options: ['system', 'light', 'dark'] });
    for (const key of policyKeys) {
      const shape = policyShape(key);
      const meta = fieldPolicies[key];
      if (!meta.settable) continue;
      if (shape.type === 'enum') {
        expect(Object.keys(meta.choices ?? {}).sort(), key).toEqual([...shape.options].sort());
      } else {
        expect('choices' in meta, key).toBe(false);
      }
      if (meta.example !== undefined) {
        expect(parseSetting(key, meta.example.value).ok, key).toBe(true);
      }
    }
  });

  it('describes lists, and refuses schemas a policy could not carry', () => {
    expect(shapeOfSchema(v.array(v.number()))).toEqual({ type: 'list' });
    expect(() => shapeOfSchema(v.number())).toThrow('minimum and a maximum');
    expect(() => shapeOfSchema(v.date())).toThrow('a date schema cannot be set by policy');
    expect(shapeOfSchema(intRange(0, 9))).toEqual({ type: 'integer', min: 0, max: 9 });
  });
});
