/**
 * Log redaction (STYLE.md §5, §8): nothing written to a log file or a diagnostics export may
 * hold the session Guid, a cookie, a password or DTMF digits. Pure and total: any value in,
 * a redacted copy out (the input is never modified); used as an electron-log hook.
 */

/** What every removed secret is replaced with. */
export const redactedMark = '[redacted]';

// The Guid is `<uuid>.AgentGateway<N>` (gateway-protocol.md §2.1); match it anywhere.
const guidPattern =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.AgentGateway\d*/gi;
// `Set-GUID: JSESSIONID=<guid>` and the load balancer's session cookie.
const jsessionPattern = /(JSESSIONID=)[^;\s,"'&]+/gi;
// DTMF travels as `seconddialex?number=<digits>` (§5.3): mask the query value, raw or encoded.
const numberQueryPattern = /([?&]number=)[^&\s#"']*/gi;
// Header- or assignment-shaped secrets inside free text: `Guid: …`, `cookie=…`, `password: …`,
// `digits=…` (the rest of the line goes: a cookie header holds several values).
const headerPattern =
  /\b(set-guid|guid|set-cookie|cookie|password|passwd|pwd|digits|dtmf)(["']?\s*[:=]\s*["']?)([^\r\n"']*)/gi;

// Object keys whose whole value is a secret (compared lower-cased, without `-` and `_`).
const secretKeys = new Set([
  'guid',
  'setguid',
  'cookie',
  'cookies',
  'setcookie',
  'password',
  'passwd',
  'pwd',
  'newpassword',
  'oldpassword',
  'authorization',
  'digits',
  'dtmf',
]);
// `number` is a DTMF string only in the context of seconddialex (§5.3).
const dtmfContext = /second\s*dial/i;

const maxDepth = 10;

/** Redacts secrets inside a string: Guids, JSESSIONID values, `?number=` and header values. */
export function redactString(text: string): string {
  return text
    .replace(headerPattern, (_m, name: string, sep: string) => `${name}${sep}${redactedMark}`)
    .replace(jsessionPattern, `$1${redactedMark}`)
    .replace(guidPattern, redactedMark)
    .replace(numberQueryPattern, `$1${redactedMark}`);
}

function normalizedKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** True when an object describes a seconddialex call (any string value names it). */
function isDtmfObject(value: Record<string, unknown>): boolean {
  return Object.values(value).some((v) => typeof v === 'string' && dtmfContext.test(v));
}

/**
 * Returns a copy of `value` with every secret replaced by `[redacted]`:
 * - any string: Guid values (`<uuid>.AgentGatewayN`), `JSESSIONID=…`, `?number=…`,
 *   `Guid:`/`Cookie:`/`Set-Cookie:`/`password=` header or assignment values;
 * - object fields named guid / set-guid / cookie / set-cookie / password / digits / dtmf
 *   (any case, `-`/`_` ignored), whatever their value;
 * - `number` fields of an object that names seconddialex (DTMF digits);
 * - Errors keep their class name with a redacted message and stack.
 * Cycles become `[circular]`; nesting deeper than 10 becomes `[truncated]`.
 */
export function redact(value: unknown): unknown {
  return walk(value, 0, new WeakSet<object>());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value);
    if (value instanceof Date) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Map) {
      return walkRecord(Object.fromEntries(value), depth, seen);
    }
    return walkRecord(value as Record<string, unknown>, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function walkRecord(
  record: Record<string, unknown>,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const dtmf = isDtmfObject(record);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const normal = normalizedKey(key);
    if (secretKeys.has(normal) || (dtmf && normal === 'number')) {
      out[key] = item === null || item === undefined || item === '' ? item : redactedMark;
    } else {
      out[key] = walk(item, depth + 1, seen);
    }
  }
  return out;
}

function redactError(error: Error): Error {
  const copy = new Error(redactString(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactString(error.stack);
  return copy;
}
