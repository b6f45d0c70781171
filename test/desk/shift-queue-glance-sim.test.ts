/**
 * The queue glance (issue #13 §4) on the real desk core and client against the simulator
 * over HTTPS: the agent's skills by name, their figures refreshed, the body the vendor page
 * names, and a refusal that hides the panel for the session without an error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../main/desk/desk';
import { startSimulator, type Simulator } from '../simulator/index';
import { agent, signIn, simDesk, until, waitFor } from './support/sim-harness';

let sim: Simulator;
const desks: Desk[] = [];
let next = 0;

beforeAll(async () => {
  sim = await startSimulator({ pollHoldMs: 200, callStepMs: 5 });
});
afterEach(async () => {
  sim.clearFaults();
  await Promise.all(desks.splice(0).map((d) => d.dispose()));
});
afterAll(async () => {
  await sim.stop();
});

async function ready() {
  // A short refresh so a change at the gateway shows within the test.
  const desk = simDesk(sim, { queueGlanceIntervalMs: 300 });
  desks.push(desk);
  const req = agent(sim, next++ % sim.agents.length);
  await signIn(desk, req);
  return { desk, id: req.agentId };
}

describe('queue glance against the simulator', () => {
  it("shows the agent's skills by name with the gateway's figures, and follows them", async () => {
    sim.setQueue(2, { queueSize: 4, queueTime: 95, availAgents: 1, loggedOnAgents: 6 });
    const { desk, id } = await ready();
    const s = await until(desk, (x) => x.queue !== null, 'queue glance', 10_000);
    expect(s.queue?.skills.map((k) => k.name)).toEqual([
      'Preview outbound',
      'Collections',
      'Renewals',
    ]);
    expect(s.queue?.skills[1]).toEqual({
      skillId: 2,
      name: 'Collections',
      waiting: 4,
      longestWaitSeconds: 95,
      availableAgents: 1,
      loggedOnAgents: 6,
    });
    sim.setQueue(2, { queueSize: 7 });
    await until(desk, (x) => x.queue?.skills[1]?.waiting === 7, 'the new figure');
    const asked = sim
      .requests()
      .filter((r) => r.agentId === id && r.path.endsWith('/queryacdstat'));
    expect(asked[0]?.method).toBe('POST');
    expect(JSON.parse(asked[0]?.body ?? 'null')).toEqual({ skills: [1, 2, 3] });
    // agentskills once per session, figures each turn.
    expect(
      sim.requests().filter((r) => r.agentId === id && r.path.endsWith('/agentskills')),
    ).toHaveLength(1);
    sim.setQueue(2, { queueSize: null, queueTime: null, availAgents: null, loggedOnAgents: null });
  });

  it('hides the panel for the session, without an error, once the gateway refuses', async () => {
    const { desk, id } = await ready();
    await until(desk, (x) => x.queue !== null, 'queue glance', 10_000);
    sim.addFault({
      kind: 'retcode',
      retcode: '100-007',
      path: '/queryacdstat',
      agentId: id,
      count: 0,
    });
    await until(desk, (x) => x.queue === null, 'hidden');
    const refusedAt = sim
      .requests()
      .filter((r) => r.agentId === id && r.path.endsWith('/queryacdstat')).length;
    await new Promise((r) => setTimeout(r, 1_000));
    // No more asking in this session, nothing shown as an error.
    expect(
      sim.requests().filter((r) => r.agentId === id && r.path.endsWith('/queryacdstat')),
    ).toHaveLength(refusedAt);
    expect(desk.eventLog().filter((e) => e.category === 'error')).toEqual([]);
    await waitFor(
      () => desk.eventLog().some((e) => e.name === 'queue-glance' && e.summary.includes('100-007')),
      'logged for support',
    );
  });
});
