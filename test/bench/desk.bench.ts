/**
 * Desk core benchmarks (`npm run bench`; never part of `npm test`, nothing asserted):
 * - event → published snapshot latency over real HTTPS against the simulator;
 * - command overhead: desk.setAgentState vs a direct GatewaySession call, measured as the
 *   time until the request arrives at the simulator;
 * - DTMF: 24 keys pressed 30 ms apart, time until the last digit reached the simulator;
 * - per-interface queues (gateway-protocol §1.5): command → arrival at the simulator while a
 *   slow `seconddialex` (1 s) is unanswered, for agent-state commands and for hang-ups;
 * - a compressed shift (2,000 previews, 2,000 calls, 20,000 DTMF keys, 100,000 events)
 *   on the in-process fake gateway (HTTPS would take minutes at one event per poll), with
 *   the heap after GC at start and end.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import { Desk } from '../../main/desk/desk';
import type { GatewayFactory } from '../../main/gateway/api';
import { createGatewaySession } from '../../main/gateway/session';
import { startSimulator, type Simulator } from '../simulator/index';
import type { BenchEntry } from './types';
import { ev, fakeFactory, preview, type FakeGateway } from '../desk/support/fake-gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

async function waitFor(probe: () => boolean, limitMs = 10_000, what = ''): Promise<void> {
  const started = Date.now();
  while (!probe()) {
    if (Date.now() - started > limitMs) throw new Error(`bench wait timed out ${what}`);
    await sleep(1);
  }
}

function gc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapMb(collect: () => void): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function simDesk(
  sim: Simulator,
  index: number,
  gatewayFactory: GatewayFactory = createGatewaySession,
): Promise<{ desk: Desk; id: string }> {
  const a = sim.agents[index];
  if (a === undefined) throw new Error('no agent');
  const desk = new Desk({
    gatewayFactory,
    connections: async () => ({ ok: true, value: [{ baseUrl: sim.url, caPem: sim.caPem }] }),
  });
  const r = await desk.signIn({ agentId: a.id, password: a.password, phone: a.phone });
  if (!r.ok) throw new Error(`sign-in: ${JSON.stringify(r.error)}`);
  await waitFor(() => desk.snapshot().agent.state === 'ready');
  return { desk, id: a.id };
}

/**
 * Event → snapshot. Three instants per preview: injected at the simulator, the poll's
 * parsed event handed to the desk (the session's `pollEvents` resolved: the network and
 * parsing are behind us), and the coalesced snapshot published to subscribers. The desk's
 * own share is the second interval ("beyond the network").
 */
async function eventLatency(sim: Simulator): Promise<BenchEntry[]> {
  const arrivedAt = new Map<string, number>();
  const timedFactory: GatewayFactory = (connection, agentId, observer) => {
    const real = createGatewaySession(connection, agentId, observer);
    const pollEvents = real.pollEvents.bind(real);
    real.pollEvents = async (signal) => {
      const r = await pollEvents(signal);
      for (const event of r.ok ? r.value : []) {
        if (event.kind === 'preview-offered') arrivedAt.set(event.controlId, performance.now());
      }
      return r;
    };
    return real;
  };
  const { desk, id } = await simDesk(sim, 0, timedFactory);
  const publishedAt = new Map<string, number>();
  desk.subscribe((s) => {
    const now = performance.now();
    for (const p of s.previews)
      if (!publishedAt.has(p.controlId)) publishedAt.set(p.controlId, now);
  });
  const total: number[] = [];
  const deskOnly: number[] = [];
  for (let i = 0; i < 100; i += 1) {
    await sleep(30); // let the next long poll settle on the simulator
    const controlId = String(5_000_000 + i);
    const t0 = performance.now();
    sim.injectPreview(id, { numbers: ['100'], controlId });
    await waitFor(() => publishedAt.has(controlId));
    const published = publishedAt.get(controlId) as number;
    total.push(published - t0);
    deskOnly.push(published - (arrivedAt.get(controlId) ?? Number.NaN));
    await desk.declinePreview({ controlId });
  }
  await desk.dispose();
  return [
    { name: 'desk.eventToSnapshot.total.median', value: quantile(total, 0.5), unit: 'ms' },
    { name: 'desk.eventToSnapshot.total.p99', value: quantile(total, 0.99), unit: 'ms' },
    {
      name: 'desk.eventToSnapshot.beyondNetwork.median',
      value: quantile(deskOnly, 0.5),
      unit: 'ms',
    },
    { name: 'desk.eventToSnapshot.beyondNetwork.p99', value: quantile(deskOnly, 0.99), unit: 'ms' },
  ];
}

