/**
 * Continuity (issue #11) against scripted gateways and a fake clock: the backoff and its
 * window, where each attempt goes, what ends the attempts, and how a ShutdownService is read.
 */
import { describe, expect, it } from 'vitest';
import type { DeskOptions } from '../../main/desk/desk';
import { signInAgainDelayMs } from '../../main/desk/backoff';
import { SIGN_IN_FINAL_RETCODES } from '../../main/gateway/assumptions';
import { creds, makeDesk, signedIn } from '../desk/support/desk-harness';
import {
  ev,
  fail,
  netErr,
  ok,
  retcode,
  signInInfo,
  signedOut,
  type FakeGateway,
} from '../desk/support/fake-gateway';

type Script = (gw: FakeGateway, index: number) => void;

/** A desk that signs in again (10 min unless told), whose new sessions `script` shapes. */
function continuityDesk(extra: Partial<DeskOptions> = {}) {
  let script: Script = () => undefined;
  const h = makeDesk({ autoSignInMinutes: () => 10, ...extra }, (gw, i) => script(gw, i));
  return {
    ...h,
    script(s: Script) {
      script = s;
    },
  };
}

/** The gateway confirms the session is gone (100-006 to the poll, updateGuid and agentstatus). */
async function refuse(h: ReturnType<typeof continuityDesk>, gw: FakeGateway): Promise<void> {
  gw.handlers.updateGuid = () => fail(signedOut('100-006'));
  gw.handlers.agentStatus = () => fail(signedOut('100-006'));
  gw.push(fail(signedOut('100-006')));
  await h.clock.advance(0);
}

const baseUrl = (gw: FakeGateway | undefined) => gw?.connection?.baseUrl;

/**
 * A signed-in desk whose gateway went silent (every request times out) for 10 s, the
 * liveness limit: the desk is signing in again. `answerAgain()` makes the old session answer.
 */
async function oldSessionSilent() {
  const h = continuityDesk({ lostAfterMs: 10_000 });
  const gw = await signedIn(h);
  gw.handlers.updateGuid = () => fail({ kind: 'timeout', phase: 'request' });
  gw.handlers.agentStatus = () => fail({ kind: 'timeout', phase: 'request' });
  gw.push(fail({ kind: 'timeout', phase: 'socket' }));
  await h.clock.advance(10_000);
  return {
    h,
    gw,
    answerAgain() {
      delete gw.handlers.agentStatus;
      delete gw.handlers.updateGuid;
    },
  };
}

describe('the backoff of signing in again', () => {
  it('is 1, 2, 4 … 30 s, each jittered ±50 %', () => {
    const steps = [0, 1, 2, 3, 4, 5, 6, 12];
    expect(steps.map((n) => signInAgainDelayMs(n, () => 0.5))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(signInAgainDelayMs(0, () => 0)).toBe(500);
    expect(signInAgainDelayMs(0, () => 0.999_999)).toBe(1_500);
    expect(signInAgainDelayMs(9, () => 0.999_999)).toBe(45_000);
  });

  it('waits each step, shows attempt and next time, and gives up at the end of the window', async () => {
    const h = continuityDesk({ autoSignInMinutes: () => 1 });
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(netErr);
    });
    await refuse(h, gw);
    const seen: Array<[number, number | null]> = [];
    for (let i = 0; i < 5; i += 1) {
      const view = h.desk.snapshot().session.signInAgain;
      seen.push([view?.attempt ?? -1, (view?.nextAttemptAt ?? 0) - h.clock.now()]);
      await h.clock.advance((view?.nextAttemptAt ?? h.clock.now()) - h.clock.now());
    }
    expect(seen).toEqual([
      [0, 1_000],
      [1, 2_000],
      [2, 4_000],
      [3, 8_000],
      [4, 16_000],
    ]);
    // The fifth attempt failed 31 s after the loss; the next step (30 s) would pass the
    // 1-minute window: the desk gives up now rather than promise an attempt it will not make.
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-out');
    expect(s.session.lastSignOut).toEqual({
      kind: 'not-signed-in-again',
      loss: 'restart',
      end: 'gave-up',
      error: netErr,
    });
    expect(s.connection.health).toBe('lost');
    expect(h.sessions.filter((g) => g.count('login') > 0)).toHaveLength(6); // the first + 5
    await h.clock.advance(60_000);
    expect(h.sessions.filter((g) => g.count('login') > 0)).toHaveLength(6);
  });

  it('signs in plain and busy (status 3), never forced, then resets the skills', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    await refuse(h, gw);
    await h.clock.advance(1_000);
    const again = h.sessions.at(-1);
    expect(again?.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['login', 'resetSkill', 'pollEvent']),
    );
    expect(again?.count('forceLogin')).toBe(0);
    expect(again?.calls.find((c) => c.method === 'login')?.args[0]).toMatchObject({
      agentId: creds.agentId,
      startAs: 'busy',
    });
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
  });
});

