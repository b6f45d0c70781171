import { describe, expect, it, vi } from 'vitest';
import type { DeskResult } from '../../main/ipc/contract';
import {
  QuitGuard,
  quitChoiceFromResponse,
  quitDecision,
  quitDialog,
  signOutForQuit,
  type QuitChoice,
} from '../../main/shell/quit-guard';
import { call, snapshot } from './fixtures';

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function setup(phase: 'signed-in' | 'signed-out', choice: QuitChoice, signOutOk = true) {
  let answer: (choice: QuitChoice) => void = () => undefined;
  const asked = new Promise<QuitChoice>((resolve) => {
    answer = resolve;
  });
  const deps = {
    snapshot: () => snapshot({ phase }),
    ask: vi.fn(() => asked),
    signOut: vi.fn(async (): Promise<DeskResult<void>> =>
      signOutOk
        ? { ok: true, value: undefined }
        : { ok: false, error: { kind: 'timeout', phase: 'request' } },
    ),
    quit: vi.fn(),
    logger,
  };
  const guard = new QuitGuard(deps);
  return { guard, deps, answer: () => answer(choice) };
}

describe('quit decision', () => {
  it('asks only while a session exists or is being made', () => {
    expect(quitDecision(snapshot({ phase: 'signed-in' }))).toBe('ask');
    expect(quitDecision(snapshot({ phase: 'signing-in' }))).toBe('ask');
    expect(quitDecision(snapshot({ phase: 'signed-out' }))).toBe('quit-now');
    expect(quitDecision(snapshot({ phase: 'signing-out' }))).toBe('quit-now');
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
});

describe('QuitGuard', () => {
  it('lets a signed-out desk quit at once without asking', () => {
    const { guard, deps } = setup('signed-out', 'cancel');
    expect(guard.request()).toBe(true);
    expect(deps.ask).not.toHaveBeenCalled();
  });

  it('signs out, then quits, on "Sign out and quit"', async () => {
    const { guard, deps, answer } = setup('signed-in', 'sign-out-and-quit');
    expect(guard.request()).toBe(false);
    expect(guard.request()).toBe(false); // a second quit event while asking: one dialog only
    expect(deps.ask).toHaveBeenCalledTimes(1);
    answer();
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
    expect(deps.signOut).toHaveBeenCalledTimes(1);
    expect(guard.request()).toBe(true);
  });

  it('quits without signing out on "Quit anyway"', async () => {
    const { guard, deps, answer } = setup('signed-in', 'quit-anyway');
    expect(guard.request()).toBe(false);
    answer();
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
    expect(deps.signOut).not.toHaveBeenCalled();
  });

  it('stays open on "Cancel" and asks again next time', async () => {
    const { guard, deps, answer } = setup('signed-in', 'cancel');
    expect(guard.request()).toBe(false);
    answer();
    await vi.waitFor(() =>
      expect(logger.info).toHaveBeenCalledWith('shell:quit-choice', { choice: 'cancel' }),
    );
    expect(deps.quit).not.toHaveBeenCalled();
    expect(guard.request()).toBe(false);
    expect(deps.ask).toHaveBeenCalledTimes(2);
  });

  it('still quits when the sign-out fails, and logs it', async () => {
    const { guard, deps, answer } = setup('signed-in', 'sign-out-and-quit', false);
    guard.request();
    answer();
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
    expect(logger.warn).toHaveBeenCalledWith('shell:sign-out-before-quit-failed', {
      error: { kind: 'timeout', phase: 'request' },
    });
  });

  it('stays open when the dialog itself fails', async () => {
    const { guard, deps } = setup('signed-in', 'cancel');
    deps.ask.mockImplementationOnce(() => Promise.reject(new Error('no display')));
    expect(guard.request()).toBe(false);
    await vi.waitFor(() =>
      expect(logger.error).toHaveBeenCalledWith('shell:quit-dialog-failed', {
        error: 'Error: no display',
      }),
    );
    expect(deps.quit).not.toHaveBeenCalled();
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
    const setTimer = vi.fn();
    const done = signOutForQuit(desk, { setTimer });
    await vi.waitFor(() => expect(desk.hangUp).toHaveBeenCalledTimes(1));
    expect(desk.signOut).not.toHaveBeenCalled();
    desk.release();
    await done;
    expect(desk.signOut).toHaveBeenCalledTimes(1);
    expect(desk.listeners.size).toBe(0);
  });

  it('tries the sign-out anyway when the release event never comes', async () => {
    const desk = fakeDesk(true);
    let fire: () => void = () => undefined;
    const done = signOutForQuit(desk, { setTimer: (fn) => (fire = fn) });
    await vi.waitFor(() => expect(desk.hangUp).toHaveBeenCalledTimes(1));
    fire();
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
