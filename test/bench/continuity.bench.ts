/**
 * Continuity benchmarks (issue #11 §4; `npm run bench`, never part of `npm test`, nothing
 * asserted): how long the agent waits, on loopback against the simulator, from the event to
 * the desk live again with the agent's state restored (signed in, health live, the chosen
 * state confirmed by the gateway's event, nothing pending).
 *
 * - `continuity.restartToLive`: `sim.restart()` (sessions lost, same port) → live.
 * - `continuity.failoverToLive`: the primary killed (connections refused) → live on the backup.
 * - `continuity.sleepToLive`: `desk.resume()` after a silence longer than the gateway's session
 *   timeout (nothing of the desk reached the gateway, which signed the agent out) → live.
 *
 * Each is measured `RUNS` times with the product's own jittered backoff (first step 0.5–1.5 s).
 * The target is "under 3 s beyond the gateway's own start-up and the backoff step in force",
 * so each run also records those two and `…beyond…` is the total minus both: the gateway's
 * start-up is the time `restart()` took (0 for the failover: the backup is up, and for the
 * sleep: the gateway never stopped); the backoff step is the delay the desk chose before its
 * first attempt (shown in the status bar as "next in s").
 */
import { performance } from 'node:perf_hooks';
import { Desk, type DeskOptions } from '../../main/desk/desk';
import { createGatewaySession } from '../../main/gateway/session';
import type { DeskSnapshot } from '../../main/ipc/contract';
import { startSimulator, type Simulator } from '../simulator/index';
import type { BenchEntry } from './types';

const RUNS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

async function until(desk: Desk, probe: (s: DeskSnapshot) => boolean, limitMs = 60_000) {
  const started = Date.now();
  while (!probe(desk.snapshot())) {
    if (Date.now() - started > limitMs) throw new Error('continuity bench: wait timed out');
    await sleep(1);
  }
}

/** Live with the chosen state (ready) confirmed and nothing pending. */
const restored = (s: DeskSnapshot): boolean =>
  s.session.phase === 'signed-in' &&
  s.connection.health === 'live' &&
  s.agent.state === 'ready' &&
  s.agent.pending === null;

function newDesk(primary: Simulator, extra: Partial<DeskOptions> = {}, backup?: Simulator): Desk {
  const connection = { caPem: primary.caPem, pollTimeoutMs: 40_000 };
  return new Desk({
    gatewayFactory: createGatewaySession,
    connections: async () => ({
      ok: true,
      value: [
        { ...connection, baseUrl: primary.url },
        ...(backup === undefined ? [] : [{ ...connection, baseUrl: backup.url }]),
      ],
    }),
    ...extra,
  });
}

async function signedIn(desk: Desk, sim: Simulator, index: number): Promise<void> {
  const a = sim.agents[index];
  if (a === undefined) throw new Error('no agent');
  let r = await desk.signIn({ agentId: a.id, password: a.password, phone: a.phone });
  if (!r.ok && r.error.kind === 'already-signed-in') {
    r = await desk.signIn({ agentId: a.id, password: a.password, phone: a.phone, force: true });
  }
  if (!r.ok) throw new Error(`sign-in: ${JSON.stringify(r.error)}`);
  await until(desk, restored);
  // A poll held at the gateway, as in a shift: the loss hits a desk at rest.
  await sleep(50);
}

/** The first backoff step the desk chose after the loss (ms), read from its status. */
function watchStep(desk: Desk): () => number {
  let step = Number.NaN;
  const off = desk.subscribe((s) => {
    const v = s.session.signInAgain;
    if (Number.isNaN(step) && v !== null && v.attempt === 0 && v.nextAttemptAt !== null) {
      step = v.nextAttemptAt - v.since;
    }
  });
  return () => {
    off();
    return step;
  };
}

interface Run {
  total: number;
  startup: number;
  step: number;
}

