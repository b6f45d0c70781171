import { describe, expect, it, vi } from 'vitest';
import type { DeskResult, SessionPhase } from '../../main/ipc/contract';
import {
  QuitGuard,
  afterFailureChoiceFromResponse,
  exitPlan,
  quitChoiceFromResponse,
  quitDecision,
  quitDialog,
  signOutFailedDialog,
  signOutForQuit,
  signingOutTitle,
  type AfterFailureChoice,
  type QuitChoice,
  type QuitGuardDeps,
} from '../../main/shell/quit-guard';
import { call, snapshot } from './fixtures';

function logger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** A timer the test fires by hand. */
function manualTimer() {
  const pending: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  return {
    pending,
    setTimer: (fn: () => void, ms: number) => {
      const entry = { fn, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    fireAll() {
      for (const entry of pending.splice(0)) if (!entry.cancelled) entry.fn();
    },
  };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function setup(phase: SessionPhase, opts: { signOut?: () => Promise<DeskResult<void>> } = {}) {
  const choice = deferred<QuitChoice>();
  const afterFailure = deferred<AfterFailureChoice>();
  const timer = manualTimer();
  const log = logger();
  let current = snapshot({ phase });
  const events: string[] = [];
  const deps = {
    snapshot: () => current,
    showWindow: vi.fn(() => events.push('show-window')),
    ask: vi.fn(() => {
      events.push('ask');
      return choice.promise;
    }),
    signOut: vi.fn(
      opts.signOut ??
        (async (): Promise<DeskResult<void>> => {
          current = snapshot({ phase: 'signed-out' });
          return { ok: true, value: undefined };
        }),
    ),
    whenSignOutSettles: vi.fn(async (): Promise<void> => undefined),
    showProgress: vi.fn((isOn: boolean) => events.push(`progress-${isOn ? 'on' : 'off'}`)),
    askAfterFailure: vi.fn(() => {
      events.push('ask-after-failure');
      return afterFailure.promise;
    }),
    quit: vi.fn(() => events.push('quit')),
    logger: log,
    signOutBudgetMs: 8_000,
    setTimer: timer.setTimer,
  } satisfies QuitGuardDeps;
  const guard = new QuitGuard(deps);
  return {
    guard,
    deps,
    events,
    timer,
    log,
    choose: (c: QuitChoice) => choice.resolve(c),
    chooseAfterFailure: (c: AfterFailureChoice) => afterFailure.resolve(c),
    setPhase: (p: SessionPhase) => {
      current = snapshot({ phase: p });
    },
  };
}

describe('quit decision and exit plan', () => {
  it('asks while a session exists or is being made, waits for a sign-out in flight', () => {
    expect(quitDecision(snapshot({ phase: 'signed-in' }))).toBe('ask');
    expect(quitDecision(snapshot({ phase: 'signing-in' }))).toBe('ask');
    expect(quitDecision(snapshot({ phase: 'signing-out' }))).toBe('wait-for-sign-out');
    expect(quitDecision(snapshot({ phase: 'signed-out' }))).toBe('quit-now');
    // No session while signing in again (issue #11): nothing to sign out of.
    expect(quitDecision(snapshot({ phase: 'signing-in-again' }))).toBe('quit-now');
  });

  it('disposes only a signed-out desk: a signed-in one is never signed out behind the agent', () => {
    expect(exitPlan(snapshot({ phase: 'signed-out' }))).toBe('dispose-then-exit');
    expect(exitPlan(snapshot({ phase: 'signed-in' }))).toBe('exit-now');
    expect(exitPlan(snapshot({ phase: 'signing-out' }))).toBe('exit-now');
    expect(exitPlan(snapshot({ phase: 'signing-in' }))).toBe('exit-now');
    expect(exitPlan(snapshot({ phase: 'signing-in-again' }))).toBe('dispose-then-exit');
  });

  it('maps dialog buttons in order, and anything else to cancel', () => {
    expect(quitDialog('en', false).buttons).toEqual(['Sign out and quit', 'Quit anyway', 'Cancel']);
    expect(quitDialog('en', true).detail).toContain(
      'A call is in progress: signing out ends it first',
    );
    expect(quitDialog('zh-CN', false).buttons).toHaveLength(3);
    expect([0, 1, 2, 3, -1].map(quitChoiceFromResponse)).toEqual([
      'sign-out-and-quit',
      'quit-anyway',
      'cancel',
      'cancel',
      'cancel',
    ]);
    expect(quitDialog('en', false)).toMatchObject({ defaultId: 0, cancelId: 2 });
  });

  it('words the second question in both languages, defaulting to staying', () => {
    const timedOut = signOutFailedDialog('en', { kind: 'timed-out', afterMs: 8_000 });
    expect(timedOut.detail).toContain('did not answer within 8 seconds');
    expect(timedOut.buttons).toEqual(['Quit anyway', 'Back to the desk']);
    expect(timedOut).toMatchObject({ defaultId: 1, cancelId: 1 });
    const failed = signOutFailedDialog('zh-CN', {
      kind: 'failed',
      error: { kind: 'http', status: 503 },
    });
    expect(failed.buttons).toEqual(['直接退出', '返回工作台']);
    expect(failed.detail).toContain('503');
    expect([0, 1, 2].map(afterFailureChoiceFromResponse)).toEqual([
      'quit-anyway',
      'cancel',
      'cancel',
    ]);
    expect(signingOutTitle('en')).toContain('signing out');
    expect(signingOutTitle('zh-CN')).toContain('签出');
  });
});

describe('QuitGuard', () => {
  it('lets a signed-out desk quit at once without asking', () => {
    const { guard, deps } = setup('signed-out');
    expect(guard.request()).toBe(true);
    expect(deps.ask).not.toHaveBeenCalled();
    expect(guard.stage).toBe('leaving');
  });

  it('restores and focuses the window before asking, and asks once', async () => {
    const { guard, deps, events } = setup('signed-in');
    expect(guard.request()).toBe(false);
    expect(guard.request()).toBe(false); // a second quit event while asking: one dialog only
    await vi.waitFor(() => expect(deps.ask).toHaveBeenCalledTimes(1));
    expect(events.slice(0, 2)).toEqual(['show-window', 'ask']);
  });

  it('signs out with progress shown, then quits, on "Sign out and quit"', async () => {
    const { guard, deps, events, choose } = setup('signed-in');
    guard.request();
    choose('sign-out-and-quit');
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
    expect(deps.signOut).toHaveBeenCalledTimes(1);
    expect(events).toEqual(['show-window', 'ask', 'progress-on', 'progress-off', 'quit']);
    expect(guard.request()).toBe(true);
  });

  it('quits without signing out on "Quit anyway"', async () => {
    const { guard, deps, choose } = setup('signed-in');
    guard.request();
    choose('quit-anyway');
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
    expect(deps.signOut).not.toHaveBeenCalled();
    expect(guard.stage).toBe('leaving');
  });

  it('stays open on "Cancel" and asks again next time', async () => {
    const { guard, deps, log, choose } = setup('signed-in');
    guard.request();
    choose('cancel');
    await vi.waitFor(() =>
      expect(log.info).toHaveBeenCalledWith('shell:quit-choice', { choice: 'cancel' }),
    );
    expect(deps.quit).not.toHaveBeenCalled();
    expect(guard.request()).toBe(false);
    expect(deps.ask).toHaveBeenCalledTimes(2);
  });

  it('gives up after the budget with the window shown, and asks what to do', async () => {
    const { guard, deps, events, timer, log, choose, chooseAfterFailure } = setup('signed-in', {
      signOut: () => new Promise<DeskResult<void>>(() => undefined), // the gateway hangs
    });
    guard.request();
    choose('sign-out-and-quit');
    await vi.waitFor(() => expect(timer.pending.map((t) => t.ms)).toEqual([8_000]));
    expect(guard.stage).toBe('signing-out');
    timer.fireAll();
    await vi.waitFor(() => expect(deps.askAfterFailure).toHaveBeenCalledTimes(1));
    expect(deps.askAfterFailure).toHaveBeenCalledWith({ kind: 'timed-out', afterMs: 8_000 });
    expect(events).toEqual([
      'show-window',
      'ask',
      'progress-on',
      'progress-off',
      'show-window',
      'ask-after-failure',
    ]);
    expect(log.warn).toHaveBeenCalledWith('shell:sign-out-before-quit-failed', {
      failure: 'timed-out',
    });
    chooseAfterFailure('quit-anyway');
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
  });

  it('stays in the app when the agent goes back to the desk after a failed sign-out', async () => {
    const { guard, deps, choose, chooseAfterFailure } = setup('signed-in', {
      signOut: async () => ({ ok: false, error: { kind: 'timeout', phase: 'request' } }),
    });
    guard.request();
    choose('sign-out-and-quit');
    await vi.waitFor(() =>
      expect(deps.askAfterFailure).toHaveBeenCalledWith({
        kind: 'failed',
        error: { kind: 'timeout', phase: 'request' },
      }),
    );
    chooseAfterFailure('cancel');
    await vi.waitFor(() => expect(guard.stage).toBe('idle'));
    expect(deps.quit).not.toHaveBeenCalled();
  });

  it('lets a sign-out the agent started finish before quitting, without a question', async () => {
    const { guard, deps, events, setPhase } = setup('signing-out');
    const settled = deferred<void>();
    deps.whenSignOutSettles.mockImplementation(() => settled.promise);
    expect(guard.request()).toBe(false);
    expect(guard.stage).toBe('signing-out');
    setPhase('signed-out');
    settled.resolve();
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
    expect(deps.ask).not.toHaveBeenCalled();
    expect(events).toEqual(['progress-on', 'progress-off', 'quit']);
  });

  it('relaunches after exit when the app is started again while it is leaving', async () => {
    const { guard, deps, choose, log } = setup('signed-in', {
      signOut: () => new Promise<DeskResult<void>>(() => undefined),
    });
    guard.secondInstance();
    expect(guard.relaunchOnExit).toBe(false);
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    guard.request();
    choose('sign-out-and-quit');
    await vi.waitFor(() => expect(guard.stage).toBe('signing-out'));
    guard.secondInstance(); // the window is still up, with the progress: show it
    expect(guard.relaunchOnExit).toBe(true);
    expect(log.info).toHaveBeenCalledWith('shell:relaunch-after-exit');
    const shown = deps.showWindow.mock.calls.length;
    guard.leaveWithoutAsking();
    guard.secondInstance(); // leaving: no window to show any more
    expect(deps.showWindow).toHaveBeenCalledTimes(shown);
  });

  it('forgets the relaunch when the agent stays', async () => {
    const { guard, choose, timer, chooseAfterFailure } = setup('signed-in', {
      signOut: () => new Promise<DeskResult<void>>(() => undefined),
    });
    guard.request();
    choose('sign-out-and-quit');
    await vi.waitFor(() => expect(guard.stage).toBe('signing-out'));
    guard.secondInstance();
    timer.fireAll();
    chooseAfterFailure('cancel');
    await vi.waitFor(() => expect(guard.stage).toBe('idle'));
    expect(guard.relaunchOnExit).toBe(false);
  });

  it('quits without a question once the OS session is ending', () => {
    const { guard, deps } = setup('signed-in');
    guard.leaveWithoutAsking();
    expect(guard.request()).toBe(true);
    expect(deps.ask).not.toHaveBeenCalled();
  });

  it('stays open when the dialog itself fails', async () => {
    const { guard, deps, log } = setup('signed-in');
    deps.ask.mockImplementationOnce(() => Promise.reject(new Error('no display')));
    expect(guard.request()).toBe(false);
    await vi.waitFor(() =>
      expect(log.error).toHaveBeenCalledWith('shell:quit-dialog-failed', {
        error: 'Error: no display',
      }),
    );
    expect(deps.quit).not.toHaveBeenCalled();
    expect(guard.stage).toBe('idle');
  });
});

describe('signOutForQuit', () => {
  function fakeDesk(withCall: boolean) {
    let current = snapshot({ call: withCall ? call('talking') : null });
    const listeners = new Set<(s: ReturnType<typeof snapshot>) => void>();
    const ok = { ok: true, value: undefined } as const;
    return {
      listeners,
      release() {
        current = snapshot({ call: call('ended') });
        for (const listener of [...listeners]) listener(current);
      },
      snapshot: () => current,
      subscribe(listener: (s: ReturnType<typeof snapshot>) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      hangUp: vi.fn(async (): Promise<DeskResult<void>> => ok),
      signOut: vi.fn(async (): Promise<DeskResult<void>> => ok),
    };
  }

  it('signs out at once when there is no call', async () => {
    const desk = fakeDesk(false);
    await expect(signOutForQuit(desk)).resolves.toEqual({ ok: true, value: undefined });
    expect(desk.hangUp).not.toHaveBeenCalled();
  });

  it('hangs up a live call and signs out after its release event', async () => {
    const desk = fakeDesk(true);
    const timer = manualTimer();
    const done = signOutForQuit(desk, { setTimer: timer.setTimer });
    await vi.waitFor(() => expect(desk.hangUp).toHaveBeenCalledTimes(1));
    expect(desk.signOut).not.toHaveBeenCalled();
    desk.release();
    await done;
    expect(desk.signOut).toHaveBeenCalledTimes(1);
    expect(desk.listeners.size).toBe(0);
    expect(timer.pending.every((t) => t.cancelled)).toBe(true);
  });

  it('tries the sign-out anyway when the release event never comes', async () => {
    const desk = fakeDesk(true);
    const timer = manualTimer();
    const done = signOutForQuit(desk, { setTimer: timer.setTimer });
    await vi.waitFor(() => expect(timer.pending).toHaveLength(1));
    timer.fireAll();
    await done;
    expect(desk.signOut).toHaveBeenCalledTimes(1);
  });

  it('returns the hang-up failure without signing out', async () => {
    const desk = fakeDesk(true);
    desk.hangUp.mockResolvedValueOnce({ ok: false, error: { kind: 'http', status: 503 } });
    await expect(signOutForQuit(desk)).resolves.toEqual({
      ok: false,
      error: { kind: 'http', status: 503 },
    });
    expect(desk.signOut).not.toHaveBeenCalled();
  });
});
