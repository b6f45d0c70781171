import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { DeskResult, DeskSnapshot } from '../../main/ipc/contract';
import {
  signOutForSessionEnd,
  watchShutdown,
  watchWindowsSessionEnd,
  type WindowSessionEndEvent,
} from '../../main/shell/session-end';
import { withinBudget } from '../../main/shell/budget';
import { call, snapshot } from './fixtures';

function logger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

function desk(current: DeskSnapshot, signOut?: () => Promise<DeskResult<void>>) {
  return {
    snapshot: () => current,
    signOut: vi.fn(
      signOut ?? (async (): Promise<DeskResult<void>> => ({ ok: true, value: undefined })),
    ),
  };
}

function preventable(reasons?: string[]): WindowSessionEndEvent & { prevented: boolean } {
  const event = {
    prevented: false,
    ...(reasons === undefined ? {} : { reasons }),
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

const never = () => new Promise<DeskResult<void>>(() => undefined);

describe('withinBudget', () => {
  it('answers the work, or timed-out when the budget runs out first', async () => {
    await expect(withinBudget(Promise.resolve(7), 1_000)).resolves.toEqual({
      kind: 'done',
      value: 7,
    });
    let fire: () => void = () => undefined;
    const cancel = vi.fn();
    const pending = withinBudget(new Promise(() => undefined), 50, (fn) => {
      fire = fn;
      return cancel;
    });
    fire();
    await expect(pending).resolves.toEqual({ kind: 'timed-out' });
    await expect(withinBudget(Promise.reject(new Error('boom')), 50)).rejects.toThrow('boom');
  });
});

describe('signOutForSessionEnd', () => {
  it('signs a signed-in agent out', async () => {
    const d = desk(snapshot({ phase: 'signed-in' }));
    await expect(signOutForSessionEnd(d)).resolves.toEqual({ kind: 'signed-out' });
    expect(d.signOut).toHaveBeenCalledTimes(1);
  });

  it('never hangs up a live call: the agent stays signed in', async () => {
    const d = desk(snapshot({ phase: 'signed-in', call: call('talking') }));
    await expect(signOutForSessionEnd(d)).resolves.toEqual({ kind: 'call-active' });
    expect(d.signOut).not.toHaveBeenCalled();
  });

  it('stops signing in again by itself, even with the last call shown (issue #11)', async () => {
    // No session exists, but an attempt landing while the OS ends would make one that nobody
    // signs out: the desk's sign-out stops the attempts and wipes the kept password.
    const d = desk(snapshot({ phase: 'signing-in-again', call: call('talking') }));
    await expect(signOutForSessionEnd(d)).resolves.toEqual({ kind: 'stopped-signing-in-again' });
    expect(d.signOut).toHaveBeenCalledTimes(1);
  });

  it('does nothing when nobody is signed in', async () => {
    const d = desk(snapshot({ phase: 'signed-out' }));
    await expect(signOutForSessionEnd(d)).resolves.toEqual({ kind: 'not-signed-in' });
  });

  it('stops waiting at the budget and reports failures', async () => {
    let fire: () => void = () => undefined;
    const timedOut = signOutForSessionEnd(desk(snapshot(), never), 4_000, (fn) => {
      fire = fn;
      return () => undefined;
    });
    fire();
    await expect(timedOut).resolves.toEqual({ kind: 'timed-out', afterMs: 4_000 });
    const failed = desk(snapshot(), async () => ({
      ok: false,
      error: { kind: 'http', status: 503 },
    }));
    await expect(signOutForSessionEnd(failed)).resolves.toEqual({
      kind: 'failed',
      error: { kind: 'http', status: 503 },
    });
  });
});

describe('macOS and Linux shutdown', () => {
  it('delays the shutdown, leaves without a question, signs out, then quits', async () => {
    const monitor = new EventEmitter();
    const events: string[] = [];
    const d = desk(snapshot(), async () => {
      events.push('sign-out');
      return { ok: true, value: undefined };
    });
    const log = logger();
    const unwatch = watchShutdown(monitor, {
      desk: d,
      guard: { leaveWithoutAsking: () => events.push('leave-without-asking') },
      quit: () => events.push('quit'),
      logger: log,
    });
    const event = preventable();
    monitor.emit('shutdown', event);
    expect(event.prevented).toBe(true);
    await vi.waitFor(() => expect(events).toContain('quit'));
    expect(events).toEqual(['leave-without-asking', 'sign-out', 'quit']);
    expect(log.info).toHaveBeenCalledWith('shell:os-shutdown-sign-out', { outcome: 'signed-out' });
    unwatch();
    expect(monitor.listenerCount('shutdown')).toBe(0);
  });

  it('quits within the budget even when the gateway hangs', async () => {
    const monitor = new EventEmitter();
    const quit = vi.fn();
    let fire: () => void = () => undefined;
    watchShutdown(monitor, {
      desk: desk(snapshot(), never),
      guard: { leaveWithoutAsking: vi.fn() },
      quit,
      logger: logger(),
      setTimer: (fn) => {
        fire = fn;
        return () => undefined;
      },
    });
    monitor.emit('shutdown', preventable());
    expect(quit).not.toHaveBeenCalled();
    fire();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
  });
});

describe('Windows session end', () => {
  it('signs out at query-session-end without ever preventing it', async () => {
    const window = new EventEmitter();
    const d = desk(snapshot());
    const log = logger();
    watchWindowsSessionEnd(window, { desk: d, logger: log });
    const query = preventable(['shutdown']);
    window.emit('query-session-end', query);
    expect(query.prevented).toBe(false);
    expect(d.signOut).toHaveBeenCalledTimes(1);
    await vi.waitFor(() =>
      expect(log.info).toHaveBeenCalledWith('shell:os-session-end-sign-out', {
        outcome: 'signed-out',
      }),
    );
    window.emit('session-end', preventable(['shutdown']));
    expect(d.signOut).toHaveBeenCalledTimes(1);
    expect(log.info).toHaveBeenCalledWith('shell:os-session-ending', {
      reasons: 'shutdown',
      signOut: 'signed-out',
    });
  });

  it('starts the sign-out at session-end when no query came first, and logs it in flight', () => {
    const window = new EventEmitter();
    const d = desk(snapshot(), never);
    const log = logger();
    watchWindowsSessionEnd(window, { desk: d, logger: log });
    window.emit('session-end', preventable(['logoff']));
    expect(d.signOut).toHaveBeenCalledTimes(1);
    expect(log.info).toHaveBeenCalledWith('shell:os-session-ending', {
      reasons: 'logoff',
      signOut: 'in flight',
    });
  });
});