describe('a session made by signing in again', () => {
  it('tells the desk what the gateway answers, as a session signed in by hand does', async () => {
    const h = continuityDesk({ lostAfterMs: 3_600_000 });
    const gw = await signedIn(h);
    await refuse(h, gw);
    await h.clock.advance(1_000);
    const again = h.sessions.at(-1);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
    // A rotated Guid is logged.
    again?.observer.onGuidRotated?.();
    expect(h.desk.eventLog().some((e) => e.name === 'guid-rotated')).toBe(true);
    // A signed-out answer to any request is confirmed at once (§2.2), not at the next poll.
    const asked = () => (again?.count('updateGuid') ?? 0) + (again?.count('agentStatus') ?? 0);
    const before = asked();
    again?.observer.onCall?.({ method: 'sayFree', durationMs: 5, outcome: '100-006' });
    await h.clock.advance(0);
    expect(asked()).toBeGreaterThan(before);
  });
});

describe('where each attempt goes', () => {
  it('after a node went down: the other gateway first, then they alternate', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(netErr);
    });
    gw.handlers.updateGuid = () => fail(netErr);
    gw.push(fail(netErr));
    await h.clock.advance(0);
    await h.clock.advance(200);
    expect(h.desk.snapshot().session.signInAgain).toMatchObject({
      loss: 'gateway-down',
      gateway: 'backup',
    });
    for (let i = 0; i < 4; i += 1) await h.clock.advance(30_000);
    expect(
      h.sessions
        .slice(1)
        .filter((g) => g.count('login') > 0)
        .map(baseUrl)
        .slice(0, 4),
    ).toEqual([
      'https://backup:8043',
      'https://primary:8043',
      'https://backup:8043',
      'https://primary:8043',
    ]);
  });

  it('while the old session may live, asks only it; the backup only after its silence sign-out', async () => {
    const h = continuityDesk({
      lostAfterMs: 10_000,
      gatewaySilenceMs: 20_000,
      silenceMarginMs: 1_000,
    });
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(netErr);
    });
    gw.handlers.updateGuid = () => fail({ kind: 'timeout', phase: 'request' });
    gw.handlers.agentStatus = () => fail({ kind: 'timeout', phase: 'request' });
    gw.push(fail({ kind: 'timeout', phase: 'socket' }));
    await h.clock.advance(10_000);
    const lost = h.desk.snapshot().session.signInAgain;
    expect(lost).toMatchObject({ loss: 'unreachable', gateway: 'primary' });
    expect(lost?.oldSessionEndsBy).toBe(h.clock.now() - 10_000 + 21_000);
    await h.clock.advance(10_000);
    // Attempts so far only asked the old session (agentstatus with its Guid): no sign-in.
    expect(gw.count('agentStatus')).toBeGreaterThanOrEqual(2);
    expect(h.sessions.slice(1).filter((g) => g.count('login') > 0)).toEqual([]);
    await h.clock.advance(20_000);
    expect(
      h.sessions
        .slice(1)
        .filter((g) => g.count('login') > 0)
        .map(baseUrl)[0],
    ).toBe('https://primary:8043');
    await h.clock.advance(30_000);
    expect(
      h.sessions
        .slice(1)
        .filter((g) => g.count('login') > 0)
        .map(baseUrl),
    ).toContain('https://backup:8043');
  });

  it('carries on with the old session when it answers (nothing new at the gateway)', async () => {
    const { h, gw, answerAgain } = await oldSessionSilent();
    expect(h.desk.snapshot().session.phase).toBe('signing-in-again');
    answerAgain();
    await h.clock.advance(1_000);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-in');
    expect(s.connection.gateway).toBe('primary');
    expect(h.sessions).toHaveLength(1);
    expect(gw.closed).toBe(false);
  });

  it('re-syncs the screen with the old session when it answers', async () => {
    const { h, gw, answerAgain } = await oldSessionSilent();
    expect(h.desk.snapshot().agent.state).toBe('signed-out');
    answerAgain();
    const asked = gw.count('agentStatus');
    await h.clock.advance(1_000);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-in');
    // Asked again once the old session answered, and shown as the gateway has it (idle).
    expect(gw.count('agentStatus')).toBeGreaterThan(asked);
    expect(s.agent.state).toBe('ready');
    expect(s.connection.resyncing).toBe(false);
  });

  it('leaves a signed-out answer to the re-sync after a resume to the poll loop (no take-over from it)', async () => {
    const h = continuityDesk({ confirmDelaysMs: [0, 3_000, 8_000] });
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(retcode('100-002'));
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    gw.handlers.updateGuid = () => ok(undefined); // the old session answers; agentstatus still 100-006
    await h.clock.advance(2_000);
    const logins = h.sessions.filter((g) => g.count('login') > 0).length;
    await h.clock.advance(30_000);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
    expect(h.sessions.filter((g) => g.count('login') > 0)).toHaveLength(logins);
    expect(
      h.desk.eventLog().some((e) => e.name === 'resync' && e.summary.includes('resumed')),
    ).toBe(true);
  });

  it('re-checks the old session when a sign-in on its gateway finds the ID held (§2.2 schedule)', async () => {
    const h = continuityDesk({ confirmDelaysMs: [0, 3_000, 8_000] });
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(retcode('100-002'));
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    // The refusal was a passing glitch: the old session answers at the second check.
    gw.handlers.updateGuid = () => ok(undefined);
    await h.clock.advance(2_000);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-in');
    expect(h.sessions.filter((g) => g.count('forceLogin') > 0)).toEqual([]);
  });
});

