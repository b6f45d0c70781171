import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../main/desk/desk';
import { startSimulator, type Simulator } from '../simulator/index';
import { agent, signIn, simDesk, until, waitFor } from './support/sim-harness';

let sim: Simulator;
const desks: Desk[] = [];
const track = (d: Desk): Desk => (desks.push(d), d);

beforeAll(async () => {
  sim = await startSimulator({
    pollHoldMs: 300,
    callStepMs: 5,
    guidRotateMs: 150,
    guidGraceMs: 400,
  });
});
afterEach(async () => {
  sim.clearFaults();
  await Promise.all(desks.splice(0).map((d) => d.dispose()));
});
afterAll(async () => {
  await sim.stop();
});

async function talking(index: number, extra: Parameters<typeof simDesk>[1] = {}) {
  const desk = track(simDesk(sim, extra));
  const req = agent(sim, index);
  await signIn(desk, req);
  const id = req.agentId;
  const { controlId } = sim.injectPreview(id, { numbers: ['900'] });
  await until(desk, (x) => x.previews.length === 1, 'preview');
  const dial = await desk.dialPreview({ controlId, number: '900' });
  expect(dial, JSON.stringify(dial)).toMatchObject({ ok: true });
  await until(desk, (x) => x.call?.phase === 'customer-ringing', 'ringing');
  sim.callAction(id, 'answer');
  await until(desk, (x) => x.call?.phase === 'talking', 'talking');
  return { desk, id };
}

const resyncs = (id: string) =>
  sim.requests().filter((q) => q.agentId === id && /agentstatus$/.test(q.path)).length;

