/**
 * The trust section of "Export diagnostics" (issue #12 §1): which CA stores this desk
 * trusts and how many certificates each holds, the site CA file's certificates (subject,
 * expiry, SHA-256) and the pin. Support reads it to answer "why is the gateway not trusted
 * on this PC?" without a screen share. Holds no secret: CA certificates are public.
 */
import { X509Certificate } from 'node:crypto';
import { readFile as readFileAsync } from 'node:fs/promises';
import { runtimeCaStore } from '../gateway/trust';
import type { CaStore } from '../gateway/types';
import type { DeskSettings } from '../ipc/contract';

/** One certificate of the site CA file. */
export interface CaFileCertificate {
  subject: string;
  issuer: string;
  validTo: string;
  sha256: string;
}

export interface TrustDiagnostics {
  /** The Node version (the OS store needs 22.15 or later). */
  node: string;
  systemStore: { available: boolean; count: number; unavailableReason: string | null };
  bundledCount: number;
  /** `NODE_EXTRA_CA_CERTS`, or null where Node cannot list it. */
  extraCount: number | null;
  siteCaFile:
    null | { path: string; certificates: CaFileCertificate[] } | { path: string; error: string };
  pinSha256: string | null;
}

function certificatesIn(pem: string): CaFileCertificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const cert = new X509Certificate(block);
    return {
      subject: cert.subject.replace(/\n/g, ', '),
      issuer: cert.issuer.replace(/\n/g, ', '),
      validTo: cert.validTo,
      sha256: cert.fingerprint256,
    };
  });
}

async function describeCaFile(
  path: string,
  readFile: (path: string) => Promise<string>,
): Promise<TrustDiagnostics['siteCaFile']> {
  try {
    const certificates = certificatesIn(await readFile(path));
    return certificates.length > 0 ? { path, certificates } : { path, error: 'no PEM certificate' };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return { path, error: typeof code === 'string' ? code : String(error) };
  }
}

/** What this desk trusts now, for the diagnostics folder's `trust.json`. */
export async function trustDiagnostics(
  values: Pick<DeskSettings, 'caFile' | 'pinSha256'>,
  store: CaStore = runtimeCaStore(),
  readFile: (path: string) => Promise<string> = (path) => readFileAsync(path, 'utf8'),
): Promise<TrustDiagnostics> {
  return {
    node: process.versions.node,
    systemStore: {
      available: store.system !== null,
      count: store.system?.length ?? 0,
      unavailableReason: store.systemUnavailable ?? null,
    },
    bundledCount: store.bundled.length,
    extraCount: store.extra?.length ?? null,
    siteCaFile: values.caFile === '' ? null : await describeCaFile(values.caFile, readFile),
    pinSha256: values.pinSha256 === '' ? null : values.pinSha256,
  };
}
