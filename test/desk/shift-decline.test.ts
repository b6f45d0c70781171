/**
 * "Decline and go not ready" (issue #13 §3) and the customer's data kept with the call
 * (§6), on the real desk core and client against the simulator over HTTPS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../main/desk/desk';
import { startSimulator, type Simulator } from '../simulator/index';
import { agent, signIn, simDesk, until, waitFor } from './support/sim-harness';

let sim: Simulator;
const desks: Desk[] = [];

beforeAll(async () => {
  sim = await startSimulator({ pollHoldMs: 300, callStepMs: 5 });
});
afterEach(async () => {
  sim.clearFaults();
  await Promise.all(desks.splice(0).map((d) => d.dispose()));
});
afterAll(async () => {
  await sim.stop();
});

let nextAgent = 0;
async function ready() {
  const desk = simDesk(sim);
  desks.push(desk);
  const req = agent(sim, nextAgent++ % sim.agents.length);
  await signIn(desk, req);
  return { desk, id: req.agentId };
}

/** The agent's state and preview requests, in the order the gateway received them. */
const stateAndDecline = (agentId: string) =>
  sim
    .requests()
    .filter((q) => q.agentId === agentId && /saybusy|cancelPreviewCallout/i.test(q.path))
    .map((q) => `${q.path.split('/').at(-1) ?? ''}${q.query === '' ? '' : `?${q.query}`}`);

describe('decline and go not ready', () => {
  it('sets not ready with the reason before declining, and the recent list says so', async () => {
    const { desk, id } = await ready();
    const { controlId } = sim.injectPreview(id, { numbers: ['500'] });
    await until(desk, (s) => s.previews.length === 1, 'preview');
    const r = await desk.declinePreview({ controlId, notReady: { reason: 203 } });
    expect(r).toEqual({ ok: true, value: undefined });
    // Not ready first: the dialler must not offer the next customer in between.
    expect(stateAndDecline(id)).toEqual(['saybusy?reason=203', 'cancelPreviewCallout']);
    const s = await until(desk, (x) => x.agent.state === 'not-ready', 'not ready');
    expect(s.agent.reason).toBe(203);
    expect(s.previews).toEqual([]);
    expect(s.recent[0]).toMatchObject({
      controlId,
      outcome: { kind: 'declined', auto: false, andNotReady: { reason: 203 } },
    });
  });

  it('goes not ready without a reason when none is given', async () => {
    const { desk, id } = await ready();
    const { controlId } = sim.injectPreview(id, { numbers: ['501'] });
    await until(desk, (s) => s.previews.length === 1, 'preview');
    expect((await desk.declinePreview({ controlId, notReady: {} })).ok).toBe(true);
    expect(stateAndDecline(id)).toEqual(['saybusy', 'cancelPreviewCallout']);
    const s = await until(desk, (x) => x.agent.state === 'not-ready', 'not ready');
    expect(s.recent[0]?.outcome).toEqual({
      kind: 'declined',
      auto: false,
      andNotReady: { reason: null },
    });
  });

  it('keeps the preview and declines nothing when not ready is refused', async () => {
    const { desk, id } = await ready();
    const { controlId } = sim.injectPreview(id, { numbers: ['502'] });
    await until(desk, (s) => s.previews.length === 1, 'preview');
    sim.addFault({ kind: 'http-error', path: '/saybusy', agentId: id, status: 503 });
    const r = await desk.declinePreview({ controlId, notReady: { reason: 201 } });
    expect(r).toEqual({ ok: false, error: { kind: 'http', status: 503 } });
    expect(stateAndDecline(id)).toEqual(['saybusy?reason=201']);
    const s = desk.snapshot();
    expect(s.previews.map((p) => [p.controlId, p.declining])).toEqual([[controlId, false]]);
    expect(s.agent.pending).toBeNull();
    // Still declinable by the agent afterwards.
    expect((await desk.declinePreview({ controlId })).ok).toBe(true);
  });

  it('changes the reason with prolong when already not ready, and sends nothing for the same one', async () => {
    const { desk, id } = await ready();
    expect((await desk.setAgentState({ state: 'not-ready', reason: 200 })).ok).toBe(true);
    await until(desk, (x) => x.agent.state === 'not-ready' && x.agent.pending === null, 'busy');
    const a = sim.injectPreview(id, { numbers: ['503'] });
    const b = sim.injectPreview(id, { numbers: ['504'] });
    await until(desk, (s) => s.previews.length === 2, 'previews');
    expect(
      (await desk.declinePreview({ controlId: a.controlId, notReady: { reason: 200 } })).ok,
    ).toBe(true);
    await until(desk, (x) => x.previews.length === 1, 'first declined');
    expect(
      (await desk.declinePreview({ controlId: b.controlId, notReady: { reason: 204 } })).ok,
    ).toBe(true);
    expect(stateAndDecline(id)).toEqual([
      'saybusy?reason=200',
      'cancelPreviewCallout',
      'saybusy?reason=204&prolong=true',
      'cancelPreviewCallout',
    ]);
    await until(desk, (x) => x.agent.reason === 204, 'reason changed');
  });

  it('refuses a reason outside 200–250 without sending anything', async () => {
    const { desk, id } = await ready();
    const { controlId } = sim.injectPreview(id, { numbers: ['505'] });
    await until(desk, (s) => s.previews.length === 1, 'preview');
    const r = await desk.declinePreview({ controlId, notReady: { reason: 199 } });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(stateAndDecline(id)).toEqual([]);
    expect(desk.snapshot().previews).toHaveLength(1);
  });
});

