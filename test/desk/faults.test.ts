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
  expect((await desk.dialPreview({ controlId, number: '900' })).ok).toBe(true);
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

  it('recovers from a hung poll (client timeout) without a second poll in flight', async () => {
    const desk = track(simDesk(sim));
    const req = agent(sim, 1);
    await signIn(desk, req);
    sim.addFault({ kind: 'hang', path: 'agentevent', agentId: req.agentId, count: 1 });
    const degraded = await until(
      desk,
      (x) => x.connection.health === 'degraded',
      'degraded',
      15_000,
    );
    expect(degraded.connection.error?.kind).toBe('timeout');
    await until(desk, (x) => x.connection.health === 'live', 'live again');
  });

  it('shows lost with the reason when the session is killed (100-006)', async () => {
    const { desk, id } = await talking(2);
    sim.addFault({ kind: 'kill-session', agentId: id, path: 'agentevent' });
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out');
    expect(s.connection.health).toBe('lost');
    expect(s.session.lastSignOut).toEqual({
      kind: 'kicked',
      retcode: expect.stringMatching(/^(100-006|000-003)$/),
    });
    expect(s.connection.error?.kind).toBe('signed-out');
    expect(s.call).toBeNull();
    expect(await desk.sendDigits({ digits: '1' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'not-signed-in' },
    });
  });

  it('signs out visibly when a supervisor kicks the agent', async () => {
    const desk = track(simDesk(sim));
    const req = agent(sim, 3);
    await signIn(desk, req);
    sim.kick(req.agentId);
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out');
    expect(s.session.lastSignOut?.kind).toMatch(/^(shutdown|kicked)$/);
  });

  it('loses the session visibly when the gateway restarts during a call', async () => {
    const { desk } = await talking(4);
    await sim.restart();
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out');
    expect(s.connection.health).toBe('lost');
    expect(s.session.lastSignOut?.kind).toBe('kicked');
  });

  it('keeps working across Guid rotations during a call', async () => {
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
    expect(sim.requests().filter((q) => q.agentId === id && q.guidState === 'invalid')).toEqual([]);
  });

  it('after a sleep longer than the gateway waits, resume shows the session lost', async () => {
    const desk = track(simDesk(sim));
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
    const before = resyncs(req.agentId);
    desk.resume();
    expect(desk.snapshot().connection.resyncing).toBe(true);
    await until(desk, (x) => !x.connection.resyncing, 're-synced');
    expect(resyncs(req.agentId)).toBe(before + 1);
    expect(desk.snapshot().connection.health).toBe('live');
  });
});
