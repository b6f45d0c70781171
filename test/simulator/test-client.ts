/**
 * A minimal HTTPS client for the simulator's own tests: plain node:https trusting the
 * simulator's CA (never the app's gateway client, never verification off), and the set-up
 * those tests share (a simulator per test, an agent signed in, a call ringing).
 */
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach } from 'vitest';
import { startSimulator } from './index';
import type { Simulator, SimulatorOptions } from './types';
import { LB_COOKIE } from './sign-in';

/** A response as received. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Request options: `guid` goes in the `Guid` header (or `guidHeader`'s spelling). */
export interface SendOptions {
  guid?: string;
  guidHeader?: string;
  body?: string | object;
  cookie?: string;
  /** Abort after this many ms (for hung requests). */
  abortAfterMs?: number;
}

/** Send one request to `sim` at `path` (a path under `/agentgateway/resource/` or `/__sim`). */
export function send(
  sim: Simulator,
  method: string,
  path: string,
  o: SendOptions = {},
): Promise<RawResponse> {
  const full = path.startsWith('/') ? path : `/agentgateway/resource/${path}`;
  const body =
    o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=UTF-8' };
  if (o.guid !== undefined) headers[o.guidHeader ?? 'Guid'] = o.guid;
  if (o.cookie !== undefined) headers.Cookie = o.cookie;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sim.port,
        method,
        path: full,
        headers,
        ca: sim.caPem,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (o.abortAfterMs !== undefined) {
      const timer = setTimeout(() => req.destroy(new Error('aborted by test')), o.abortAfterMs);
      req.on('close', () => clearTimeout(timer));
    }
    req.end(body);
  });
}

