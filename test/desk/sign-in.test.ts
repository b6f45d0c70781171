import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../main/desk/desk';
import { startSimulator, type Simulator } from '../simulator/index';
import { agent, signIn, simDesk, until } from './support/sim-harness';

let sim: Simulator;
let strict: Simulator;
const desks: Desk[] = [];
const track = (d: Desk): Desk => (desks.push(d), d);

beforeAll(async () => {
  sim = await startSimulator({ pollHoldMs: 300 });
  strict = await startSimulator({ pollHoldMs: 300, forceLoginAllowed: false });
});
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.dispose()));
});
afterAll(async () => {
  await sim.stop();
  await strict.stop();
});

describe('desk sign-in against the simulator', () => {
  it('signs in, polls, shows the agent ready and signs out', async () => {
    const desk = track(simDesk(sim));
    const r = await desk.signIn(agent(sim, 0));
    expect(r.ok && r.value.agentId).toBe(sim.agents[0]?.id);
    const s = await until(desk, (x) => x.agent.state === 'ready', 'ready');
    expect(s.connection.health).toBe('live');
    const paths = sim.requests().map((q) => `${q.method} ${q.path}`);
    expect(paths.some((p) => p.includes('resetskill/true'))).toBe(true);
    expect((await desk.signOut()).ok).toBe(true);
    expect(desk.snapshot().session.phase).toBe('signed-out');
    expect(sim.sessions().some((x) => x.agentId === sim.agents[0]?.id)).toBe(false);
  });

  it('asks before forcing, then forces; the other desk is signed out with the reason', async () => {
    const first = track(simDesk(sim));
    const second = track(simDesk(sim));
    await signIn(first, agent(sim, 1));
    expect(await second.signIn(agent(sim, 1))).toEqual({
      ok: false,
      error: { kind: 'already-signed-in' },
    });
    expect((await second.signIn({ ...agent(sim, 1), force: true })).ok).toBe(true);
    const gone = await until(
      first,
      (x) => x.session.phase === 'signed-out',
      'first desk signed out',
    );
    expect(gone.session.lastSignOut?.kind).toMatch(/^(kicked|shutdown)$/);
    expect(gone.connection.health).toMatch(/^(lost|offline)$/);
  });

  it('passes 100-015 through when forcing is not allowed, and 100-004 for a wrong password', async () => {
    const first = track(simDesk(strict));
    const second = track(simDesk(strict));
    await signIn(first, agent(strict, 0));
    const r = await second.signIn({ ...agent(strict, 0), force: true });
    expect(r.ok === false && r.error.kind === 'gateway' && r.error.retcode).toBe('100-015');
    const wrong = await second.signIn({ ...agent(strict, 1), password: 'nope' });
    expect(wrong.ok === false && wrong.error.kind === 'gateway' && wrong.error.retcode).toBe(
      '100-004',
    );
    expect(second.snapshot().session.phase).toBe('signed-out');
  });

  it('moves to the backup gateway when the primary refuses connections', async () => {
    const desk = track(
      simDesk(sim, {
        connections: async () => ({
          ok: true,
          value: [
            { baseUrl: 'https://127.0.0.1:1', caPem: sim.caPem, requestTimeoutMs: 2_000 },
            { baseUrl: sim.url, caPem: sim.caPem, pollTimeoutMs: 3_000 },
          ],
        }),
      }),
    );
    await signIn(desk, agent(sim, 2));
    expect(desk.snapshot().connection.health).toBe('live');
  });
});
