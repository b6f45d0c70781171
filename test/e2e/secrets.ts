/**
 * Secret scanning for the "the Guid never reaches the page" check (design.md §4: the Guid,
 * cookies and password never appear in a snapshot, a push, a log line or the renderer).
 */
import type { Page } from '@playwright/test';
import type { BridgeRecord } from './desk-bridge';
import type { PageElement, PageWindow } from './page-types';

/** A session Guid as the gateway mints it (gateway-protocol.md §2.1). */
export const guidPattern =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.AgentGateway\d+/i;

/** One place a secret was found. */
export interface SecretHit {
  where: string;
  what: 'guid' | 'JSESSIONID' | 'password';
  excerpt: string;
}

function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 80);
}

/** Every secret in `text`: a Guid, the cookie name `JSESSIONID`, or the password. */
export function findSecrets(where: string, text: string, password: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const guid = guidPattern.exec(text);
  if (guid) hits.push({ where, what: 'guid', excerpt: excerpt(text, guid.index) });
  const cookie = text.indexOf('JSESSIONID');
  if (cookie >= 0) hits.push({ where, what: 'JSESSIONID', excerpt: excerpt(text, cookie) });
  const pw = password.length > 0 ? text.indexOf(password) : -1;
  if (pw >= 0) hits.push({ where, what: 'password', excerpt: excerpt(text, pw) });
  return hits;
}

/** What the page holds: the DOM (text, attributes, form values) and its globals' strings. */
export interface PageStrings {
  dom: string;
  globals: string[];
  /** Names of the non-built-in window properties that were walked. */
  walked: string[];
}

/**
 * Runs in the page. Built-ins are the window's own enumerable keys that existed before any
 * script ran (recorded by connectDesk's init script in `__deskBuiltinKeys`); every other
 * own enumerable key — the bridge, whatever the bundle or a library left on `window` — is
 * walked, strings and keys alike.
 */
function collect(): PageStrings {
  const w = globalThis as unknown as PageWindow & Record<string, unknown>;
  const doc = w.document;
  const parts: string[] = [];
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i] as PageElement & { value?: unknown };
    for (let j = 0; j < el.attributes.length; j++) {
      const attr = el.attributes[j];
      if (attr) parts.push(`${attr.name}=${attr.value}`);
    }
    if (typeof el.value === 'string' && el.value !== '') parts.push(`value=${el.value}`);
  }
  parts.push(doc.documentElement.textContent ?? '');

  const builtin = new Set((w.__deskBuiltinKeys as string[] | undefined) ?? []);
  const walked = Object.keys(w).filter((key) => !builtin.has(key));
  const strings: string[] = [];
  const seen = new Set<unknown>();
  const budget = { nodes: 200_000 };
  const visit = (value: unknown, depth: number): void => {
    if (budget.nodes-- <= 0) return;
    if (typeof value === 'string') {
      strings.push(value);
      return;
    }
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    if (seen.has(value) || depth > 12) return;
    seen.add(value);
    if (value === w || value === doc) return;
    let keys: string[];
    try {
      keys = Object.keys(value as object);
    } catch (error) {
      strings.push(`<unreadable: ${String(error)}>`);
      return;
    }
    for (const key of keys) {
      strings.push(key);
      let child: unknown;
      try {
        child = (value as Record<string, unknown>)[key];
      } catch (error) {
        strings.push(`<getter threw: ${String(error)}>`);
        continue;
      }
      visit(child, depth + 1);
    }
  };
  for (const key of walked) visit(w[key], 0);
  return { dom: parts.join('\n'), globals: strings, walked };
}

/** Reads every string the page holds (see `collect`). */
export function collectPageStrings(page: Page): Promise<PageStrings> {
  return page.evaluate(collect);
}

/** Scans the page and every recorded bridge message; returns all hits (empty = clean). */
export async function scanForSecrets(
  page: Page,
  records: readonly BridgeRecord[],
  password: string,
): Promise<{ hits: SecretHit[]; walked: string[]; scannedRecords: number }> {
  const strings = await collectPageStrings(page);
  const hits = [
    ...findSecrets('DOM', strings.dom, password),
    ...findSecrets('window globals', strings.globals.join('\n'), password),
  ];
  for (const record of records) {
    // The sign-in request carries the password renderer → main once, by design
    // (contract.ts: SignInRequest.password); it must never come back.
    const allowed = record.kind === 'request' && record.channel === 'session:sign-in';
    const found = findSecrets(
      `${record.kind} ${record.channel} @${record.at}`,
      record.text,
      password,
    );
    hits.push(...(allowed ? found.filter((hit) => hit.what !== 'password') : found));
  }
  return { hits, walked: strings.walked, scannedRecords: records.length };
}