/** Send and parse the JSON envelope. */
export async function json(
  sim: Simulator,
  method: string,
  path: string,
  o: SendOptions = {},
): Promise<Record<string, unknown> & { retcode?: string }> {
  const res = await send(sim, method, path, o);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}`);
  return JSON.parse(res.text) as Record<string, unknown> & { retcode?: string };
}

/** The Guid in a `Set-GUID` header (strip through the first `=`, §2.1), or null. */
export function guidOf(res: RawResponse): string | null {
  const v = res.headers['set-guid'];
  const text = Array.isArray(v) ? v[0] : v;
  return text === undefined ? null : text.slice(text.indexOf('=') + 1);
}

/** A signed-in agent. */
export interface Agent {
  id: string;
  guid: string;
  cookie: string;
}

/** Sign `id` in (default body per §3.1) and return its Guid and cookie. */
export async function signIn(sim: Simulator, id = '101', extra: object = {}): Promise<Agent> {
  const account = sim.agents.find((a) => a.id === id);
  if (account === undefined) throw new Error(`no account ${id}`);
  const res = await send(sim, 'PUT', `onlineagent/${id}`, {
    body: { password: account.password, phonenum: account.phone, status: 4, ...extra },
  });
  const guid = guidOf(res);
  if (guid === null) throw new Error(`sign-in failed: ${res.text}`);
  const set = res.headers['set-cookie']?.[0];
  return { id, guid, cookie: set === undefined ? LB_COOKIE : (set.split(';')[0] ?? LB_COOKIE) };
}

/** Poll once; the event object or null. */
export async function poll(sim: Simulator, a: Agent): Promise<PolledEvent | null> {
  const body = await json(sim, 'GET', `agentevent/${a.id}`, { guid: a.guid, cookie: a.cookie });
  if (body.retcode !== '0') throw new Error(`poll failed: ${JSON.stringify(body)}`);
  return (body.event as PolledEvent | undefined) ?? null;
}

/** A polled event. */
export interface PolledEvent {
  eventType: string;
  workNo: string;
  content: unknown;
  eventGenTime?: number;
}

/** Poll until `n` events arrived (the simulator must be set with a short `pollHoldMs`). */
export async function pollEvents(
  sim: Simulator,
  a: Agent,
  n: number,
  maxPolls = 50,
): Promise<PolledEvent[]> {
  const events: PolledEvent[] = [];
  for (let i = 0; i < maxPolls && events.length < n; i += 1) {
    const ev = await poll(sim, a);
    if (ev !== null) events.push(ev);
  }
  return events;
}

/** Resolve once `check` holds, trying every few ms (no assertion on how long it took). */
export async function waitFor(check: () => boolean, what: string, tries = 400): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** `json` with the agent's Guid, and `body` when given. */
export function op(
  sim: Simulator,
  a: Agent,
  method: string,
  path: string,
  body?: string,
): Promise<Record<string, unknown> & { retcode?: string }> {
  return json(sim, method, path, { guid: a.guid, ...(body === undefined ? {} : { body }) });
}

/** Poll until `n` events arrived; their types. */
export async function eventTypes(sim: Simulator, a: Agent, n: number): Promise<string[]> {
  return (await pollEvents(sim, a, n)).map((e) => e.eventType);
}

/** A `/__sim/{path}` control request: its status and parsed JSON body. */
export async function control(
  sim: Simulator,
  method: string,
  path: string,
  body?: object | string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await send(sim, method, `/__sim/${path}`, body === undefined ? {} : { body });
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
}

/** `PUT voicecall/101/previewCallout` of `number` for the preview `controlId`. */
export function previewCallout(
  sim: Simulator,
  a: Agent,
  controlId: string,
  number = '555',
): Promise<Record<string, unknown> & { retcode?: string }> {
  return op(
    sim,
    a,
    'PUT',
    `voicecall/${a.id}/previewCallout`,
    `{"called":"${number}","callcontrolid":"${controlId}"}`,
  );
}

/** The events of a dialled preview until the customer's phone rings (§5.1). */
export const RINGING = [
  'AgentOther_PhoneAlerting',
  'AgentOther_PhoneOffhook',
  'AgentState_Busy',
  'AgentEvent_Customer_Alerting',
];

/**
 * Offer a preview of 555 as `controlId`, dial it and drain the offer and the ringing script;
 * the call id. Throws when the dial is refused.
 */
export async function ringing(sim: Simulator, a: Agent, controlId = '1'): Promise<string> {
  sim.injectPreview(a.id, { numbers: ['555'], controlId });
  await pollEvents(sim, a, 1);
  const r = await previewCallout(sim, a, controlId);
  if (r.retcode !== '0') throw new Error(`dial refused: ${JSON.stringify(r)}`);
  await pollEvents(sim, a, RINGING.length);
  return r.result as string;
}

/**
 * Simulators for a test file, each stopped after its test. `start` runs one with `defaults`
 * under `o`; `signedIn` also signs agent 101 in (`body` added to the sign-in) and drains its
 * sign-in events. Call at the top of the file.
 */
export function simulatorPerTest(defaults: SimulatorOptions = { pollHoldMs: 30, callStepMs: 1 }): {
  start: (o?: SimulatorOptions) => Promise<Simulator>;
  signedIn: (o?: SimulatorOptions, body?: object) => Promise<{ s: Simulator; a: Agent }>;
} {
  let started: Simulator[] = [];
  afterEach(async () => {
    const all = started;
    started = [];
    await Promise.all(all.map((s) => s.stop()));
  });
  const start = async (o: SimulatorOptions = {}): Promise<Simulator> => {
    const s = await startSimulator({ ...defaults, ...o });
    started.push(s);
    return s;
  };
  const signedIn = async (o: SimulatorOptions = {}, body: object = {}) => {
    const s = await start(o);
    const a = await signIn(s, '101', body);
    await pollEvents(s, a, 2);
    return { s, a };
  };
  return { start, signedIn };
}

/** The agent's `agentState` number from `GET onlineagent/{id}/agentstatus` (§3.8). */
export async function agentState(sim: Simulator, a: Agent): Promise<unknown> {
  const r = await op(sim, a, 'GET', `onlineagent/${a.id}/agentstatus`);
  return (r.result as { agentState: number }).agentState;
}
