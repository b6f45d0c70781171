/**
 * Gateway client benchmarks against the simulator on loopback (nothing asserted here):
 * 1. per-request cost of our client (`agentStatus`) against a bare `node:https` keep-alive GET
 *    of the same resource, N interleaved requests each: median, p99 and their ratio;
 * 2. the idle poll loop under a 10 s hold for ~30 s: requests per minute and CPU per minute,
 *    beside the CPU of the same process idling without polls for 10 s (the simulator runs
 *    in-process, so its timers are in both figures);
 * 3. a request on a new connection when the OS store is trusted (issue #12): the client's
 *    shared TLS context against a bare request that passes the CA list itself (Node then
 *    parses every certificate for each socket), and the one-time cost of building it.
 */
import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import { createGatewaySession } from '../../main/gateway/session';
import { guidFromSetGuid } from '../../main/gateway/assumptions';
import { trustContext, trustedCas } from '../../main/gateway/trust';
import type { CaStore } from '../../main/gateway/types';
import { startSimulator, type SimAgent, type Simulator } from '../simulator/index';
import type { BenchEntry } from './types';

const N = 2_000;
const WARM_UP = 100;
const IDLE_MS = 30_000;
const HOLD_MS = 10_000;
/** The desk's gap after an empty poll (design §3). */
const POLL_GAP_MS = 200;
const BASELINE_MS = 10_000;
const SETTLE_MS = 5_000;

/**
 * CPU time of the main JS thread in ms, from /proc on Linux (null elsewhere). Process CPU
 * also counts loader workers and GC threads, which dominate an idle process on a shared box.
 */
