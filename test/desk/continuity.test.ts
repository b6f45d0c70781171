/**
 * Continuity (issue #11) on the real client against the simulator: each way a session is lost
 * and signed in again by itself, each exception where it must not be, and what comes back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Desk, DeskOptions } from '../../main/desk/desk';
import type { DeskSnapshot, SignInRequest } from '../../main/ipc/contract';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/index';
import { recordingLogger } from './support/desk-harness';
import { agent, signIn, simDesk, until, waitFor } from './support/sim-harness';

const sims: Simulator[] = [];
const desks: Desk[] = [];

afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.dispose()));
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function sim(o: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ pollHoldMs: 300, callStepMs: 5, ...o });
  sims.push(s);
  return s;
}

/** A desk that signs in again by itself, with the shortest backoff step (0.5 s). */
function desk(s: Simulator, extra: Partial<DeskOptions> = {}, backup?: Simulator): Desk {
  const connection = { caPem: s.caPem, pollTimeoutMs: 3_000, requestTimeoutMs: 3_000 };
  const both: Partial<DeskOptions> =
    backup === undefined
      ? {}
      : {
          connections: async () => ({
            ok: true,
            value: [
              { ...connection, baseUrl: s.url },
              { ...connection, baseUrl: backup.url },
            ],
          }),
        };
  const d = simDesk(s, { random: () => 0, autoSignInMinutes: () => 10, ...both, ...extra });
  desks.push(d);
  return d;
}

/** Every snapshot published, for "never shown" checks. */
function record(d: Desk): DeskSnapshot[] {
  const seen: DeskSnapshot[] = [];
  d.subscribe((x) => seen.push(x));
  return seen;
}

/** Waits until the desk has noticed the loss, then until it is live again. */
async function back(d: Desk, what = 'signed in again', limitMs = 15_000): Promise<DeskSnapshot> {
  await until(
    d,
    (x) => x.session.phase !== 'signed-in' || x.connection.health !== 'live',
    'the loss',
    limitMs,
  );
  return until(
    d,
    (x) => x.session.phase === 'signed-in' && x.connection.health === 'live',
    what,
    limitMs,
  );
}

/** Live again (the loss already seen). */
const live = (d: Desk, what = 'live', limitMs = 15_000) =>
  until(d, (x) => x.session.phase === 'signed-in' && x.connection.health === 'live', what, limitMs);

/** A poll is held for the agent: a ShutdownService reaches the desk only through one. */
const pollHeld = (s: Simulator, id: string) =>
  waitFor(() => s.sessions().some((x) => x.agentId === id && x.pollHeld), 'a held poll');

const requestsOf = (s: Simulator, id: string, tail: RegExp) =>
  s.requests().filter((q) => q.agentId === id && tail.test(q.path));

/** The sign-in requests (`PUT onlineagent/{id}`) for `id` that arrived at `since` or later. */
const signInsOf = (s: Simulator, id: string, since = 0) =>
  requestsOf(s, id, /\/onlineagent\/\d+$/).filter((q) => q.at >= since);

/**
 * While `d` hears nothing (its polls hang), another desk forces `req`'s agent in: the
 * ShutdownService lands in the dead session's queue and `d`, resumed, meets 100-006 later.
 * The other desk.
 */
async function displacedUnheard(s: Simulator, d: Desk, req: SignInRequest): Promise<Desk> {
  s.addFault({ kind: 'hang', agentId: req.agentId, path: 'agentevent', count: 0 });
  await waitFor(
    () => s.sessions().some((x) => x.agentId === req.agentId && !x.pollHeld),
    'poll hung',
  );
  const other = desk(s);
  expect((await other.signIn({ ...req, force: true })).ok).toBe(true);
  s.clearFaults();
  d.resume();
  return other;
}

async function talking(s: Simulator, d: Desk, id: string): Promise<string> {
  const { controlId } = s.injectPreview(id, { numbers: ['900'] });
  await until(d, (x) => x.previews.length === 1, 'preview');
  expect((await d.dialPreview({ controlId, number: '900' })).ok).toBe(true);
  await until(d, (x) => x.call?.phase === 'customer-ringing', 'ringing');
  s.callAction(id, 'answer');
  const x = await until(d, (y) => y.call?.phase === 'talking' && y.call.callId !== null, 'talking');
  return x.call?.callId ?? '';
}

