import type { CallDataView } from '../ipc/contract';

/** The gateway caps callData at 16 KB (gateway-protocol.md §7.1); we never show more. */
export const CALL_DATA_MAX_CHARS = 16 * 1024;
/** A table longer than this is shown as text: it would not be readable as fields anyway. */
const MAX_FIELDS = 200;

/**
 * Turns the opaque `callData` string of a preview (§7.1, §10.7: format set by the outbound
 * campaign) into something the card can show: a JSON object → fields (nested values
 * JSON-stringified); `key=value` pairs separated by newlines, `;` or `&` → fields; anything
 * else → text. Input longer than 16 KB is cut. Never throws.
 */
export function parseCallData(raw: string): CallDataView {
  const text = raw.length > CALL_DATA_MAX_CHARS ? raw.slice(0, CALL_DATA_MAX_CHARS) : raw;
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  return fromJson(trimmed) ?? fromPairs(trimmed) ?? { kind: 'text', text };
}

function fromJson(text: string): CallDataView | null {
  if (!text.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON after all: the caller falls back to key=value or text (§10.7: opaque).
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const fields = Object.entries(parsed as Record<string, unknown>).map(([key, value]) => ({
    key,
    value: typeof value === 'string' ? value : stringify(value),
  }));
  if (fields.length === 0 || fields.length > MAX_FIELDS) return null;
  return { kind: 'fields', fields };
}

function stringify(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s;
}

function fromPairs(text: string): CallDataView | null {
  const separator = /\r?\n/.test(text) ? /\r?\n/ : text.includes(';') ? ';' : '&';
  const parts = text
    .split(separator)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > MAX_FIELDS) return null;
  const fields: Array<{ key: string; value: string }> = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.push({ key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  return { kind: 'fields', fields };
}
