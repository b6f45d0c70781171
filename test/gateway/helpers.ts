/**
 * Shared helpers of the gateway suites: a simulator per file, sessions that clean up after
 * themselves, and a poll loop that drains events until one of a kind arrives.
 */
import type { GatewayApi, GatewayObserver } from '../../main/gateway/api';
import { createGatewaySession } from '../../main/gateway/session';
import type {
  GatewayCallRecord,
  GatewayConnection,
  GatewayEvent,
  GatewayEventKind,
} from '../../main/gateway/types';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  startSimulator,
  type SimAgent,
  type RequestRecord,
  type Simulator,
} from '../simulator/index';

/** Agents 101..160 with password `pw<id>` and phone `8<id>`: one per test, no clean-up races. */
export const MANY_AGENTS: SimAgent[] = Array.from({ length: 60 }, (_, i) => {
  const id = String(101 + i);
  return { id, password: `pw${id}`, phone: `8${id}` };
});

/** Hands out a fresh agent per call, so no test sees another test's session. */
export function agentSupply(): () => SimAgent {
  let next = 0;
  return () => {
    const a = MANY_AGENTS[next++];
    if (a === undefined) throw new Error('out of agents');
    return a;
  };
}

/** A connection to the simulator trusting its CA, with short timeouts for fast tests. */
export function connectionTo(
  sim: Simulator,
  extra: Partial<GatewayConnection> = {},
): GatewayConnection {
  return {
    baseUrl: sim.url,
    caPem: sim.caPem,
    requestTimeoutMs: 3_000,
    pollTimeoutMs: 5_000,
    ...extra,
  };
}

/** A session plus what its observer saw. */
export interface Probe {
  session: GatewayApi;
  calls: GatewayCallRecord[];
  rotations: number;
}

const opened: GatewayApi[] = [];

/** Opens a session whose observer records every call and rotation. */
export function open(connection: GatewayConnection, agentId: string): Probe {
  const probe: Probe = { session: undefined as unknown as GatewayApi, calls: [], rotations: 0 };
  const observer: GatewayObserver = {
    onCall: (record) => probe.calls.push(record),
    onGuidRotated: () => {
      probe.rotations += 1;
    },
  };
  probe.session = createGatewaySession(connection, agentId, observer);
  opened.push(probe.session);
  return probe;
}

/** Closes every session opened by `open` (afterEach). */
export function closeAll(): void {
  for (const s of opened.splice(0)) s.close();
}

/** Agent credentials from the simulator's account list. */
export function credentials(agent: SimAgent) {
  return { agentId: agent.id, password: agent.password, phone: agent.phone };
}

/** Opens a session and signs it in (login + resetskill), failing the test otherwise. */
export async function signedIn(connection: GatewayConnection, agent: SimAgent): Promise<Probe> {
  const probe = open(connection, agent.id);
  const login = await probe.session.login(credentials(agent));
  if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login.error)}`);
  const reset = await probe.session.resetSkill();
  if (!reset.ok) throw new Error(`resetskill failed: ${JSON.stringify(reset.error)}`);
  return probe;
}

/**
 * Polls until an event of `kind` arrives and returns every event seen on the way. Fails on
 * a poll error or when `maxPolls` replies went by without it (empty replies included).
 */
export async function pollUntil(
  session: GatewayApi,
  kind: GatewayEventKind,
  maxPolls = 30,
): Promise<GatewayEvent[]> {
  const seen: GatewayEvent[] = [];
  for (let i = 0; i < maxPolls; i += 1) {
    const r = await session.pollEvents();
    if (!r.ok) throw new Error(`poll failed: ${JSON.stringify(r.error)}`);
    for (const event of r.value) {
      seen.push(event);
      if (event.kind === kind) return seen;
    }
  }
  throw new Error(
    `no ${kind} event after ${maxPolls} polls; saw ${seen.map((e) => e.kind).join(', ')}`,
  );
}

/** Polls until an empty reply: every queued event, in order. */
export async function drain(session: GatewayApi, maxPolls = 30): Promise<GatewayEvent[]> {
  const seen: GatewayEvent[] = [];
  for (let i = 0; i < maxPolls; i += 1) {
    const r = await session.pollEvents();
    if (!r.ok) throw new Error(`poll failed: ${JSON.stringify(r.error)}`);
    if (r.value.length === 0) return seen;
    seen.push(...r.value);
  }
  throw new Error(`queue did not drain in ${maxPolls} polls`);
}

/** Waits (not an assertion: used only to let a server-side clock pass a threshold). */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** The simulator a gateway test file shares, read once `beforeAll` has run. */
export interface SharedSimulator {
  sim: Simulator;
  /** A connection to `sim` with the file's overrides. */
  conn: GatewayConnection;
  /** A fresh agent per call (`agentSupply`). */
  agent: () => SimAgent;
  /** The requests `agentId` sent whose path contains `pathPart`. */
  requestsOf: (agentId: string, pathPart: string) => RequestRecord[];
}

/**
 * One simulator of MANY_AGENTS for a whole test file (started before its tests, stopped after),
 * its faults cleared and every opened session closed after each test. Call at the top of the file.
 */
export function sharedSimulator(connection: Partial<GatewayConnection> = {}): SharedSimulator {
  const shared: SharedSimulator = {
    sim: undefined as unknown as Simulator,
    conn: undefined as unknown as GatewayConnection,
    agent: agentSupply(),
    requestsOf: (agentId, pathPart) =>
      shared.sim.requests().filter((r) => r.agentId === agentId && r.path.includes(pathPart)),
  };
  beforeAll(async () => {
    shared.sim = await startSimulator({ pollHoldMs: 150, callStepMs: 2, agents: MANY_AGENTS });
    shared.conn = connectionTo(shared.sim, connection);
  });
  afterEach(() => {
    shared.sim.clearFaults();
    closeAll();
  });
  afterAll(() => shared.sim.stop());
  return shared;
}
