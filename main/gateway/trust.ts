/**
 * TLS trust as the operating system sees it (issue #12 §1): the client trusts the OS store
 * (Windows certificate store, macOS keychains, the Linux system bundle), Node's bundled
 * roots, `NODE_EXTRA_CA_CERTS` and the optional site CA file. The pin, when set, is checked
 * on top (http.ts `pinnedIdentityCheck`); verification is never switched off.
 *
 * Node 22.15+ (Electron 45 ships Node 24) lists the stores with `tls.getCACertificates`;
 * on older Node (our test machines run 20) the OS store cannot be read and the client keeps
 * Node's own default, exactly as before. Tests inject a CaStore to run both paths.
 */
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { TrustAnchor } from '../ipc/contract';
import type { CaStore } from './types';

/** The part of node:tls this module reads (tests pass their own). */
export interface TlsCaApi {
  rootCertificates: readonly string[];
  getCACertificates?: (type: 'default' | 'system' | 'bundled' | 'extra') => string[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads the CA lists through `api`; a list that cannot be read is reported, never guessed. */
export function readCaStore(api: TlsCaApi = tls, nodeVersion = process.versions.node): CaStore {
  const get = api.getCACertificates;
  if (typeof get !== 'function') {
    return {
      bundled: api.rootCertificates,
      system: null,
      extra: null,
      systemUnavailable: `Node ${nodeVersion} cannot read the system store (needs 22.15 or later)`,
    };
  }
  let bundled: readonly string[];
  try {
    bundled = get('bundled');
  } catch {
    // The same list under its old name: `tls.rootCertificates` is the bundled store.
    bundled = api.rootCertificates;
  }
  let extra: readonly string[] | null;
  try {
    extra = get('extra');
  } catch {
    // Unknown here; Node still applies NODE_EXTRA_CA_CERTS to its own default.
    extra = null;
  }
  try {
    return { bundled, system: get('system'), extra };
  } catch (error) {
    return { bundled, system: null, extra, systemUnavailable: `system store: ${message(error)}` };
  }
}

let runtimeStore: CaStore | null = null;

/**
 * This runtime's store, read once: Node itself caches the system certificates at first
 * use, so a CA installed later is trusted after the app restarts (docs/admin.md says so).
 */
export function runtimeCaStore(): CaStore {
  runtimeStore ??= readCaStore();
  return runtimeStore;
}

function pemKey(pem: string): string {
  return pem.replace(/\s+/g, '');
}

/**
 * The CAs to pass as `ca`: every list of `store` plus the site CA, without duplicates
 * (passing `ca` replaces Node's default, so everything trusted must be in it). Undefined
 * keeps Node's own default, and is answered only where the store cannot be listed and no
 * site CA is set — the behaviour of the app before the OS store was read.
 */
export function trustedCas(
  caPem: string | undefined,
  store: CaStore = runtimeCaStore(),
): string[] | undefined {
  if (store.system === null && store.extra === null && caPem === undefined) return undefined;
  const all = [
    ...store.bundled,
    ...(store.system ?? []),
    ...(store.extra ?? []),
    ...(caPem === undefined ? [] : [caPem]),
  ];
  const seen = new Set<string>();
  return all.filter((pem) => {
    const key = pemKey(pem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const contextCache = new WeakMap<CaStore, Map<string, tls.SecureContext>>();

/**
 * One TLS context for a trust list, built once and shared by every connection that trusts
 * the same store and site CA. Node would otherwise parse the whole CA list (a few hundred
 * certificates once the OS store is in it, ~100 ms of CPU on a busy 2-core machine) for
 * each new socket. Undefined: Node's own default context (see `trustedCas`).
 */
export function trustContext(
  caPem: string | undefined,
  store: CaStore = runtimeCaStore(),
): tls.SecureContext | undefined {
  const ca = trustedCas(caPem, store);
  if (ca === undefined) return undefined;
  let byCa = contextCache.get(store);
  if (byCa === undefined) {
    byCa = new Map();
    contextCache.set(store, byCa);
  }
  const key = caPem ?? '';
  let context = byCa.get(key);
  if (context === undefined) {
    context = tls.createSecureContext({ ca });
    byCa.set(key, context);
  }
  return context;
}

const fingerprintCache = new WeakMap<readonly string[], Set<string>>();

/** SHA-256 fingerprints (`AA:BB:…`) of the certificates of a PEM list; unparsable ones skipped. */
function fingerprints(list: readonly string[]): Set<string> {
  const cached = fingerprintCache.get(list);
  if (cached !== undefined) return cached;
  const found = new Set<string>();
  for (const pem of list) {
    // A bundle file may hold several certificates: split it.
    for (const block of pem.match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
    ) ?? []) {
      try {
        found.add(new X509Certificate(block).fingerprint256.toUpperCase());
      } catch {
        // Not a certificate OpenSSL can read: it cannot anchor a chain either.
        continue;
      }
    }
  }
  fingerprintCache.set(list, found);
  return found;
}

/**
 * Which list holds a certificate of the verified chain (given leaf first, by SHA-256):
 * the site CA file first, then the system store, `NODE_EXTRA_CA_CERTS`, the bundled roots.
 */
export function anchorOf(
  chainFingerprints: readonly string[],
  caPem: string | undefined,
  store: CaStore,
): TrustAnchor | null {
  const lists: Array<[TrustAnchor, readonly string[] | null]> = [
    ['site-ca', caPem === undefined ? null : [caPem]],
    ['system', store.system],
    ['extra', store.extra],
    ['bundled', store.bundled],
  ];
  const chain = chainFingerprints.map((f) => f.toUpperCase());
  for (const [anchor, list] of lists) {
    if (list === null) continue;
    const known = fingerprints(list);
    if (chain.some((f) => known.has(f))) return anchor;
  }
  return null;
}