function figures(name: string, runs: Run[]): BenchEntry[] {
  const totals = runs.map((r) => r.total);
  const beyond = runs.map((r) => r.total - r.startup - r.step);
  return [
    { name: `continuity.${name}.median`, value: quantile(totals, 0.5), unit: 'ms' },
    { name: `continuity.${name}.p99`, value: quantile(totals, 0.99), unit: 'ms' },
    {
      name: `continuity.${name}.beyondStartupAndBackoff.median`,
      value: quantile(beyond, 0.5),
      unit: 'ms',
    },
    {
      name: `continuity.${name}.beyondStartupAndBackoff.p99`,
      value: quantile(beyond, 0.99),
      unit: 'ms',
    },
    {
      name: `continuity.${name}.backoffStep.median`,
      value: quantile(
        runs.map((r) => r.step),
        0.5,
      ),
      unit: 'ms',
    },
    {
      name: `continuity.${name}.gatewayStartup.median`,
      value: quantile(
        runs.map((r) => r.startup),
        0.5,
      ),
      unit: 'ms',
    },
  ];
}

async function restartToLive(): Promise<BenchEntry[]> {
  const sim = await startSimulator();
  const runs: Run[] = [];
  try {
    const desk = newDesk(sim);
    await signedIn(desk, sim, 0);
    for (let i = 0; i < RUNS; i += 1) {
      const stepOf = watchStep(desk);
      const t0 = performance.now();
      await sim.restart();
      const startup = performance.now() - t0;
      await until(desk, (s) => s.session.phase !== 'signed-in');
      await until(desk, restored);
      runs.push({ total: performance.now() - t0, startup, step: stepOf() });
      await sleep(50);
    }
    await desk.dispose();
  } finally {
    await sim.stop();
  }
  return figures('restartToLive', runs);
}

async function failoverToLive(): Promise<BenchEntry[]> {
  const primary = await startSimulator();
  const backup = await startSimulator({ node: 1 });
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const desk = newDesk(primary, {}, backup);
      await signedIn(desk, primary, i % primary.agents.length);
      if (desk.snapshot().connection.gateway !== 'primary') throw new Error('not on the primary');
      const stepOf = watchStep(desk);
      const t0 = performance.now();
      await primary.kill();
      await until(desk, (s) => s.session.phase !== 'signed-in');
      await until(desk, (s) => restored(s) && s.connection.gateway === 'backup');
      runs.push({ total: performance.now() - t0, startup: 0, step: stepOf() });
      await desk.signOut();
      await desk.dispose();
      await primary.revive();
    }
  } finally {
    await primary.stop();
    await backup.stop();
  }
  return figures('failoverToLive', runs);
}

async function sleepToLive(): Promise<BenchEntry[]> {
  // The session timeout shortened (the gateway's MAXTIME is 120 s, §2.3), the desk told so.
  const timeoutMs = 400;
  const sim = await startSimulator({ sessionTimeoutMs: timeoutMs, pollHoldMs: 300 });
  const runs: Run[] = [];
  try {
    const desk = newDesk(sim, { gatewaySilenceMs: timeoutMs, silenceMarginMs: 100 });
    const agent = sim.agents[0];
    if (agent === undefined) throw new Error('no agent');
    await signedIn(desk, sim, 0);
    for (let i = 0; i < RUNS; i += 1) {
      // Asleep: nothing of the desk reaches the gateway until its silence sign-out.
      const ends = sim.sessionEnds().length;
      sim.addFault({ kind: 'hang', agentId: agent.id, count: 0 });
      while (
        !sim
          .sessionEnds()
          .slice(ends)
          .some((e) => e.reason === 'timeout')
      )
        await sleep(5);
      const stepOf = watchStep(desk);
      // Waking: the network is back and the OS reports the resume, at the same instant.
      const t0 = performance.now();
      sim.clearFaults();
      desk.resume();
      await until(desk, (s) => s.session.phase !== 'signed-in');
      await until(desk, restored);
      runs.push({ total: performance.now() - t0, startup: 0, step: stepOf() });
      if (desk.snapshot().session.signInAgain !== null) throw new Error('still signing in again');
      await sleep(50);
    }
    await desk.dispose();
  } finally {
    await sim.stop();
  }
  return figures('sleepToLive', runs);
}

export async function run(): Promise<BenchEntry[]> {
  return [...(await restartToLive()), ...(await failoverToLive()), ...(await sleepToLive())];
}