describe('what ends the attempts', () => {
  it.each([...SIGN_IN_FINAL_RETCODES])('%s ends them at once, with the reason', async (code) => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(retcode(code));
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    expect(h.desk.snapshot().session.lastSignOut).toMatchObject({
      kind: 'not-signed-in-again',
      end: 'refused',
      error: { retcode: code },
    });
    await h.clock.advance(60_000);
    expect(h.sessions.filter((g) => g.count('login') > 0)).toHaveLength(2);
  });

  it.each(['100-003', '100-007', '100-021', '000-004', '105-002'])(
    '%s is tried again',
    async (code) => {
      const h = continuityDesk();
      const gw = await signedIn(h);
      h.script((next) => {
        next.handlers.login = () => fail(retcode(code));
      });
      await refuse(h, gw);
      await h.clock.advance(4_000);
      expect(h.desk.snapshot().session.phase).toBe('signing-in-again');
      expect(h.sessions.filter((g) => g.count('login') > 0)).toHaveLength(3);
    },
  );

  it('isForceChange: the new session is signed out again and the attempts end', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => ok({ ...signInInfo, isForceChange: true });
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    const again = h.sessions.at(-1);
    expect(again?.count('logout')).toBe(1);
    expect(again?.closed).toBe(true);
    expect(h.desk.snapshot().session.lastSignOut).toMatchObject({ end: 'must-change-password' });
  });

  it('the retake question lapses at the end of the window and the password goes', async () => {
    const h = continuityDesk({ autoSignInMinutes: () => 1, confirmDelaysMs: [0] });
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(retcode('100-002'));
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    expect(h.desk.snapshot().session.retake).toMatchObject({ agentId: creds.agentId });
    await h.clock.advance(60_000);
    expect(h.desk.snapshot().session.retake).toBeNull();
    expect(await h.desk.signInAgainNow({ force: true })).toMatchObject({
      error: { reason: 'not-signing-in-again' },
    });
  });

  it('signing in by hand drops the retake question and the kept password, even when it fails', async () => {
    const h = continuityDesk({ confirmDelaysMs: [0] });
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(retcode('100-002'));
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    expect(h.desk.snapshot().session.retake).not.toBeNull();
    h.script((next) => {
      next.handlers.login = () => fail(retcode('100-004'));
    });
    expect(await h.desk.signIn({ ...creds, password: 'typo' })).toMatchObject({
      error: { retcode: '100-004' },
    });
    expect(h.desk.snapshot().session.retake).toBeNull();
    expect(await h.desk.signInAgainNow({ force: true })).toMatchObject({
      error: { reason: 'not-signing-in-again' },
    });
    expect(h.sessions.filter((g) => g.count('forceLogin') > 0)).toEqual([]);
  });

  it('a session made after Stop is signed out at once', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    let release: (() => void) | null = null;
    h.script((next) => {
      next.handlers.login = () =>
        new Promise((resolve) => {
          release = () => resolve(ok(signInInfo));
        });
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    expect((await h.desk.stopSigningInAgain()).ok).toBe(true);
    (release as (() => void) | null)?.();
    await h.clock.advance(0);
    expect(h.sessions.at(-1)?.count('logout')).toBe(1);
    expect(h.desk.snapshot().session.phase).toBe('signed-out');
  });
});

