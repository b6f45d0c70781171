/**
 * The connection test's verdict on the gateway certificate (issue #12 §1): trusted or not,
 * through which store (system, site CA file, bundled roots), the pin, and for a refused
 * certificate what the administrator should do. The same rules as the real client: Node's
 * chain check, then the host name, then the pin.
 */
import tls, { type PeerCertificate } from 'node:tls';
import type { TrustAnchor, TrustProblem, TrustReport } from '../ipc/contract';
import { normalizeFingerprint } from './http';
import { anchorOf, runtimeCaStore } from './trust';
import type { GatewayConnection } from './types';

/** What the TLS probe saw. */
export interface CertificateSeen {
  host: string;
  /** The chain as Node built it, leaf first (`getPeerCertificate(true)` walked upwards). */
  chain: readonly PeerCertificate[];
  /**
   * `tlsSocket.authorizationError`: why the chain is not trusted, or null. Typed an Error by
   * @types/node, it is the OpenSSL code as a string at run time; both are read.
   */
  chainError: Error | string | null;
}

export interface CertificateVerdict {
  ok: boolean;
  /** One line for the step (the CLI prints it; the renderer shows `trust` translated). */
  detail: string;
  trust: TrustReport;
}

const untrustedCodes = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

function chainProblem(error: Error | string): TrustProblem {
  const code = typeof error === 'string' ? error : (error as { code?: unknown }).code;
  const name = typeof code === 'string' ? code : String(error);
  if (name === 'CERT_HAS_EXPIRED') return 'expired';
  if (name === 'CERT_NOT_YET_VALID') return 'not-yet-valid';
  return untrustedCodes.has(name) ? 'untrusted' : 'other';
}

const anchorWords: Record<TrustAnchor, string> = {
  'site-ca': 'the site CA file',
  system: 'the system certificate store',
  extra: 'NODE_EXTRA_CA_CERTS',
  bundled: 'the bundled root CAs',
};

function cn(name: PeerCertificate['subject'] | undefined): string {
  const value = name?.CN;
  return (Array.isArray(value) ? value[0] : value) ?? '?';
}

/** What to do about a refused certificate, in plain words for administrators. */
export function adviceFor(problem: TrustProblem, issuer: string, leaf: PeerCertificate): string {
  switch (problem) {
    case 'untrusted':
      return `install the CA "${issuer}" in the system certificate store, or set it as the site CA file in Settings`;
    case 'expired':
      return `the certificate expired on ${leaf.valid_to}: the gateway's administrator must renew it`;
    case 'not-yet-valid':
      return `the certificate is valid from ${leaf.valid_from}: check this computer's date and time`;
    case 'wrong-host':
      return `use the name the certificate is for (${leaf.subjectaltname ?? cn(leaf.subject)}) as the gateway address`;
    case 'pin-mismatch':
      return 'the certificate changed: if IT renewed it, set the new SHA-256 as the pin; otherwise do not connect';
    case 'other':
      return 'ask IT to check the gateway certificate';
  }
}

/** Judges what the probe saw against `connection`'s trust settings. */
export function judgeCertificate(
  seen: CertificateSeen,
  connection: Pick<GatewayConnection, 'caPem' | 'caFile' | 'pinSha256' | 'caStore'>,
): CertificateVerdict {
  const store = connection.caStore ?? runtimeCaStore();
  const leaf = seen.chain[0];
  const top = seen.chain[seen.chain.length - 1];
  if (leaf === undefined || top === undefined) {
    throw new Error('the gateway presented no certificate');
  }
  const hostError = tls.checkServerIdentity(seen.host, leaf);
  const pin = connection.pinSha256;
  const pinState: TrustReport['pin'] =
    pin === undefined
      ? 'none'
      : normalizeFingerprint(pin) === normalizeFingerprint(leaf.fingerprint256)
        ? 'match'
        : 'mismatch';
  let problem: TrustProblem | null = null;
  if (seen.chainError !== null) problem = chainProblem(seen.chainError);
  else if (hostError !== undefined) problem = 'wrong-host';
  else if (pinState === 'mismatch') problem = 'pin-mismatch';
  const anchor =
    seen.chainError === null
      ? anchorOf(
          seen.chain.map((c) => c.fingerprint256),
          connection.caPem,
          store,
        )
      : null;
  const issuer = seen.chainError === null ? cn(top.subject) : cn(top.issuer);
  const trust: TrustReport = {
    anchor,
    issuer,
    systemStore: { available: store.system !== null, count: store.system?.length ?? 0 },
    siteCaFile: connection.caFile ?? null,
    pin: pinState,
    problem,
  };
  const verdicts = [
    seen.chainError === null && hostError === undefined
      ? `trusted through ${anchor === null ? "Node's default CAs" : anchorWords[anchor]} (root ${issuer})`
      : `NOT trusted (${seen.chainError ? String(seen.chainError) : hostError?.message})`,
    pinState === 'none' ? 'no pin' : pinState === 'match' ? 'pin matches' : 'pin does NOT match',
  ];
  if (store.system === null) verdicts.push('system store not read by this runtime');
  if (problem !== null) verdicts.push(`to fix: ${adviceFor(problem, issuer, leaf)}`);
  return {
    ok: problem === null,
    trust,
    detail:
      `subject ${cn(leaf.subject)}, issuer ${cn(leaf.issuer)}, ` +
      `valid to ${leaf.valid_to}, SHA-256 ${leaf.fingerprint256}; ${verdicts.join(', ')}`,
  };
}

/** The chain Node built, leaf first, stopping at the self-signed root. */
export function chainOf(leaf: tls.DetailedPeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  let cert: tls.DetailedPeerCertificate | undefined = leaf;
  while (cert !== undefined && !chain.includes(cert)) {
    chain.push(cert);
    // A self-signed root names itself as its issuer.
    if (cert.issuerCertificate === cert) break;
    cert = cert.issuerCertificate as tls.DetailedPeerCertificate | undefined;
  }
  return chain;
}
