import { describe, expect, it } from 'vitest';
import { createDeskApi } from '../../main/ipc/bridge';
import type { CommandName, DeskResult } from '../../main/ipc/contract';
import { commandChannels } from '../../main/ipc/contract';
import { guards, parseCommand } from '../../main/ipc/guards';
import type { CommandHandlers } from '../../main/ipc/handlers';
import { createCommandHandlers, dispatchCommand } from '../../main/ipc/handlers';
import { fakeHost, validExamples } from './fakes';

const commandNames = Object.keys(commandChannels).sort() as CommandName[];

/** Handlers that fail the test if the core is ever reached. */
function forbiddenHandlers(reached: string[]): CommandHandlers {
  const table: Record<string, (req: unknown) => Promise<DeskResult<unknown>>> = {};
  for (const name of commandNames) {
    table[name] = async (req) => {
      reached.push(`${name} ${JSON.stringify(req)?.slice(0, 200)}`);
      return { ok: true, value: undefined };
    };
  }
  return table as unknown as CommandHandlers;
}

/** mulberry32: a small seeded PRNG so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dangerousKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Values no field accepts: wrong types, non-finite numbers, strings past every limit. */
function junkValue(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Number.NaN;
    case 2:
      return rand() < 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    case 3:
      return 'x'.repeat(2049 + Math.floor(rand() * (rand() < 0.05 ? 200_000 : 3000)));
    case 4:
      return [junkValue(rand, depth + 1), 1, 'a'];
    case 5:
      return depth > 3 ? {} : { nested: junkValue(rand, depth + 1), [pickKey(rand)]: 1 };
    case 6:
      return JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    case 7:
      return new Date(0);
    case 8:
      return new Map([['a', 1]]);
    case 9:
      return 1e308 * 10;
    case 10:
      return [];
    default:
      return Object.create(null) as object;
  }
}

function pickKey(rand: () => number): string {
  if (rand() < 0.5) return dangerousKeys[Math.floor(rand() * dangerousKeys.length)] ?? 'x';
  const length = 1 + Math.floor(rand() * (rand() < 0.05 ? 5000 : 12));
  let key = '';
  for (let i = 0; i < length; i += 1) key += String.fromCharCode(32 + Math.floor(rand() * 95));
  return key;
}

/** Sets an own property even for `__proto__` (as structured clone or JSON.parse would). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): object {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return target;
}

/** One malformed payload for `name`; every branch is invalid by construction. */
function malformed(name: CommandName, rand: () => number): unknown {
  const example = validExamples[name];
  const base: Record<string, unknown> =
    typeof example === 'object' && example !== null ? { ...example } : {};
  const keys = Object.keys(base);
  const kind = Math.floor(rand() * 6);
  if (kind === 0) {
    // The whole payload of a wrong type.
    const whole = [
      null,
      0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      'str',
      true,
      [base],
      [],
      new Date(),
    ];
    return whole[Math.floor(rand() * whole.length)];
  }
  if (kind === 1 || keys.length === 0) {
    // An extra key, often a prototype-pollution one.
    let extra = pickKey(rand);
    if (Object.hasOwn(base, extra)) extra = `${extra}_extra`;
    return withOwn(base, extra, junkValue(rand));
  }
  const key = keys[Math.floor(rand() * keys.length)] ?? '';
  if (kind === 2 && name !== 'updateSettings' && name !== 'testConnection') {
    // A required key missing (the optional-only commands skip to a wrong value instead).
    const optional = ['force', 'rememberPassword', 'reason'];
    if (!optional.includes(key)) {
      delete base[key];
      return base;
    }
  }
  if (kind === 3) {
    // The payload wrapped in an array (a common transport mistake).
    return [base];
  }
  // A known key with a value no field accepts.
  base[key] = junkValue(rand);
  return base;
}

