/**
 * What a gateway route handler receives, and lenient readers for the vendor's loosely
 * typed fields (§1.4: numbers and booleans may arrive as strings).
 */
import type { Reply } from './reply';
import type { Session, SimState } from './state';
import type { GuidState } from './types';

/** A routed gateway request. */
export interface RouteContext {
  gw: SimState;
  agentId: string;
  /** Captures of the route pattern (path parameters, still percent-encoded). */
  params: string[];
  /** Raw query string without `?`. */
  query: string;
  body: string;
  guid: string | null;
  now: number;
  /** Called once if the client goes away before the reply is written. */
  onClose(cb: () => void): void;
  /** An `event-array` fault hit this request: a poll answers its events as an array. */
  eventArray: boolean;
}

/** A request that passed the Guid check (§9.3). */
export interface AuthContext extends RouteContext {
  session: Session;
  guidState: GuidState;
}

/** A handler's answer: now or later (long poll, sign-in delay). */
export type Handled = Reply | Promise<Reply>;

/**
 * One query parameter, percent-decoded (`+` is kept, not turned into a space: the gateway
 * is a Java servlet reading `%2B`/`%23` style encodings). `undefined` when absent, `null`
 * when its encoding is broken.
 */
export function queryParam(query: string, name: string): string | null | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key !== name) continue;
    return decode(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return undefined;
}

/** `decodeURIComponent`, or null when the text is not valid percent-encoding. */
export function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch (err) {
    if (err instanceof URIError) return null;
    throw err;
  }
}

/** A boolean sent as `true`/`"true"`; `fallback` when absent; null when neither. */
export function readBool(value: unknown, fallback: boolean): boolean | null {
  if (value === undefined || value === null || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

/** A non-negative integer sent as a number or digit string; null otherwise. */
export function readInt(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** A string field that may have been sent as a number; null when missing or another type. */
export function readText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A JSON body parsed, or undefined when it is not JSON. */
export function readJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** JSON body as a plain object, or null when it is not one. */
export function readObject(body: string): Record<string, unknown> | null {
  const parsed = readJson(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  return parsed as Record<string, unknown>;
}