describe('desk under gateway faults', () => {
  it.each([
    ['5xx burst', { kind: 'http-error', status: 503, count: 3 }],
    // The client retries a dropped GET twice by itself (main/gateway/http.ts): 3 drops
    // are needed before the desk sees the error.
    ['dropped polls', { kind: 'drop', count: 6 }],
    ['malformed bodies', { kind: 'malformed', count: 2 }],
  ] as const)('recovers from %s during a call and re-syncs', async (_name, fault) => {
    const { desk, id } = await talking(0);
    const before = resyncs(id);
    sim.addFault({ ...fault, path: 'agentevent', agentId: id });
    await until(desk, (x) => x.connection.health !== 'live', 'health leaves live');
    const s = await until(
      desk,
      (x) => x.connection.health === 'live' && !x.connection.resyncing,
      'live again',
    );
    expect(resyncs(id)).toBeGreaterThan(before);
    expect(s.call?.phase).toBe('talking');
    expect(s.session.phase).toBe('signed-in');
    expect((await desk.hangUp()).ok).toBe(true);
  });

  it('takes a poll the client timeout ends as an empty reply, then renews the Guid (§4.1, §2.2)', async () => {
    const desk = track(simDesk(sim));
    const req = agent(sim, 1);
    await signIn(desk, req);
    const seen: string[] = [];
    desk.subscribe((x) => seen.push(x.connection.health));
    const since = Date.now();
    sim.addFault({ kind: 'hang', path: 'agentevent', agentId: req.agentId, count: 1 });
    // pollTimeoutMs is 3 s in simDesk, shorter than the learned hold's overdue mark (5.3 s):
    // the timeout comes first, and it is not a failure.
    await waitFor(
      () => desk.eventLog().some((e) => e.name === 'guid-recovered' && e.at >= since),
      'updateGuid after the timed-out poll',
    );
    const tails = await waitFor(() => {
      const all = sim
        .requests()
        .filter((q) => q.agentId === req.agentId && q.at >= since)
        // The queue glance's reads (issue #13 §4) run beside the poll: not this sequence.
        .filter((q) => !/\/(queryacdstat|agentskills)$/.test(q.path))
        .map((q) => q.path.replace(/^.*\/\d+/, ''));
      const i = all.indexOf('/updateGuid');
      return i > 0 && all.length > i + 1 ? all.slice(i - 1, i + 2) : null;
    }, 'the next poll');
    // The timed-out poll, the Guid renewed (its reply may have carried Set-GUID), a new poll.
    expect(tails).toEqual(['', '/updateGuid', '']);
    expect(seen.every((h) => h === 'live')).toBe(true);
    expect(desk.snapshot().connection.health).toBe('live');
  });

  it('notices a hung poll before its timeout and recovers as soon as the gateway answers (§4.1)', async () => {
    // A long poll timeout (20 s) with the simulator's 300 ms hold: overdue after 5.3 s.
    const desk = track(simDesk(sim, {}, { pollTimeoutMs: 20_000 }));
    const req = agent(sim, 1);
    const start = Date.now();
    await signIn(desk, req);
    // Two polls bring the sign-in events, the third is held and answered empty: the desk has
    // learned the hold once a fourth poll went out.
    const polls = () =>
      sim
        .requests()
        .filter((q) => q.agentId === req.agentId && q.at >= start && /agentevent/.test(q.path));
    await waitFor(() => polls().length >= 4, 'an empty reply');
    const since = Date.now();
    sim.addFault({ kind: 'hang', path: 'agentevent', agentId: req.agentId, count: 1 });
    await waitFor(
      () => desk.eventLog().some((e) => e.name === 'poll-restarted' && e.at >= since),
      'the overdue poll abandoned',
      15_000,
    );
    const log = desk
      .eventLog()
      .filter((e) => e.at >= since && e.category === 'connection' && e.name !== 'guid-rotated');
    // Degraded with the reason; the probe answers: the poll is abandoned and health is live
    // at that answer (not one poll hold later), then the screen is re-synced.
    expect(log.slice(0, 5).map((e) => e.name)).toEqual([
      'poll-overdue',
      'health',
      'poll-restarted',
      'health',
      'resync',
    ]);
    expect(log[1]?.summary).toMatch(/^degraded: event poll unanswered past the usual hold/);
    expect(log[3]?.summary).toBe('live');
    // Noticed well before the 20 s poll timeout.
    expect((log[0]?.at ?? Infinity) - since).toBeLessThan(20_000);
    await until(desk, (x) => x.connection.health === 'live' && !x.connection.resyncing, 'live');
    await waitFor(
      () => desk.eventLog().some((e) => e.name === 'guid-recovered' && e.at >= since),
      'Guid renewed after the abandoned poll',
    );
  });

  it('with automatic sign-in off, shows lost with the reason when the session is killed (100-006)', async () => {
    const { desk, id } = await talking(2, { autoSignInMinutes: () => 0 });
    sim.addFault({ kind: 'kill-session', agentId: id, path: 'agentevent' });
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out');
    expect(s.connection.health).toBe('lost');
    expect(s.session.lastSignOut).toEqual({
      kind: 'kicked',
      retcode: expect.stringMatching(/^(100-006|000-003)$/),
      confirmed: { attempts: 3, seconds: expect.any(Number) },
    });
    expect(s.connection.error?.kind).toBe('signed-out');
    expect(s.call).toBeNull();
    expect(await desk.sendDigits({ digits: '1' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'not-signed-in' },
    });
  });

  it('with automatic sign-in off, signs out visibly when a supervisor kicks the agent', async () => {
    const desk = track(simDesk(sim, { autoSignInMinutes: () => 0 }));
    const req = agent(sim, 3);
    await signIn(desk, req);
    sim.kick(req.agentId);
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out');
    expect(s.session.lastSignOut?.kind).toMatch(/^(shutdown|kicked)$/);
  });

  it('with automatic sign-in off, loses the session visibly when the gateway restarts during a call', async () => {
    const { desk } = await talking(4, { autoSignInMinutes: () => 0 });
    await sim.restart();
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out');
    expect(s.connection.health).toBe('lost');
    expect(s.session.lastSignOut?.kind).toBe('kicked');
  });

  it('keeps working across Guid rotations during a call', async () => {
    const since = Date.now();
    const { desk, id } = await talking(0);
    await waitFor(
      () => desk.eventLog().filter((e) => e.name === 'guid-rotated').length >= 3,
      'rotations',
    );
    expect((await desk.sendDigits({ digits: '55' })).ok).toBe(true);
    await until(desk, (x) => x.call?.dtmf.sent === '55', 'digits');
    expect((await desk.hangUp()).ok).toBe(true);
    await until(desk, (x) => x.call?.phase === 'ended', 'ended');
    expect(desk.snapshot().connection.health).toBe('live');
    const mine = sim.requests().filter((q) => q.agentId === id && q.at >= since);
    expect(mine.filter((q) => q.guidState === 'invalid')).toEqual([]);
  });

  it('with automatic sign-in off, after a sleep longer than the gateway waits, resume shows the session lost', async () => {
    const desk = track(simDesk(sim, { autoSignInMinutes: () => 0 }));
    const req = agent(sim, 1);
    await signIn(desk, req);
    await sim.kill();
    await until(desk, (x) => x.connection.health === 'reconnecting', 'reconnecting');
    await sim.revive(); // empty state: the gateway forgot the session, as after 120 s asleep
    desk.resume();
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out');
    expect(s.connection.health).toBe('lost');
    expect(s.session.lastSignOut?.kind).toBe('kicked');
  });

  it('resume with the session still alive re-syncs and stays live', async () => {
    const desk = track(simDesk(sim));
    const req = agent(sim, 2);
    await signIn(desk, req);
    const before = desk.eventLog().filter((e) => e.name === 'resync').length;
    desk.resume();
    expect(desk.snapshot().connection.resyncing).toBe(true);
    await until(desk, (x) => !x.connection.resyncing, 're-synced');
    expect(desk.eventLog().filter((e) => e.name === 'resync').length).toBe(before + 1);
    expect(desk.snapshot().connection).toMatchObject({ health: 'live', error: null });
  });
});