describe('the IPC contract', () => {
  it('has a guard, a handler and a bridge method for every command', () => {
    expect(Object.keys(guards).sort()).toEqual(commandNames);
    expect(Object.keys(createCommandHandlers(fakeHost())).sort()).toEqual(commandNames);
    const api = createDeskApi(
      async () => ({ ok: true, value: undefined }),
      () => () => undefined,
      () => () => undefined,
    );
    expect(Object.keys(api).sort()).toEqual(
      [...commandNames, 'onChanged', 'onSettingsChanged'].sort(),
    );
  });

  it('accepts the valid example of every command and hands the parsed value to the core', async () => {
    const reached: string[] = [];
    const handlers = forbiddenHandlers(reached);
    for (const name of commandNames) {
      const result = await dispatchCommand(handlers, commandChannels[name], validExamples[name]);
      expect(result, name).toEqual({ ok: true, value: undefined });
    }
    expect(reached).toHaveLength(commandNames.length);
    expect(reached[commandNames.indexOf('holdCall')]).toBe('holdCall undefined');
  });

  it('answers invalid-request for 6,800 random malformed payloads without reaching the core', async () => {
    const rand = prng(0x5eed);
    const reached: string[] = [];
    const handlers = forbiddenHandlers(reached);
    let count = 0;
    for (let round = 0; round < 400; round += 1) {
      for (const name of commandNames) {
        const payload = malformed(name, rand);
        const result = await dispatchCommand(handlers, commandChannels[name], payload);
        count += 1;
        if (result.ok || result.error.kind !== 'invalid-request') {
          expect.fail(`${name} accepted ${String(JSON.stringify(payload)).slice(0, 300)}`);
        }
        expect(
          result.error.kind === 'invalid-request' && result.error.detail.length,
        ).toBeLessThanOrEqual(160);
      }
    }
    expect(count).toBe(400 * commandNames.length);
    expect(count).toBeGreaterThanOrEqual(5000);
    expect(reached).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses unknown channels, including prototype names', async () => {
    const reached: string[] = [];
    const handlers = forbiddenHandlers(reached);
    for (const channel of [
      'nope',
      '__proto__',
      'constructor',
      'toString',
      'session:sign-in ',
      '',
    ]) {
      const result = await dispatchCommand(handlers, channel, undefined);
      expect(result).toEqual({
        ok: false,
        error: { kind: 'invalid-request', detail: 'unknown command' },
      });
    }
    expect(reached).toEqual([]);
  });

  it('explains the first problem briefly and never echoes the value', () => {
    const secret = 'p'.repeat(40);
    const tooLong = parseCommand('signIn', { agentId: '1001', password: secret, phone: '1' });
    expect(tooLong).toEqual({
      ok: false,
      error: { kind: 'invalid-request', detail: 'password: must be at most 32 characters' },
    });
    expect(parseCommand('signIn', { agentId: '100', password: '', phone: '1' })).toMatchObject({
      error: { detail: 'agentId: must be an agent ID of digits 101–999999' },
    });
    expect(parseCommand('dialPreview', { controlId: '1' })).toMatchObject({
      error: { detail: 'number: is required' },
    });
    expect(parseCommand('declinePreview', { controlId: '1', evil: secret })).toMatchObject({
      error: { detail: 'evil: unknown field' },
    });
    expect(parseCommand('hangUp', null)).toMatchObject({
      error: { detail: 'payload takes no input (undefined or {})' },
    });
  });

  it('checks ranges and formats at the edges', () => {
    const accepts = (name: CommandName, payload: unknown) => parseCommand(name, payload).ok;
    expect(accepts('signIn', { agentId: '101', password: '', phone: '1' })).toBe(true);
    expect(
      accepts('signIn', { agentId: '999999', password: 'x'.repeat(32), phone: '1'.repeat(24) }),
    ).toBe(true);
    expect(accepts('signIn', { agentId: '1000000', password: '', phone: '1' })).toBe(false);
    expect(accepts('signIn', { agentId: '0101', password: '', phone: '1' })).toBe(false);
    expect(accepts('signIn', { agentId: '101', password: '', phone: '' })).toBe(false);
    expect(accepts('signIn', { agentId: '101', password: '', phone: '1'.repeat(25) })).toBe(false);
    expect(accepts('dialPreview', { controlId: '1'.repeat(19), number: '1' })).toBe(true);
    expect(accepts('dialPreview', { controlId: '1'.repeat(20), number: '1' })).toBe(false);
    expect(accepts('dialPreview', { controlId: '12a', number: '1' })).toBe(false);
    expect(accepts('sendDigits', { digits: '0123456789*#'.repeat(20) })).toBe(true);
    expect(accepts('sendDigits', { digits: '1'.repeat(241) })).toBe(false);
    expect(accepts('sendDigits', { digits: '' })).toBe(false);
    expect(accepts('sendDigits', { digits: '12A' })).toBe(false);
    expect(accepts('setAgentState', { state: 'not-ready', reason: 250 })).toBe(true);
    expect(accepts('setAgentState', { state: 'not-ready', reason: 199 })).toBe(false);
    expect(accepts('setAgentState', { state: 'rest', seconds: 86_399 })).toBe(true);
    expect(accepts('setAgentState', { state: 'rest', seconds: 86_400 })).toBe(false);
    expect(accepts('setAgentState', { state: 'rest', seconds: 1.5 })).toBe(false);
    expect(accepts('setAgentState', { state: 'rest', seconds: 60, reason: 256 })).toBe(false);
    expect(accepts('setAgentState', { state: 'ready', reason: 200 })).toBe(false);
    expect(accepts('updateSettings', { gatewayUrl: 'http://gw:8043' })).toBe(false);
    expect(accepts('updateSettings', { gatewayUrl: 'https://gw:8043/agentgateway' })).toBe(false);
    expect(accepts('updateSettings', { gatewayUrl: 'https://user:pw@gw:8043' })).toBe(false);
    expect(accepts('updateSettings', { gatewayUrl: 'https://10.0.0.1:8043/' })).toBe(true);
    expect(accepts('updateSettings', { pinSha256: 'AB:'.repeat(31) + 'CD' })).toBe(true);
    expect(accepts('updateSettings', { pinSha256: 'ab'.repeat(32) })).toBe(true);
    expect(accepts('updateSettings', { pinSha256: 'ab'.repeat(31) })).toBe(false);
    expect(accepts('updateSettings', { pollGapMs: 49 })).toBe(false);
    expect(accepts('updateSettings', { pollGapMs: 5000, countdownSeconds: 600 })).toBe(true);
    expect(accepts('updateSettings', { countdownSeconds: 601 })).toBe(false);
    expect(accepts('updateSettings', { caFile: 'relative/ca.pem' })).toBe(false);
    expect(accepts('updateSettings', { caFile: 'C:\\certs\\ca.pem' })).toBe(true);
    expect(accepts('updateSettings', { gatewayUrl: undefined })).toBe(false);
  });
});
