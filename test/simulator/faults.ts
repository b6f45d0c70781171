/**
 * Fault injection for gateway requests (design.md §6): which fault, if any, hits a request.
 * Faults never touch the control API.
 */
import { STATUS_CODES } from 'node:http';
import { RETCODE } from './reply';
import type { SimState } from './state';
import type { Fault } from './types';

const KINDS: ReadonlyArray<Fault['kind']> = [
  'latency',
  'http-error',
  'drop',
  'malformed',
  'hang',
  'kill-session',
  'restart',
  'event-array',
  'retcode',
];

/** A fault from untrusted JSON (control API), or an error text. */
export function parseFault(value: unknown): Fault | string {
  if (typeof value !== 'object' || value === null) return 'fault must be an object';
  const v = value as Record<string, unknown>;
  if (typeof v.kind !== 'string' || !KINDS.includes(v.kind as Fault['kind'])) {
    return `kind must be one of ${KINDS.join(', ')}`;
  }
  const fault: Fault = { kind: v.kind as Fault['kind'] };
  if (v.path !== undefined) {
    if (typeof v.path !== 'string') return 'path must be text';
    fault.path = v.path;
  }
  if (v.agentId !== undefined) {
    if (typeof v.agentId !== 'string') return 'agentId must be text';
    fault.agentId = v.agentId;
  }
  for (const key of ['count', 'ms', 'status'] as const) {
    const n = v[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      return `${key} must be a non-negative integer`;
    }
    fault[key] = n;
  }
  if (fault.status !== undefined && (fault.status < 100 || fault.status > 599)) {
    return 'status must be an HTTP status';
  }
  if (v.retcode !== undefined || fault.kind === 'retcode') {
    if (fault.kind !== 'retcode') return 'retcode belongs to the retcode fault';
    if (typeof v.retcode !== 'string' || !RETCODE.test(v.retcode)) {
      return 'retcode must be 0 or NNN-NNN';
    }
    fault.retcode = v.retcode;
  }
  return fault;
}

/** Add a fault; `count` 0 means until cleared. Throws on an invalid fault. */
export function addFault(gw: SimState, f: Fault): void {
  const parsed = parseFault(f);
  if (typeof parsed === 'string') throw new Error(parsed);
  gw.faults.push({ ...parsed, left: parsed.count ?? 1 });
}

/**
 * The first fault matching this request (path substring, agent), used up by one. A fault
 * with `count` 0 stays until cleared.
 */
export function takeFault(gw: SimState, path: string, agentId: string | null): Fault | null {
  const i = gw.faults.findIndex(
    (f) =>
      (f.path === undefined || path.includes(f.path)) &&
      (f.agentId === undefined || f.agentId === agentId),
  );
  if (i < 0) return null;
  const f = gw.faults[i];
  if (f === undefined) return null;
  if (f.count !== 0) {
    f.left -= 1;
    if (f.left <= 0) gw.faults.splice(i, 1);
  }
  const { left: _left, ...fault } = f;
  return fault;
}

/** An NSLB-style error page (the balancer, not the gateway, answers non-200s; §1.4). */
export function nslbErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return (
    `<html><head><title>${title}</title></head><body>` +
    `<center><h1>${title}</h1></center><hr><center>NSLB</center></body></html>`
  );
}

/** A 200 body that is not valid JSON: an envelope cut short. */
export const MALFORMED_BODY = '{"message":"","retcode":"0","event":{"eventType":"AgentState_Re';