describe('signing in again by itself (issue #11 §1)', () => {
  it('after a gateway restart: signing in again, then live with a plain busy login, never forced', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 0);
    await signIn(d, req);
    const seen = record(d);
    const since = Date.now();
    await s.restart();
    const lost = await until(d, (x) => x.session.phase === 'signing-in-again', 'signing in again');
    expect(lost.session.signInAgain).toMatchObject({ loss: 'restart', gateway: 'primary' });
    expect(lost.connection.health).toBe('reconnecting');
    const x = await back(d);
    expect(x.session.agentId).toBe(req.agentId);
    expect(x.connection.gateway).toBe('primary');
    await until(d, (y) => y.agent.state === 'ready', 'ready again');
    const logins = requestsOf(s, req.agentId, /\/onlineagent\/\d+(\/forcelogin)?$/).filter(
      (q) => q.at >= since,
    );
    expect(logins.map((q) => q.path.replace(/^.*\/\d+/, ''))).toEqual(['']);
    expect(
      requestsOf(s, req.agentId, /resetskill\/true$/).filter((q) => q.at >= since),
    ).toHaveLength(1);
    // Signed in busy (status 3): never shown ready between the loss and the restore.
    const lostAt = seen.findIndex((y) => y.session.phase === 'signing-in-again');
    const restoredAt = seen.findIndex((y, i) => i > lostAt && y.agent.state === 'ready');
    expect(seen.slice(lostAt, restoredAt).filter((y) => y.agent.state === 'ready')).toEqual([]);
  });

  it('after a silence longer than the gateway waits (sleep): timeout, then live on resume', async () => {
    const s = await sim({ sessionTimeoutMs: 400 });
    const d = desk(s, { gatewaySilenceMs: 400, silenceMarginMs: 100 });
    const req = agent(s, 0);
    await signIn(d, req);
    // Asleep: nothing of this desk reaches the gateway, which signs the agent out (§2.3).
    s.addFault({ kind: 'hang', agentId: req.agentId, count: 0 });
    await waitFor(() => s.sessionEnds().some((e) => e.reason === 'timeout'), 'silence sign-out');
    s.clearFaults();
    d.resume();
    const lost = await until(d, (x) => x.session.phase === 'signing-in-again', 'signing in again');
    expect(lost.session.signInAgain?.loss).toBe('timeout');
    await back(d);
    await until(d, (x) => x.agent.state === 'ready', 'ready again');
  });

  it('never after the agent’s own sign-out, and Stop ends it with the password wiped', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 1);
    await signIn(d, req);
    expect((await d.signOut()).ok).toBe(true);
    expect(d.snapshot().session.lastSignOut).toEqual({ kind: 'agent' });
    expect(await d.signInAgainNow({})).toMatchObject({ error: { reason: 'not-signing-in-again' } });

    await signIn(d, req);
    await s.kill();
    await until(d, (x) => x.session.signInAgain?.lastError != null, 'an attempt failed');
    expect((await d.stopSigningInAgain()).ok).toBe(true);
    const x = d.snapshot();
    expect(x.session.phase).toBe('signed-out');
    expect(x.session.lastSignOut).toMatchObject({ kind: 'not-signed-in-again', end: 'stopped' });
    const revived = Date.now();
    await s.revive();
    expect(await d.signInAgainNow({})).toMatchObject({ error: { reason: 'not-signing-in-again' } });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(signInsOf(s, req.agentId, revived)).toHaveLength(0);
  });

  it('Sign in now skips the wait; the attempts give up after autoSignInMinutes', async () => {
    const s = await sim();
    const d = desk(s, { random: () => 0.99 });
    const req = agent(s, 2);
    await signIn(d, req);
    await s.kill();
    const waiting = await until(
      d,
      (x) =>
        (x.session.signInAgain?.attempt ?? 0) >= 1 && x.session.signInAgain?.nextAttemptAt != null,
      'attempt 1 failed',
    );
    const next = waiting.session.signInAgain?.nextAttemptAt ?? 0;
    expect(next - Date.now()).toBeGreaterThan(1_500); // the second step: 2 s, +50 %
    await s.revive();
    expect((await d.signInAgainNow({})).ok).toBe(true);
    expect(Date.now()).toBeLessThan(next);
    await live(d);

    const g = desk(s, { autoSignInMinutes: () => 0.03 }); // 1.8 s
    await signIn(g, agent(s, 3));
    await s.kill();
    const x = await until(g, (y) => y.session.phase === 'signed-out', 'gave up', 10_000);
    expect(x.session.lastSignOut).toMatchObject({
      kind: 'not-signed-in-again',
      loss: 'gateway-down',
      end: 'gave-up',
      error: { kind: 'network' },
    });
  });
});