async function commandOverhead(sim: Simulator): Promise<BenchEntry[]> {
  const { desk, id } = await simDesk(sim, 1);
  const b = sim.agents[2];
  if (b === undefined) throw new Error('no agent');
  const direct = createGatewaySession({ baseUrl: sim.url, caPem: sim.caPem }, b.id, {});
  await direct.login({ agentId: b.id, password: b.password, phone: b.phone });
  await direct.resetSkill();
  const arrival = async (agentId: string, send: () => Promise<unknown>): Promise<number> => {
    const before = sim.requests().length;
    const t0 = performance.now();
    const done = send();
    await waitFor(() =>
      sim
        .requests()
        .slice(before)
        .some((q) => q.agentId === agentId && /(saybusy|sayfree|cancelbusy)/.test(q.path)),
    );
    const at =
      sim
        .requests()
        .slice(before)
        .find((q) => q.agentId === agentId && /(saybusy|sayfree|cancelbusy)/.test(q.path))
        ?.arrivedAt ?? t0;
    await done;
    return at - t0;
  };
  const viaDesk: number[] = [];
  const viaSession: number[] = [];
  for (let i = 0; i < 400; i += 1) {
    const busy = i % 2 === 0;
    viaDesk.push(
      await arrival(id, () =>
        desk.setAgentState(busy ? { state: 'not-ready' } : { state: 'ready' }),
      ),
    );
    viaSession.push(await arrival(b.id, () => (busy ? direct.sayBusy() : direct.sayFree())));
  }
  await desk.dispose();
  await direct.logout();
  direct.close();
  const dm = quantile(viaDesk, 0.5);
  const sm = quantile(viaSession, 0.5);
  return [
    { name: 'desk.commandToArrival.median', value: dm, unit: 'ms' },
    { name: 'desk.commandToArrival.p99', value: quantile(viaDesk, 0.99), unit: 'ms' },
    { name: 'desk.directSessionToArrival.median', value: sm, unit: 'ms' },
    { name: 'desk.directSessionToArrival.p99', value: quantile(viaSession, 0.99), unit: 'ms' },
    { name: 'desk.commandOverhead.medianRatio', value: dm / sm, unit: 'ratio' },
    {
      name: 'desk.commandOverhead.p99Ratio',
      value: quantile(viaDesk, 0.99) / quantile(viaSession, 0.99),
      unit: 'ratio',
    },
    { name: 'desk.commandOverhead.medianExtra', value: dm - sm, unit: 'ms' },
  ];
}

async function dtmfBurst(sim: Simulator): Promise<BenchEntry[]> {
  const { desk, id } = await simDesk(sim, 3);
  const { controlId } = sim.injectPreview(id, { numbers: ['100'] });
  await waitFor(() => desk.snapshot().previews.length === 1);
  await desk.dialPreview({ controlId, number: '100' });
  await waitFor(() => desk.snapshot().call?.phase === 'customer-ringing');
  sim.callAction(id, 'answer');
  await waitFor(() => desk.snapshot().call?.phase === 'talking');
  const keys = '0123456789*#0123456789*#';
  const t0 = performance.now();
  for (const k of keys) {
    void desk.sendDigits({ digits: k });
    await sleep(30);
  }
  const got = () => sim.dtmf(id).calls.at(-1)?.requests ?? [];
  await waitFor(() => got().join('') === keys);
  const elapsed = performance.now() - t0;
  const requests = got().length;
  await desk.hangUp();
  await waitFor(() => desk.snapshot().call?.phase === 'ended');
  await desk.dispose();
  return [
    { name: 'desk.dtmf24at30ms.lastDigitAtGateway', value: elapsed, unit: 'ms' },
    { name: 'desk.dtmf24at30ms.requests', value: requests, unit: 'count' },
  ];
}