describe("the customer's data stays with the call", () => {
  it('keeps the call data from dialling through the end of the call', async () => {
    const { desk, id } = await ready();
    const callData = JSON.stringify({ name: 'Li Wei', account: 'ACC-20931', balance: '318.40' });
    const { controlId } = sim.injectPreview(id, { numbers: ['600'], callData });
    await until(desk, (s) => s.previews.length === 1, 'preview');
    const fields = [
      { key: 'name', value: 'Li Wei' },
      { key: 'account', value: 'ACC-20931' },
      { key: 'balance', value: '318.40' },
    ];
    const dial = desk.dialPreview({ controlId, number: '600' });
    expect(desk.snapshot().call).toMatchObject({
      phase: 'dialling',
      callData: { kind: 'fields', fields },
    });
    expect((await dial).ok).toBe(true);
    await until(desk, (s) => s.call?.phase === 'customer-ringing', 'ringing');
    expect(desk.snapshot().previews).toEqual([]);
    sim.callAction(id, 'answer');
    const talking = await until(desk, (s) => s.call?.phase === 'talking', 'talking');
    expect(talking.call?.callData).toEqual({ kind: 'fields', fields });
    expect((await desk.hangUp()).ok).toBe(true);
    const ended = await until(desk, (s) => s.call?.phase === 'ended', 'ended');
    expect(ended.call?.callData).toEqual({ kind: 'fields', fields });
    await waitFor(() => desk.snapshot().agent.state === 'ready', 'ready again');
    expect(desk.snapshot().call?.callData).toEqual({ kind: 'fields', fields });
  });
});

describe('rest', () => {
  it('changes a rest already granted with prolong, and the time left follows', async () => {
    const { desk, id } = await ready();
    expect((await desk.setAgentState({ state: 'rest', seconds: 600, reason: 1 })).ok).toBe(true);
    const first = await until(
      desk,
      (s) => s.agent.state === 'rest' && s.agent.pending === null,
      'rest',
    );
    expect(first.agent.restEndsAt).toBeGreaterThan(Date.now() + 590_000);
    expect((await desk.setAgentState({ state: 'rest', seconds: 1800, reason: 2 })).ok).toBe(true);
    const second = await until(
      desk,
      (s) => s.agent.reason === 2 && s.agent.pending === null,
      'rest changed',
    );
    expect(second.agent.restEndsAt).toBeGreaterThan(Date.now() + 1_790_000);
    const rests = sim
      .requests()
      .filter((q) => q.agentId === id && /\/rest\//.test(q.path))
      .map((q) => `${q.path.split('/').slice(-2).join('/')}${q.query === '' ? '' : `?${q.query}`}`);
    expect(rests).toEqual(['600/1', '1800/2?prolong=true']);
  });
});

describe("a supervisor's forced state", () => {
  it('is marked as set by a supervisor, not ready and ready alike, until the next state', async () => {
    const { desk, id } = await ready();
    sim.forceNotReady(id);
    let s = await until(desk, (x) => x.agent.state === 'not-ready', 'forced not ready');
    expect(s.agent).toMatchObject({ reason: 3, bySupervisor: true });
    sim.forceReady(id);
    s = await until(desk, (x) => x.agent.state === 'ready', 'forced ready');
    expect(s.agent.bySupervisor).toBe(true);
    expect((await desk.setAgentState({ state: 'not-ready', reason: 201 })).ok).toBe(true);
    s = await until(desk, (x) => x.agent.state === 'not-ready', 'not ready by the agent');
    expect(s.agent).toMatchObject({ reason: 201, bySupervisor: false });
  });
});