describe('reading AgentOther_ShutdownService', () => {
  const shutdown = ev('shutdown-service', { loginTime: '1' });

  it.each([
    ['000-003', { kind: 'elsewhere' }],
    ['100-006', { kind: 'supervisor' }],
  ] as const)(
    'a Guid-less agentstatus answered %s: %o, never signed in again',
    async (code, reason) => {
      const h = continuityDesk();
      const gw = await signedIn(h);
      h.script((probe) => {
        probe.handlers.agentStatus = () => fail(signedOut(code));
      });
      gw.emit(shutdown);
      await h.clock.advance(0);
      const s = h.desk.snapshot();
      expect(s.session.lastSignOut).toEqual(reason);
      expect(s.connection.health).toBe('offline');
      const probe = h.sessions[1];
      expect(probe?.hasSession).toBe(false); // no Guid was sent
      expect(probe?.calls.map((c) => c.method)).toEqual(['agentStatus']);
      await h.clock.advance(60_000);
      expect(h.sessions).toHaveLength(2);
    },
  );

  it('stays "ended by the gateway" when the question cannot be answered', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    h.script((probe) => {
      probe.handlers.agentStatus = () => fail(netErr);
    });
    gw.emit(shutdown);
    await h.clock.advance(0);
    expect(h.desk.snapshot().session.lastSignOut).toEqual({ kind: 'shutdown' });
  });

  it('after our own silence longer than the gateway waits, it is the silence sign-out: signed in again', async () => {
    const h = continuityDesk({ gatewaySilenceMs: 20_000, silenceMarginMs: 0, lostAfterMs: 60_000 });
    const gw = await signedIn(h);
    gw.push(ok(null));
    await h.clock.advance(0);
    // Asleep: nothing answers for 30 s; then the poll's answer carries the ShutdownService.
    gw.handlers.agentStatus = () => fail({ kind: 'timeout', phase: 'request' });
    await h.clock.advance(30_000);
    delete gw.handlers.agentStatus;
    gw.emit(shutdown);
    await h.clock.advance(0);
    expect(h.desk.snapshot().session.signInAgain?.loss).toBe('timeout');
    await h.clock.advance(1_000);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
  });
});

describe('the screen while signing in again', () => {
  it('hides the Ready of the busy sign-in, and commands say the desk is signing in again', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    gw.emit(ev('state-ready', {}));
    await h.clock.advance(0);
    await refuse(h, gw);
    expect(await h.desk.sendDigits({ digits: '1' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'signing-in-again' },
    });
    expect(await h.desk.signIn(creds)).toMatchObject({ error: { reason: 'signing-in-again' } });
    h.script((next) => {
      next.status = { agentState: 3, isWorking: false };
    });
    await h.clock.advance(1_000);
    const again = h.sessions.at(-1) as FakeGateway;
    again.emit(ev('in-service', {}), ev('state-ready', {}), ev('state-not-ready', { reason: 0 }));
    await h.clock.advance(0);
    const states = h.published.map((x) => `${x.session.phase}:${x.agent.state}`);
    const lostAt = states.indexOf('signing-in-again:signed-out');
    const readyAgain = states.findIndex((x, i) => i > lostAt && x === 'signed-in:ready');
    expect(lostAt).toBeGreaterThan(-1);
    expect(states.slice(lostAt, readyAgain === -1 ? undefined : readyAgain)).not.toContain(
      'signed-in:ready',
    );
    expect(again.count('cancelBusy')).toBe(1);
  });

  it('never logs the password', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(retcode('100-004'));
    });
    await refuse(h, gw);
    await h.clock.advance(1_000);
    expect(h.logger.lines.some((l) => l.includes(creds.password))).toBe(false);
    expect(h.published.some((x) => JSON.stringify(x).includes(creds.password))).toBe(false);
  });
});