describe('failover mid-shift (issue #11 §2)', () => {
  it('moves to the backup when the primary is killed; the call survives with the same id', async () => {
    const primary = await sim();
    const backup = await sim({ node: 1 });
    const d = desk(primary, {}, backup);
    const req = agent(primary, 0);
    await signIn(d, req);
    expect(d.snapshot().connection.gateway).toBe('primary');
    const callId = await talking(primary, d, req.agentId);
    backup.carryCall(req.agentId, { callId, called: '900' });
    const both: number[] = [];
    const watch = setInterval(() => {
      const on = [primary, backup].filter((g) =>
        g.sessions().some((x) => x.agentId === req.agentId),
      );
      if (on.length > 1) both.push(Date.now());
    }, 1);
    try {
      await primary.kill();
      const lost = await until(d, (x) => x.session.phase === 'signing-in-again', 'lost');
      expect(lost.session.signInAgain).toMatchObject({ loss: 'gateway-down', gateway: 'backup' });
      const x = await back(d);
      expect(x.connection.gateway).toBe('backup');
      await until(d, (y) => y.call?.phase === 'talking' && y.call.callId === callId, 'call shown');
      expect((await d.sendDigits({ digits: '42' })).ok).toBe(true);
      await until(d, (y) => y.call?.dtmf.sent === '42', 'digits sent');
      expect(backup.dtmf(req.agentId).calls).toEqual([{ callId, requests: ['42'] }]);
      expect(both).toEqual([]);
    } finally {
      clearInterval(watch);
    }
  });

  it('never holds the session on two gateways: an unreachable primary is left only after its silence sign-out', async () => {
    const primary = await sim({ sessionTimeoutMs: 1_500 });
    const backup = await sim({ node: 1 });
    const d = desk(
      primary,
      { gatewaySilenceMs: 1_500, silenceMarginMs: 300, lostAfterMs: 1_000 },
      backup,
    );
    const req = agent(primary, 1);
    await signIn(d, req);
    const both: number[] = [];
    const watch = setInterval(() => {
      const on = [primary, backup].filter((g) =>
        g.sessions().some((x) => x.agentId === req.agentId),
      );
      if (on.length > 1) both.push(Date.now());
    }, 1);
    try {
      // The primary still holds the session but nothing of this desk gets through.
      primary.addFault({ kind: 'hang', agentId: req.agentId, count: 0 });
      const lost = await until(d, (x) => x.session.phase === 'signing-in-again', 'lost', 10_000);
      expect(lost.session.signInAgain?.loss).toBe('unreachable');
      const x = await back(d, 'on the backup', 20_000);
      expect(x.connection.gateway).toBe('backup');
      const timedOut = primary.sessionEnds().find((e) => e.reason === 'timeout');
      const backupLogin = signInsOf(backup, req.agentId)[0];
      expect(timedOut).toBeDefined();
      expect(backupLogin?.at ?? 0).toBeGreaterThanOrEqual(timedOut?.at ?? Infinity);
      expect(both).toEqual([]);
    } finally {
      clearInterval(watch);
      primary.clearFaults();
    }
  });
});

