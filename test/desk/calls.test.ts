import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../main/desk/desk';
import { PREVIEW_QUEUE_MAX } from '../../main/desk/previews';
import type { GatewayFactory } from '../../main/gateway/api';
import { createGatewaySession } from '../../main/gateway/session';
import { startSimulator, type Simulator } from '../simulator/index';
import { agent, signIn, simDesk, until, waitFor } from './support/sim-harness';

let sim: Simulator;
const desks: Desk[] = [];
const track = (d: Desk): Desk => (desks.push(d), d);

beforeAll(async () => {
  sim = await startSimulator({ pollHoldMs: 300, callStepMs: 5 });
});
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.dispose()));
});
afterAll(async () => {
  await sim.stop();
});

const callouts = (agentId: string) =>
  sim
    .requests()
    .filter(
      (q) => q.agentId === agentId && /previewcallout$/i.test(q.path) && !/cancel/i.test(q.path),
    );

async function ready(index: number, extra: Parameters<typeof simDesk>[1] = {}) {
  const desk = track(simDesk(sim, extra));
  const req = agent(sim, index);
  await signIn(desk, req);
  return { desk, id: req.agentId };
}

describe('desk calls against the simulator', () => {
  it('shows previews with one and several numbers and exact big controlIds', async () => {
    const { desk, id } = await ready(0);
    sim.injectPreview(id, { numbers: ['100'], controlId: '1536', callData: '{"name":"Ann"}' });
    sim.injectPreview(id, {
      numbers: ['100', '101', '103'],
      controlId: '9223372036854775807',
      controlIdAsNumber: true,
      callData: 'a=1;b=2',
    });
    const s = await until(desk, (x) => x.previews.length === 2, 'two previews');
    expect(s.previews.map((p) => [p.controlId, p.numbers])).toEqual([
      ['1536', ['100']],
      ['9223372036854775807', ['100', '101', '103']],
    ]);
    expect(s.previews[0]?.callData).toEqual({
      kind: 'fields',
      fields: [{ key: 'name', value: 'Ann' }],
    });
    await desk.declinePreview({ controlId: '1536' });
    expect((await desk.dialPreview({ controlId: '9223372036854775807', number: '103' })).ok).toBe(
      true,
    );
    expect(callouts(id).at(-1)?.body).toContain('9223372036854775807');
  });

  it('dials, follows progress, sends DTMF, hangs up and records the outcome', async () => {
    const { desk, id } = await ready(1);
    const { controlId } = sim.injectPreview(id, { numbers: ['200', '201'] });
    await until(desk, (x) => x.previews.length === 1, 'preview');
    const clicks = [0, 1, 2].map(() => desk.dialPreview({ controlId, number: '201' }));
    const results = await Promise.all(clicks);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(callouts(id)).toHaveLength(1);
    await until(desk, (x) => x.call?.phase === 'customer-ringing', 'customer ringing');
    sim.callAction(id, 'answer');
    await until(desk, (x) => x.call?.phase === 'talking', 'talking');
    expect((await desk.sendDigits({ digits: '12#' })).ok).toBe(true);
    await until(desk, (x) => x.call?.dtmf.sent === '12#', 'digits sent');
    expect((await desk.hangUp()).ok).toBe(true);
    const s = await until(desk, (x) => x.call?.phase === 'ended', 'ended');
    expect(s.recent[0]).toEqual(
      expect.objectContaining({
        controlId,
        outcome: { kind: 'called', number: '201', result: 'talked', failure: null },
      }),
    );
    expect(sim.dtmf(id).calls.at(-1)?.requests.join('')).toBe('12#');
    expect(JSON.stringify(desk.eventLog())).not.toContain('12#');
  });

  it('sends 200 keys pressed as fast as possible exactly once, in order', async () => {
    const { desk, id } = await ready(2);
    const { controlId } = sim.injectPreview(id, { numbers: ['300'] });
    await until(desk, (x) => x.previews.length === 1, 'preview');
    await desk.dialPreview({ controlId, number: '300' });
    await until(desk, (x) => x.call?.phase === 'customer-ringing', 'ringing');
    sim.callAction(id, 'answer');
    await until(desk, (x) => x.call?.phase === 'talking', 'talking');
    const keys = Array.from({ length: 200 }, (_, i) => '0123456789*#'[(i * 7) % 12] ?? '0').join(
      '',
    );
    const presses = [...keys].map((k) => desk.sendDigits({ digits: k }));
    expect((await Promise.all(presses)).every((r) => r.ok)).toBe(true);
    await until(
      desk,
      (x) => x.call?.dtmf.inFlight === '' && x.call.dtmf.queued === '',
      'queue drained',
    );
    const requests = sim.dtmf(id).calls.at(-1)?.requests ?? [];
    expect(requests.join('')).toBe(keys);
    expect(Math.max(...requests.map((r) => r.length))).toBeLessThanOrEqual(24);
    expect(desk.snapshot().call?.dtmf.unsent).toBe('');
  });

  it('fails with the cause from OUTBOUND_DETECT_EVENT', async () => {
    const { desk, id } = await ready(3);
    const { controlId } = sim.injectPreview(id, { numbers: ['400'] });
    await until(desk, (x) => x.previews.length === 1, 'preview');
    await desk.dialPreview({ controlId, number: '400' });
    await until(desk, (x) => x.call?.phase === 'customer-ringing', 'ringing');
    sim.callAction(id, 'fail', { cause: 1552, description: 'user busy' });
    const s = await until(desk, (x) => x.call?.failure?.cause === 1552, 'failure cause');
    expect(s.call?.phase).toBe('failed');
    expect(s.call?.failure?.description).toBe('user busy');
    const r = await until(desk, (x) => x.recent[0]?.outcome.kind === 'called', 'recent');
    expect(r.recent[0]?.outcome).toEqual(expect.objectContaining({ result: 'failed' }));
  });

  it('declines exactly once and keeps the other preview', async () => {
    const { desk, id } = await ready(4);
    const a = sim.injectPreview(id, { numbers: ['500'] });
    const b = sim.injectPreview(id, { numbers: ['501'] });
    await until(desk, (x) => x.previews.length === 2, 'previews');
    const results = await Promise.all(
      [0, 1].map(() => desk.declinePreview({ controlId: a.controlId })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    // The release that cancelPreviewCallout triggers (§5.2) must not withdraw preview b.
    await waitFor(
      () => desk.eventLog().some((e) => e.name === 'AgentEvent_Release_Preview'),
      'release',
    );
    await until(
      desk,
      (x) => x.log.latest.at(-1)?.name !== 'AgentEvent_Release_Preview',
      'next poll',
    );
    const s = desk.snapshot();
    expect(s.previews.map((p) => p.controlId)).toEqual([b.controlId]);
    expect(s.recent[0]?.outcome).toEqual({ kind: 'declined', auto: false });
    const cancels = sim
      .requests()
      .filter((q) => q.agentId === id && /cancelpreviewcallout$/i.test(q.path));
    expect(cancels).toHaveLength(1);
  });

  it.each(['decline', 'dial-first'] as const)('runs the countdown action %s', async (action) => {
    const { desk, id } = await ready(action === 'decline' ? 0 : 1, {
      countdown: () => ({ seconds: 0.3, action }),
    });
    const before = callouts(id).length;
    const { controlId } = sim.injectPreview(id, { numbers: ['600', '601'] });
    if (action === 'decline') {
      const s = await until(desk, (x) => x.recent[0]?.controlId === controlId, 'declined');
      expect(s.recent[0]?.outcome).toEqual({ kind: 'declined', auto: true });
    } else {
      await waitFor(() => callouts(id).length > before, 'countdown callout');
      expect(callouts(id).at(-1)?.body).toContain('"600"');
      expect(callouts(id).at(-1)?.body).toContain(controlId);
    }
  });

  it('hands offers past the queue limit back to the dialler and withdraws nothing else', async () => {
    const { desk, id } = await ready(4);
    const cancelsBefore = sim
      .requests()
      .filter((q) => q.agentId === id && /cancelpreviewcallout$/i.test(q.path)).length;
    for (let i = 0; i < PREVIEW_QUEUE_MAX + 10; i += 1) {
      sim.injectPreview(id, { numbers: ['100'], controlId: String(880_000 + i) });
    }
    await waitFor(
      () => desk.eventLog().filter((e) => e.name === 'AgentEvent_Release_Preview').length >= 10,
      'ten releases',
    );
    await until(desk, (x) => x.recent.length >= 10, 'recent');
    const s = desk.snapshot();
    expect(s.previews).toHaveLength(PREVIEW_QUEUE_MAX);
    expect(s.previews[0]?.controlId).toBe('880010');
    expect(s.recent.slice(0, 10).every((r) => r.outcome.kind === 'declined')).toBe(true);
    const cancels = sim
      .requests()
      .filter((q) => q.agentId === id && /cancelpreviewcallout$/i.test(q.path)).length;
    expect(cancels - cancelsBefore).toBe(10);
  });

  it('withdraws a preview the gateway releases (AgentEvent_Release_Preview)', async () => {
    const { desk, id } = await ready(3);
    const before = callouts(id).length;
    const { controlId } = sim.injectPreview(id, { numbers: ['710', '711'] });
    await until(desk, (x) => x.previews.length === 1, 'preview');
    sim.withdrawPreview(id, controlId);
    const s = await until(desk, (x) => x.previews.length === 0, 'withdrawn');
    expect(s.recent[0]).toEqual(
      expect.objectContaining({ controlId, outcome: { kind: 'withdrawn' } }),
    );
    expect(callouts(id)).toHaveLength(before);
  });

  it('withdraws a preview when the gateway answers 200-036 at dial time', async () => {
    // The simulator answers 200-036 only for a dial that races its own withdrawal, which
    // cannot be timed reliably here; so the real session is wrapped to answer it once. Every
    // other request goes over HTTPS as usual.
    const factory: GatewayFactory = (connection, agentId, observer) => {
      const real = createGatewaySession(connection, agentId, observer);
      const gone = async () => ({
        ok: false as const,
        error: {
          kind: 'gateway' as const,
          retcode: '200-036',
          message: '',
          text: { en: '', zh: '' },
        },
      });
      return new Proxy(real, {
        get(target, prop) {
          if (prop === 'previewCallout') return gone;
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
        },
      });
    };
    const { desk, id } = await ready(2, { gatewayFactory: factory });
    const { controlId } = sim.injectPreview(id, { numbers: ['700'] });
    await until(desk, (x) => x.previews.length === 1, 'preview');
    expect((await desk.dialPreview({ controlId, number: '700' })).ok).toBe(false);
    const s = desk.snapshot();
    expect(s.previews).toEqual([]);
    expect(s.recent[0]).toEqual(
      expect.objectContaining({ controlId, outcome: { kind: 'withdrawn' } }),
    );
  });
});
