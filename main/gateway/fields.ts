/**
 * Lenient readers for gateway JSON fields. The docs declare strings but show numbers and the
 * reverse (§1.4: `vdnid` declared string, shown as `1`; `"feature":"7"`), so every reader
 * accepts both forms.
 */

/** A plain JSON object, or null for anything else (null, string, array …). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A string field: strings as they are, finite numbers and booleans as their text, else ''. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

/** A numeric field: numbers, or strings holding a decimal number; else null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** A boolean field: `true`/`false`, or their text in any case; else null. */
export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return null;
}

/** The first of several spellings present (`callid` / `callId`, `transFrom` / `transfrom`). */
export function pick(record: Record<string, unknown> | null, ...keys: string[]): unknown {
  if (record === null) return undefined;
  for (const key of keys) {
    if (record[key] !== undefined && record[key] !== null) return record[key];
  }
  return undefined;
}