describe('what comes back (issue #11 §3)', () => {
  it('not ready with its reason, restored from the busy sign-in', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 0);
    await signIn(d, req);
    expect((await d.setAgentState({ state: 'not-ready', reason: 205 })).ok).toBe(true);
    await until(d, (x) => x.agent.state === 'not-ready' && x.agent.reason === 205, 'not ready');
    const seen = record(d);
    const since = Date.now();
    await s.restart();
    await back(d);
    await until(d, (x) => x.agent.state === 'not-ready' && x.agent.reason === 205, 'reason back');
    expect(
      requestsOf(s, req.agentId, /saybusy/)
        .filter((q) => q.at >= since)
        .map((q) => q.query),
    ).toEqual(['reason=205&prolong=true']);
    expect(seen.filter((x) => x.agent.state === 'ready')).toEqual([]);
  });

  it('rest with the time left', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 1);
    await signIn(d, req);
    expect((await d.setAgentState({ state: 'rest', seconds: 600, reason: 7 })).ok).toBe(true);
    const resting = await until(d, (x) => x.agent.state === 'rest', 'resting');
    const endsAt = resting.agent.restEndsAt ?? 0;
    await new Promise((r) => setTimeout(r, 1_100));
    const since = Date.now();
    await s.restart();
    await back(d);
    const x = await until(d, (y) => y.agent.state === 'rest', 'rest back');
    const rest = requestsOf(s, req.agentId, /\/rest\//).filter((q) => q.at >= since);
    expect(rest).toHaveLength(1);
    const seconds = Number(/\/rest\/(\d+)\/7$/.exec(rest[0]?.path ?? '')?.[1]);
    expect(seconds).toBeLessThan(600);
    expect(seconds).toBeGreaterThan(590);
    expect(Math.abs((x.agent.restEndsAt ?? 0) - endsAt)).toBeLessThan(2_000);
  });

  it('a call cut by a restart is shown ended, "lost with the gateway", and kept in Recent', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 2);
    await signIn(d, req);
    const callId = await talking(s, d, req.agentId);
    await s.restart();
    await back(d);
    const x = await until(d, (y) => y.call?.phase === 'ended', 'call ended');
    expect(x.call).toMatchObject({ callId, lostWithGateway: true });
    expect(x.recent[0]).toMatchObject({
      numbers: ['900'],
      outcome: { kind: 'called', number: '900', result: 'lost' },
    });
  });

  it('a call the gateway kept continues; keys waiting at the loss stay unsent and are never resent', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 3);
    await signIn(d, req);
    const callId = await talking(s, d, req.agentId);
    s.addFault({ kind: 'hang', path: 'seconddialex', agentId: req.agentId, count: 0 });
    await d.sendDigits({ digits: '1' });
    await d.sendDigits({ digits: '23' });
    await until(
      d,
      (x) => x.call?.dtmf.inFlight === '1' && x.call.dtmf.queued === '23',
      'keys waiting',
    );
    s.clearFaults();
    await s.restart({ keepCalls: true });
    await back(d);
    const x = await until(d, (y) => y.call?.dtmf.unsent === '123', 'unsent');
    expect(x.call).toMatchObject({ callId, phase: 'talking' });
    expect(x.call?.lostWithGateway).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(s.dtmf(req.agentId).calls).toEqual([]);
    expect((await d.sendDigits({ digits: '4' })).ok).toBe(true);
    await until(d, (y) => y.call?.dtmf.sent === '4', 'new key sent');
    expect(s.dtmf(req.agentId).calls).toEqual([{ callId, requests: ['4'] }]);
    expect(d.snapshot().call?.dtmf.unsent).toBe('123');
  });

  it('previews of the lost session move to Recent as withdrawn with the cause', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 4);
    await signIn(d, req);
    s.injectPreview(req.agentId, { numbers: ['700'], controlId: '71' });
    s.injectPreview(req.agentId, { numbers: ['701'], controlId: '72' });
    await until(d, (x) => x.previews.length === 2, 'two previews');
    await s.restart();
    const x = await back(d);
    expect(x.previews).toEqual([]);
    expect(x.recent.map((r) => [r.controlId, r.outcome])).toEqual(
      expect.arrayContaining([
        ['71', { kind: 'withdrawn', loss: 'restart' }],
        ['72', { kind: 'withdrawn', loss: 'restart' }],
      ]),
    );
  });
});