function mainThreadCpuMs(): number | null {
  const file = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(file)) return null;
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime (fields 14 and 15 of stat) in clock ticks of 10 ms (USER_HZ = 100).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU used since `start`, per minute of wall time: whole process and main thread. */
function cpuMeter() {
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMs();
  const t0 = performance.now();
  return () => {
    const minutes = (performance.now() - t0) / 60_000;
    const cpu = process.cpuUsage(cpu0);
    const main1 = mainThreadCpuMs();
    return {
      minutes,
      processPerMin: (cpu.user + cpu.system) / 1000 / minutes,
      mainPerMin: main0 === null || main1 === null ? null : (main1 - main0) / minutes,
    };
  };
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

function bareRequest(
  agent: https.Agent,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs an agent in with bare node:https and returns its Guid (the baseline's session). */
async function bareSignIn(sim: Simulator, agent: https.Agent, a: SimAgent): Promise<string> {
  const url = new URL(`/agentgateway/resource/onlineagent/${a.id}`, sim.url);
  const body = JSON.stringify({ password: a.password, phonenum: a.phone });
  const res = await bareRequest(
    agent,
    url,
    'PUT',
    { 'content-type': 'application/json; charset=UTF-8' },
    body,
  );
  const setGuid = res.headers['set-guid'];
  if (typeof setGuid !== 'string') throw new Error(`bare sign-in failed: ${res.body}`);
  return guidFromSetGuid(setGuid);
}

async function requestCost(sim: Simulator): Promise<BenchEntry[]> {
  const [ours, bare] = sim.agents as [SimAgent, SimAgent];
  const session = createGatewaySession({ baseUrl: sim.url, caPem: sim.caPem }, ours.id, {});
  const agent = new https.Agent({ keepAlive: true, ca: sim.caPem });
  try {
    const login = await session.login({
      agentId: ours.id,
      password: ours.password,
      phone: ours.phone,
    });
    if (!login.ok) throw new Error(`sign-in failed: ${JSON.stringify(login.error)}`);
    const guid = await bareSignIn(sim, agent, bare);
    const url = new URL(`/agentgateway/resource/onlineagent/${bare.id}/agentstatus`, sim.url);
    const headers = { 'content-type': 'application/json; charset=UTF-8', guid };
    const client: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < WARM_UP + N; i += 1) {
      let t = performance.now();
      const r = await session.agentStatus();
      const tClient = performance.now() - t;
      if (!r.ok) throw new Error(`agentStatus failed: ${JSON.stringify(r.error)}`);
      t = performance.now();
      const b = await bareRequest(agent, url, 'GET', headers);
      const tBare = performance.now() - t;
      if (b.status !== 200 || !b.body.includes('"retcode":"0"'))
        throw new Error(`bare GET failed: ${b.body}`);
      if (i >= WARM_UP) {
        client.push(tClient);
        baseline.push(tBare);
      }
    }
    client.sort((x, y) => x - y);
    baseline.sort((x, y) => x - y);
    const cMed = quantile(client, 0.5);
    const bMed = quantile(baseline, 0.5);
    const cP99 = quantile(client, 0.99);
    const bP99 = quantile(baseline, 0.99);
    return [
      { name: 'gateway.agentStatus.client.median', value: cMed, unit: 'ms' },
      { name: 'gateway.agentStatus.client.p99', value: cP99, unit: 'ms' },
      { name: 'gateway.agentStatus.bare-https.median', value: bMed, unit: 'ms' },
      { name: 'gateway.agentStatus.bare-https.p99', value: bP99, unit: 'ms' },
      { name: 'gateway.agentStatus.median-ratio', value: cMed / bMed, unit: 'client/bare' },
      { name: 'gateway.agentStatus.p99-ratio', value: cP99 / bP99, unit: 'client/bare' },
      { name: 'gateway.agentStatus.overhead.median', value: cMed - bMed, unit: 'ms' },
    ];
  } finally {
    session.close();
    agent.destroy();
  }
}

async function idlePollLoop(sim: Simulator): Promise<BenchEntry[]> {
  const a = sim.agents[2] as SimAgent;
  const session = createGatewaySession({ baseUrl: sim.url, caPem: sim.caPem }, a.id, {});
  try {
    const login = await session.login({ agentId: a.id, password: a.password, phone: a.phone });
    if (!login.ok) throw new Error(`sign-in failed: ${JSON.stringify(login.error)}`);
    // Drain the sign-in events so the loop below only sees empty long polls.
    for (
      let r = await session.pollEvents();
      r.ok && r.value.length > 0;
      r = await session.pollEvents()
    );
    // Baseline first: the same process doing nothing (simulator timers, GC settling after
    // the request benchmark), so the poll loop's own cost can be read as the difference.
    // Let start-up work (module compilation, certificate generation) finish first.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const baseline = cpuMeter();
    await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
    const idle = baseline();
    const polling = cpuMeter();
    let requests = 0;
    while (polling().minutes * 60_000 < IDLE_MS) {
      const r = await session.pollEvents();
      requests += 1;
      if (!r.ok) throw new Error(`poll failed: ${JSON.stringify(r.error)}`);
      if (r.value.length === 0) await new Promise((resolve) => setTimeout(resolve, POLL_GAP_MS));
    }
    const loop = polling();
    const entries: BenchEntry[] = [
      { name: 'gateway.idle-poll.requests', value: requests / loop.minutes, unit: 'requests/min' },
      {
        name: 'gateway.idle-poll.cpu.process',
        value: loop.processPerMin,
        unit: 'ms CPU/min (whole process, simulator in-process)',
      },
      {
        name: 'gateway.idle-baseline.cpu.process',
        value: idle.processPerMin,
        unit: 'ms CPU/min (same process, no polling)',
      },
    ];
    if (loop.mainPerMin !== null && idle.mainPerMin !== null) {
      entries.push(
        { name: 'gateway.idle-poll.cpu.main-thread', value: loop.mainPerMin, unit: 'ms CPU/min' },
        {
          name: 'gateway.idle-baseline.cpu.main-thread',
          value: idle.mainPerMin,
          unit: 'ms CPU/min',
        },
      );
    }
    return entries;
  } finally {
    await session.logout();
    session.close();
  }
}

const NEW_CONNECTIONS = 40;

/** A fresh socket per request, trusting the bundled roots plus a "system" store with the site CA. */
async function newConnectionCost(sim: Simulator): Promise<BenchEntry[]> {
  const a = sim.agents[3] as SimAgent;
  const store: CaStore = { bundled: tls.rootCertificates, system: [sim.caPem], extra: [] };
  const ca = trustedCas(undefined, store) ?? [];
  let t = performance.now();
  trustContext(undefined, store);
  const build = performance.now() - t;
  const url = new URL(`/agentgateway/resource/onlineagent/${a.id}/agentstatus`, sim.url);
  const headers = { 'content-type': 'application/json; charset=UTF-8' };
  const shared: number[] = [];
  const perSocket: number[] = [];
  for (let i = 0; i < NEW_CONNECTIONS; i += 1) {
    const session = createGatewaySession({ baseUrl: sim.url, caStore: store }, a.id, {});
    t = performance.now();
    const r = await session.agentStatus();
    shared.push(performance.now() - t);
    session.close();
    // Not signed in: 100-006 is the expected answer; a TLS failure would be another kind.
    if (r.ok || r.error.kind !== 'signed-out')
      throw new Error(`new connection: ${JSON.stringify(r)}`);
    const agent = new https.Agent({ keepAlive: false, ca });
    t = performance.now();
    const b = await bareRequest(agent, url, 'GET', headers);
    perSocket.push(performance.now() - t);
    agent.destroy();
    if (b.status !== 200) throw new Error(`bare GET failed: ${b.status}`);
  }
  shared.sort((x, y) => x - y);
  perSocket.sort((x, y) => x - y);
  return [
    { name: 'gateway.trustContext.build', value: build, unit: `ms (once, ${ca.length} CAs)` },
    {
      name: 'gateway.newConnection.sharedTrustContext.median',
      value: quantile(shared, 0.5),
      unit: 'ms (handshake + request)',
    },
    {
      name: 'gateway.newConnection.caListPerSocket.median',
      value: quantile(perSocket, 0.5),
      unit: 'ms (bare https, CA list parsed per socket)',
    },
  ];
}

/** Runs the benchmarks on one simulator; prints nothing. */
export async function run(): Promise<BenchEntry[]> {
  const sim = await startSimulator({ pollHoldMs: HOLD_MS, sessionTimeoutMs: 600_000 });
  try {
    // The idle loop first, while the heap is small: after 4 000 requests GC would settle
    // during its baseline and blur both figures.
    const idle = await idlePollLoop(sim);
    return [...(await requestCost(sim)), ...idle, ...(await newConnectionCost(sim))];
  } finally {
    await sim.stop();
  }
}
