/**
 * A minimal HTTPS client for the simulator's own tests: plain node:https trusting the
 * simulator's CA (never the app's gateway client, never verification off).
 */
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Simulator } from './types';
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