describe('never signed in again (issue #11 §1 exceptions)', () => {
  const onlyOneLogin = (s: Simulator, id: string) => expect(signInsOf(s, id)).toHaveLength(1);

  it('a forced sign-in on another desk: "signed in on another desk", the other desk keeps it', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 0);
    await signIn(d, req);
    await pollHeld(s, req.agentId);
    const other = desk(s);
    expect((await other.signIn({ ...req, force: true })).ok).toBe(true);
    const x = await until(d, (y) => y.session.lastSignOut?.kind === 'elsewhere', 'elsewhere');
    expect(x.session.phase).toBe('signed-out');
    expect(x.session.retake).toBeNull();
    await new Promise((r) => setTimeout(r, 1_000));
    onlyOneLogin(s, req.agentId);
    expect(requestsOf(s, req.agentId, /forcelogin$/)).toHaveLength(1);
    expect(other.snapshot().session.phase).toBe('signed-in');
    expect(await d.signInAgainNow({ force: true })).toMatchObject({
      error: { reason: 'not-signing-in-again' },
    });
  });

  it('a supervisor’s forced sign-out: "ended by a supervisor", not undone', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 1);
    await signIn(d, req);
    await pollHeld(s, req.agentId);
    s.forceLogout(req.agentId, { cause: 9 });
    const x = await until(d, (y) => y.session.lastSignOut?.kind === 'supervisor', 'supervisor');
    expect(x.connection.health).toBe('offline');
    await new Promise((r) => setTimeout(r, 1_000));
    onlyOneLogin(s, req.agentId);
    expect(s.sessions()).toEqual([]);
  });

  it('a wrong password (changed meanwhile): one attempt, then the reason', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 2);
    await signIn(d, req);
    s.setAccount(req.agentId, { password: 'changed-pw' });
    const since = Date.now();
    await s.restart();
    const x = await until(d, (y) => y.session.phase === 'signed-out', 'stopped');
    expect(x.session.lastSignOut).toMatchObject({
      kind: 'not-signed-in-again',
      loss: 'restart',
      end: 'refused',
      error: { kind: 'gateway', retcode: '100-004' },
    });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(signInsOf(s, req.agentId, since)).toHaveLength(1);
  });

  it('a password that must be changed: signed out again at once, with the reason', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 3);
    await signIn(d, req);
    s.setAccount(req.agentId, { mustChangePassword: true });
    await s.restart();
    const x = await until(d, (y) => y.session.phase === 'signed-out', 'stopped');
    expect(x.session.lastSignOut).toMatchObject({
      kind: 'not-signed-in-again',
      end: 'must-change-password',
    });
    expect(s.sessions()).toEqual([]);
    expect(s.sessionEnds().at(-1)).toMatchObject({ agentId: req.agentId, reason: 'logout' });
  });

  it('an automatic attempt answered 100-002 asks, never forces; Sign in here forces with the kept password', async () => {
    const s = await sim({ sessionTimeoutMs: 60_000 });
    const d = desk(s);
    const req = agent(s, 4);
    await signIn(d, req);
    const other = await displacedUnheard(s, d, req);
    const x = await until(d, (y) => y.session.retake !== null, 'the question', 15_000);
    expect(x.session.phase).toBe('signed-out');
    expect(x.session.lastSignOut).toEqual({ kind: 'elsewhere' });
    expect(x.session.retake).toMatchObject({ agentId: req.agentId });
    expect(requestsOf(s, req.agentId, /forcelogin$/)).toHaveLength(1); // the other desk's
    expect((await d.signInAgainNow({ force: true })).ok).toBe(true);
    await live(d);
    expect(requestsOf(s, req.agentId, /forcelogin$/)).toHaveLength(2);
    await until(other, (y) => y.session.phase !== 'signed-in', 'the other desk displaced');
  });

  it('"not now" to the question wipes the kept password', async () => {
    const s = await sim();
    const d = desk(s);
    const req = agent(s, 0);
    await signIn(d, req);
    await displacedUnheard(s, d, req);
    await until(d, (y) => y.session.retake !== null, 'the question', 15_000);
    expect((await d.stopSigningInAgain()).ok).toBe(true);
    expect(d.snapshot().session.retake).toBeNull();
    expect(await d.signInAgainNow({ force: true })).toMatchObject({
      error: { reason: 'not-signing-in-again' },
    });
  });

  it('with autoSignInMinutes 0 nothing is kept and the reason is shown as before', async () => {
    const s = await sim();
    const d = desk(s, { autoSignInMinutes: () => 0 });
    await signIn(d, agent(s, 1));
    await s.restart();
    const x = await until(d, (y) => y.session.phase === 'signed-out', 'signed out');
    expect(x.session.lastSignOut?.kind).toBe('kicked');
  });
});

describe('the password never leaves the main process (issue #11 §1)', () => {
  it('is in no snapshot, no log line and no error, and is wiped on dispose', async () => {
    const s = await sim({ agents: [{ id: '2301', password: 'Kept-Pw-2301!', phone: '82301' }] });
    const logger = recordingLogger();
    const d = desk(s, { logger });
    const seen = record(d);
    const req: SignInRequest = { agentId: '2301', password: 'Kept-Pw-2301!', phone: '82301' };
    await signIn(d, req);
    await s.restart();
    await back(d);
    s.setAccount('2301', { password: 'New-Pw-2301!' });
    await s.restart();
    await until(d, (x) => x.session.phase === 'signed-out', 'refused');
    const texts = [
      ...seen.map((x) => JSON.stringify(x)),
      ...logger.lines,
      ...d.eventLog().map((e) => JSON.stringify(e)),
      JSON.stringify(d.snapshot()),
    ];
    expect(texts.filter((t) => t.includes('Kept-Pw-2301!'))).toEqual([]);
    const kept = (d as unknown as { continuity: { kept: object } }).continuity.kept;
    expect(JSON.stringify(kept)).toBe('"[kept credentials]"');
    await d.dispose();
    expect((kept as { isKept: boolean }).isKept).toBe(false);
  });
});
