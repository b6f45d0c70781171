import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { initialAgent } from '../../main/desk/agent-state';
import { KeptCredentials } from '../../main/desk/kept-credentials';
import { chosenOf, requestFor } from '../../main/desk/restore';

const now = 1_700_000_000_000;

describe('the state the agent had chosen (issue #11 §3)', () => {
  const agent = (over: Partial<ReturnType<typeof initialAgent>>) => ({
    ...initialAgent(now),
    ...over,
  });

  it('reads ready, not ready with its reason, rest with its end, wrap-up; nothing for a call or unknown', () => {
    expect(chosenOf(agent({ state: 'ready' }), now)).toEqual({ state: 'ready' });
    expect(chosenOf(agent({ state: 'not-ready', reason: 207 }), now)).toEqual({
      state: 'not-ready',
      reason: 207,
    });
    expect(chosenOf(agent({ state: 'rest', reason: 4, restEndsAt: now + 9_000 }), now)).toEqual({
      state: 'rest',
      endsAt: now + 9_000,
      cause: 4,
    });
    expect(chosenOf(agent({ state: 'wrap-up' }), now)).toEqual({ state: 'wrap-up' });
    expect(chosenOf(agent({ state: 'busy' }), now)).toBeNull();
    expect(chosenOf(agent({ state: 'unknown' }), now)).toBeNull();
  });

  it('a state asked for and not confirmed yet is the choice', () => {
    expect(
      chosenOf(agent({ state: 'ready', pending: { state: 'rest', seconds: 60, reason: 2 } }), now),
    ).toEqual({
      state: 'rest',
      endsAt: now + 60_000,
      cause: 2,
    });
    expect(chosenOf(agent({ state: 'busy', pending: { state: 'not-ready' } }), now)).toEqual({
      state: 'not-ready',
      reason: null,
    });
  });

  it('asks for the one request that restores it from busy, never ready unless chosen', () => {
    expect(requestFor({ state: 'ready' }, now)).toEqual({ state: 'ready' });
    expect(requestFor({ state: 'not-ready', reason: 230 }, now)).toEqual({
      state: 'not-ready',
      reason: 230,
    });
    // Busy already: no reason, or one the gateway does not take (3 = forced by an inspector).
    expect(requestFor({ state: 'not-ready', reason: null }, now)).toBeNull();
    expect(requestFor({ state: 'not-ready', reason: 3 }, now)).toBeNull();
    expect(requestFor({ state: 'rest', endsAt: now + 90_500, cause: 9 }, now)).toEqual({
      state: 'rest',
      seconds: 91,
      reason: 9,
    });
    // Overdue: still a rest (1 s; the gateway's reminder follows at once).
    expect(requestFor({ state: 'rest', endsAt: now - 5_000, cause: null }, now)).toEqual({
      state: 'rest',
      seconds: 1,
    });
    expect(requestFor({ state: 'rest', endsAt: null, cause: 1 }, now)).toBeNull();
    expect(requestFor({ state: 'wrap-up' }, now)).toEqual({ state: 'wrap-up' });
  });
});

describe('the kept credentials', () => {
  it('never show the password when printed or serialised, and forget it when wiped', () => {
    const kept = new KeptCredentials();
    kept.keep({ agentId: '101', phone: '8101', password: 'S3cret-pw' });
    expect(JSON.stringify({ kept })).toBe('{"kept":"[kept credentials]"}');
    expect(inspect(kept)).toBe('KeptCredentials [redacted]');
    expect(inspect({ kept }, { depth: 5 })).not.toContain('S3cret-pw');
    expect(Object.keys(kept)).toEqual([]);
    expect(kept.take()).toEqual({ agentId: '101', phone: '8101', password: 'S3cret-pw' });
    kept.wipe();
    expect(kept.isKept).toBe(false);
    expect(kept.take()).toBeNull();
  });
});
