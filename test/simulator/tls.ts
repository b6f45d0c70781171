/**
 * TLS material for the simulator: a private CA and a server certificate it signed for
 * 127.0.0.1 / localhost. Gateways are commonly self-signed (gateway-protocol.md §1.1), so
 * clients must be tested trusting a site CA, never with verification off.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** The CA and the server's key pair, PEM. */
export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** SHA-256 of the server certificate, upper-case hex with colons (Node's format). */
  leafFingerprint256: string;
}

// One generation per process: tests start many simulators and share the same CA.
let cached: Promise<TlsMaterial> | null = null;

/** The process-wide TLS material, generated on first use. */
export function tlsMaterial(): Promise<TlsMaterial> {
  if (cached === null) {
    cached = generateMaterial();
    // A failed generation must not be cached forever: let the next caller retry.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

async function generateMaterial(): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  // EC P-256 keys: generated in milliseconds, where RSA 2048 takes seconds on a busy box.
  const ca = await generate([{ name: 'commonName', value: 'Agent Desk Simulator CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return {
    caPem: ca.cert,
    certPem: leaf.cert,
    keyPem: leaf.private,
    leafFingerprint256: new X509Certificate(leaf.cert).fingerprint256,
  };
}