/** Dials a fresh preview of agent `id` and waits until the customer answered. */
async function talking(desk: Desk, sim: Simulator, id: string): Promise<void> {
  const { controlId } = sim.injectPreview(id, { numbers: ['100'] });
  await waitFor(
    () => desk.snapshot().previews.some((p) => p.controlId === controlId),
    10_000,
    'preview',
  );
  const r = await desk.dialPreview({ controlId, number: '100' });
  if (!r.ok) throw new Error(`dial: ${JSON.stringify(r.error)}`);
  await waitFor(() => desk.snapshot().call?.phase === 'customer-ringing', 10_000, 'ringing');
  sim.callAction(id, 'answer');
  await waitFor(() => desk.snapshot().call?.phase === 'talking', 10_000, 'talking');
}

/** Time from `send()` until a request whose path matches `path` reached the simulator. */
async function arrivalOf(
  sim: Simulator,
  agentId: string,
  path: RegExp,
  send: () => Promise<unknown>,
): Promise<number> {
  const before = sim.requests().length;
  const t0 = performance.now();
  const done = send();
  const arrived = () =>
    sim
      .requests()
      .slice(before)
      .find((q) => q.agentId === agentId && path.test(q.path));
  await waitFor(() => arrived() !== undefined);
  await done;
  return (arrived()?.arrivedAt ?? t0) - t0;
}

/**
 * §1.5: only the same interface is serialised. While a `seconddialex` is held 1 s by the
 * simulator, other commands go out at once: agent-state commands (200, one call) and
 * hang-ups (5 calls). With one queue for all commands they would wait up to the 1 s.
 */
async function besideSlowCommand(sim: Simulator): Promise<BenchEntry[]> {
  const { desk, id } = await simDesk(sim, 4);
  sim.addFault({ kind: 'latency', path: 'seconddialex', agentId: id, ms: 1_000, count: 0 });
  try {
    await talking(desk, sim, id);
    await desk.sendDigits({ digits: '1'.repeat(240) }); // ten batches of 24, one at a time
    const stateCommands: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      if (desk.snapshot().call?.dtmf.inFlight === '') throw new Error('no seconddialex in flight');
      stateCommands.push(
        await arrivalOf(sim, id, /(saybusy|sayfree|cancelbusy)$/, () =>
          desk.setAgentState(i % 2 === 0 ? { state: 'not-ready' } : { state: 'ready' }),
        ),
      );
    }
    await desk.hangUp();
    await waitFor(() => desk.snapshot().call?.phase === 'ended');
    const hangUps: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await talking(desk, sim, id);
      await desk.sendDigits({ digits: '2' });
      await waitFor(() => desk.snapshot().call?.dtmf.inFlight === '2');
      hangUps.push(await arrivalOf(sim, id, /\/release$/, () => desk.hangUp()));
      await waitFor(() => desk.snapshot().call?.phase === 'ended');
    }
    return [
      {
        name: 'desk.commandBesideSlowCommand.median',
        value: quantile(stateCommands, 0.5),
        unit: 'ms',
      },
      {
        name: 'desk.commandBesideSlowCommand.p99',
        value: quantile(stateCommands, 0.99),
        unit: 'ms',
      },
      { name: 'desk.hangUpBesideSlowDtmf.median', value: quantile(hangUps, 0.5), unit: 'ms' },
      { name: 'desk.hangUpBesideSlowDtmf.max', value: Math.max(...hangUps), unit: 'ms' },
    ];
  } finally {
    sim.clearFaults();
    await desk.dispose();
  }
}