describe('keys, the call and resume around a loss', () => {
  /** Signed in, a talking call of ours on the screen. */
  async function talking(h: ReturnType<typeof continuityDesk>): Promise<FakeGateway> {
    const gw = await signedIn(h);
    gw.emit(ev('talking', { callId: 'c-1', caller: '70101', called: '900', feature: 44 }));
    await h.clock.advance(0);
    expect(h.desk.snapshot().call?.phase).toBe('talking');
    return gw;
  }

  it('refuses keys while a key request of the lost session is unanswered, then takes them', async () => {
    const h = continuityDesk();
    const gw = await talking(h);
    let answer: (() => void) | null = null;
    gw.handlers.secondDialEx = () =>
      new Promise((resolve) => {
        answer = () => resolve(fail(netErr));
      });
    expect((await h.desk.sendDigits({ digits: '1' })).ok).toBe(true);
    await refuse(h, gw);
    h.script((next) => {
      next.status = { agentState: 7, isWorking: true };
      next.callInfoValue = {
        callId: 'c-1',
        caller: '70101',
        called: '900',
        callFeature: 44,
        beginTime: null,
        callData: '',
      };
    });
    await h.clock.advance(1_000);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
    expect(h.desk.snapshot().call).toMatchObject({ callId: 'c-1', phase: 'talking' });
    expect(await h.desk.sendDigits({ digits: '2' })).toEqual({
      ok: false,
      error: {
        kind: 'refused',
        reason: 'signing-in-again',
        detail: 'an earlier key request is still unanswered',
      },
    });
    (answer as (() => void) | null)?.();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call?.dtmf.unsent).toBe('1');
    expect((await h.desk.sendDigits({ digits: '2' })).ok).toBe(true);
    await h.clock.advance(0);
    expect(h.sessions.at(-1)?.calls.filter((c) => c.method === 'secondDialEx')).toEqual([
      { method: 'secondDialEx', args: ['2'] },
    ]);
    expect(h.desk.snapshot().call?.dtmf).toMatchObject({ sent: '2', unsent: '1' });
  });

  it('a call cut when the attempts stop still leaves its Recent entry', async () => {
    const h = continuityDesk();
    const gw = await talking(h);
    await refuse(h, gw);
    expect((await h.desk.stopSigningInAgain()).ok).toBe(true);
    const s = h.desk.snapshot();
    expect(s.call).toBeNull();
    expect(s.recent[0]).toMatchObject({
      numbers: ['900'],
      outcome: { kind: 'called', number: '900', result: 'lost' },
    });
  });

  it('resume while waiting runs the next attempt at once', async () => {
    const h = continuityDesk();
    const gw = await signedIn(h);
    await refuse(h, gw);
    expect(h.desk.snapshot().session.signInAgain?.nextAttemptAt).toBe(h.clock.now() + 1_000);
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
  });
});

describe('the shift through a loss (issues #11 and #13 together)', () => {
  it('drops the lost wrap-up timer (no Ready sent into no session) and marks the queue figures stale', async () => {
    const h = continuityDesk({ lostAfterMs: 3_600_000, wrapUpMaxSeconds: () => 60 });
    const gw = await signedIn(h);
    h.script((next) => {
      next.handlers.login = () => fail(netErr);
    });
    await h.clock.advance(2_000); // the first queue figures
    expect(h.desk.snapshot().queue?.isStale).toBe(false);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(0);
    // In wrap-up, its 60 s maximum running.
    expect(h.desk.snapshot().wrapUp).toMatchObject({ endsAt: h.clock.now() + 60_000 });
    await refuse(h, gw);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signing-in-again');
    expect(s.wrapUp).toBeNull();
    expect(s.queue?.isStale).toBe(true);
    expect(await h.desk.extendWrapUp()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'signing-in-again' },
    });
    // The old maximum passes while the desk is still trying: nothing is asked of any session,
    // and no "could not make you ready" error appears for a wrap-up that no longer exists.
    await h.clock.advance(61_000);
    expect(h.sessions.reduce((n, g) => n + g.count('sayFree'), 0)).toBe(0);
    expect(h.desk.snapshot().wrapUp).toBeNull();
    expect(h.desk.eventLog().some((e) => e.summary.includes('ready by itself failed'))).toBe(false);
  });
});