async function drain(gw: FakeGateway): Promise<void> {
  while (gw.queuedAnswers > 0 || !gw.isPollWaiting) await turn();
}

async function shift(): Promise<BenchEntry[]> {
  const collect = gc();
  const { factory, sessions } = fakeFactory((gw) => {
    gw.recordCalls = false;
  });
  const desk = new Desk({
    gatewayFactory: factory,
    connections: async () => ({ ok: true, value: [{ baseUrl: 'https://fake' }] }),
  });
  let pushes = 0;
  desk.subscribe(() => (pushes += 1));
  await desk.signIn({ agentId: '101', password: 'pw', phone: '8101' });
  const gw = sessions[0];
  if (gw === undefined) throw new Error('no session');
  const startMb = heapMb(collect);
  const t0 = performance.now();
  let events = 0;
  let keys = 0;
  const filler = Math.ceil((100_000 - 2_000 * 8) / 2_000);
  for (let i = 0; i < 2_000; i += 1) {
    const controlId = String(10_000_000_000 + i);
    gw.emit(preview(controlId, ['100', '101'], `{"customer":"c${i}","note":"shift"}`));
    events += 1;
    await drain(gw);
    const dial = await desk.dialPreview({ controlId, number: '101' });
    if (!dial.ok) throw new Error(`dial ${i}: ${JSON.stringify(dial.error)}`);
    const callId = dial.value.callId ?? '';
    gw.emit(
      ev('phone-alerting', {}),
      ev('customer-alerting', { callId, otherPhone: '101' }),
      ev('talking', { callId, caller: '8101', called: '101', feature: 44 }),
    );
    events += 3;
    await drain(gw);
    for (let k = 0; k < 10; k += 1) await desk.sendDigits({ digits: String(k) });
    keys += 10;
    while (desk.snapshot().call?.dtmf.queued !== '' || desk.snapshot().call?.dtmf.inFlight !== '')
      await turn();
    for (let f = 0; f < filler; f += 1) gw.emit(ev('state-ready', {}));
    gw.emit(
      ev('call-release', { callId }),
      ev('customer-release', { callId, number: '101' }),
      ev('phone-release', { phoneState: 2 }),
      ev('state-ready', {}),
    );
    events += filler + 4;
    await drain(gw);
  }
  const elapsed = performance.now() - t0;
  await sleep(50);
  const endMb = heapMb(collect);
  const s = desk.snapshot();
  await desk.dispose();
  return [
    { name: 'desk.shiftFakeGateway.events', value: events, unit: 'count' },
    { name: 'desk.shiftFakeGateway.dtmfKeys', value: keys, unit: 'count' },
    { name: 'desk.shiftFakeGateway.duration', value: elapsed, unit: 'ms' },
    { name: 'desk.shiftFakeGateway.snapshotPushes', value: pushes, unit: 'count' },
    { name: 'desk.shiftFakeGateway.heapAfterGcStart', value: startMb, unit: 'MB' },
    { name: 'desk.shiftFakeGateway.heapAfterGcEnd', value: endMb, unit: 'MB' },
    {
      name: 'desk.shiftFakeGateway.recentPlusLogEntriesKept',
      value: s.recent.length + desk.eventLog().length,
      unit: 'count',
    },
  ];
}

/** The per-interface queue figures alone (for a quick look: `tsx -e`). */
export async function runBesideSlowCommand(): Promise<BenchEntry[]> {
  const sim = await startSimulator({ callStepMs: 5 });
  try {
    return await besideSlowCommand(sim);
  } finally {
    await sim.stop();
  }
}

/** Runs every desk benchmark; figures only, no thresholds. */
export async function run(): Promise<BenchEntry[]> {
  const sim = await startSimulator({ callStepMs: 5 });
  try {
    return [
      ...(await eventLatency(sim)),
      ...(await commandOverhead(sim)),
      ...(await dtmfBurst(sim)),
      ...(await besideSlowCommand(sim)),
      ...(await shift()),
    ];
  } finally {
    await sim.stop();
  }
}
