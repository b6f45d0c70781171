/**
 * The connection test (design §8): DNS, TCP, TLS chain, sign-in, one poll, sign-out — each
 * step timed with a plain-words verdict. Used by the settings screen and by `check-cli.ts`.
 * Never returns or prints the password or the Guid.
 *
 * §3.1: the check must never take work away from a real desk. It signs in **busy**
 * (`status: 3`), never joins skill queues (`resetskill`), so no preview or call is routed to
 * it, and never forces: `100-002` (signed in elsewhere) is reported and the check stops.
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import type { CheckStep, CheckStepName, ConnectionReport, TrustReport } from '../ipc/contract';
import type { GatewayApi, GatewayFactory } from './api';
import { ALREADY_SIGNED_IN_RETCODE, DEFAULT_REQUEST_TIMEOUT_MS } from './assumptions';
import { createGatewaySession } from './session';
import { trustContext } from './trust';
import { chainOf, judgeCertificate } from './trust-report';
import type { GatewayConnection, GatewayError, GatewaySignIn } from './types';

/** What to check; without credentials the gateway steps are reported as skipped. */
export interface CheckGatewayOptions {
  connection: GatewayConnection;
  credentials?: GatewaySignIn;
  factory?: GatewayFactory;
}

type Outcome = { ok: boolean; detail: string };

const ALL_STEPS: readonly CheckStepName[] = ['dns', 'tcp', 'tls', 'sign-in', 'poll', 'sign-out'];

/** One line for an error: kind and the code or retcode, never a body or header. */
export function describeError(error: GatewayError): string {
  switch (error.kind) {
    case 'network':
    case 'tls':
      return `${error.kind} ${error.code}: ${error.detail}`;
    case 'timeout':
      return `timed out (${error.phase})`;
    case 'http':
      return `HTTP status ${error.status}`;
    case 'gateway':
    case 'signed-out':
      return `${error.retcode}: ${error.text.en}`;
    case 'bad-response':
    case 'invalid-request':
      return `${error.kind}: ${error.detail}`;
  }
}

function withTimeout<T>(
  ms: number,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  return Promise.race([
    run(signal),
    new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(new Error(`${what} timed out after ${ms} ms`)));
    }),
  ]);
}

function connectTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  return withTimeout(timeoutMs, 'TCP connect', (signal) => {
    return new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host, port });
      signal.addEventListener('abort', () => socket.destroy());
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', reject);
    });
  });
}

/**
 * Reads the gateway certificate and judges it (trust-report.ts). The probe accepts any
 * chain (`rejectUnauthorized: false`) only so the report can show an *untrusted*
 * certificate's issuer and fingerprint to the administrator who must decide whether to
 * trust it; it sends no data and is closed at once. The verdict is Node's own chain check
 * against the same trusted CAs the client uses, plus the host name and the pin.
 */
function probeTls(
  host: string,
  port: number,
  connection: GatewayConnection,
  timeoutMs: number,
): Promise<Outcome & { trust: TrustReport }> {
  const servername = net.isIP(host) ? undefined : host;
  return withTimeout(timeoutMs, 'TLS handshake', (signal) => {
    return new Promise<Outcome & { trust: TrustReport }>((resolve, reject) => {
      const socket = tls.connect({
        host,
        port,
        servername,
        // The client's own trust (the same shared context), so the verdict is the client's.
        secureContext: trustContext(connection.caPem, connection.caStore),
        rejectUnauthorized: false,
      });
      signal.addEventListener('abort', () => socket.destroy());
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        const chain = chainOf(socket.getPeerCertificate(true));
        const chainError = socket.authorized ? null : socket.authorizationError;
        socket.end();
        try {
          resolve(judgeCertificate({ host, chain, chainError }, connection));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  });
}

async function timed(name: CheckStepName, run: () => Promise<Outcome>): Promise<CheckStep> {
  const startedAt = performance.now();
  let outcome: Outcome;
  try {
    outcome = await run();
  } catch (err) {
    outcome = { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
  return {
    name,
    ok: outcome.ok,
    skipped: false,
    durationMs: performance.now() - startedAt,
    detail: outcome.detail,
  };
}

function skipped(name: CheckStepName, detail: string): CheckStep {
  return { name, ok: false, skipped: true, durationMs: 0, detail };
}

async function gatewaySteps(session: GatewayApi, credentials: GatewaySignIn): Promise<CheckStep[]> {
  const steps: CheckStep[] = [];
  const signIn = await timed('sign-in', async () => {
    // Busy, so that nothing is routed to the test agent; login only, never forcelogin.
    const r = await session.login({ ...credentials, startAs: 'busy' });
    if (r.ok)
      return {
        ok: true,
        detail: `signed in busy to ${r.value.serverName || 'the gateway'} (media ${r.value.mediaType}); skill queues not joined`,
      };
    if (r.error.kind === 'gateway' && r.error.retcode === ALREADY_SIGNED_IN_RETCODE) {
      // The check never forces: that would end a real agent's session.
      return {
        ok: false,
        detail: `${ALREADY_SIGNED_IN_RETCODE}: agent already signed in elsewhere; not forced`,
      };
    }
    return { ok: false, detail: describeError(r.error) };
  });
  steps.push(signIn);
  if (!signIn.ok) {
    steps.push(skipped('poll', 'sign-in failed'), skipped('sign-out', 'sign-in failed'));
    return steps;
  }
  steps.push(
    await timed('poll', async () => {
      const r = await session.pollEvents();
      if (!r.ok) return { ok: false, detail: describeError(r.error) };
      const first = r.value[0];
      return { ok: true, detail: first ? `event ${first.eventType}` : 'empty long poll' };
    }),
  );
  // Always sign out after a successful sign-in: the check must not leave a session behind.
  steps.push(
    await timed('sign-out', async () => {
      const r = await session.logout();
      return r.ok
        ? { ok: true, detail: 'signed out' }
        : { ok: false, detail: describeError(r.error) };
    }),
  );
  return steps;
}

/** Runs every step in order; a failed network step skips the rest. */
export async function checkGateway(opts: CheckGatewayOptions): Promise<ConnectionReport> {
  const { connection, credentials } = opts;
  const timeoutMs = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const steps: CheckStep[] = [];
  let trust: TrustReport | undefined;
  const finish = (reason: string): ConnectionReport => {
    for (const name of ALL_STEPS.slice(steps.length)) steps.push(skipped(name, reason));
    const ok = steps.every((s) => s.ok || s.skipped) && steps.some((s) => s.ok);
    return trust === undefined ? { ok, steps } : { ok, steps, trust };
  };

  let url: URL;
  try {
    url = new URL(connection.baseUrl);
  } catch (err) {
    steps.push({
      name: 'dns',
      ok: false,
      skipped: false,
      durationMs: 0,
      detail: `not a URL: ${String(err)}`,
    });
    return finish('the address is not a URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? 443 : Number(url.port);
  let address = host;
  const dnsStep = await timed('dns', async () => {
    if (url.protocol !== 'https:')
      return { ok: false, detail: 'the gateway address must start with https://' };
    const found = await withTimeout(timeoutMs, 'DNS lookup', () => dns.lookup(host));
    address = found.address;
    return { ok: true, detail: `${host} → ${found.address}` };
  });
  steps.push(dnsStep);
  if (!dnsStep.ok) return finish('DNS failed');
  const tcpStep = await timed('tcp', async () => {
    await connectTcp(address, port, timeoutMs);
    return { ok: true, detail: `connected to ${address}:${port}` };
  });
  steps.push(tcpStep);
  if (!tcpStep.ok) return finish('TCP connect failed');
  const tlsStep = await timed('tls', async () => {
    const probe = await probeTls(host, port, connection, timeoutMs);
    trust = probe.trust;
    return probe;
  });
  steps.push(tlsStep);
  if (!tlsStep.ok) return finish('TLS failed');
  if (credentials === undefined) return finish('no credentials given');

  const session = (opts.factory ?? createGatewaySession)(connection, credentials.agentId, {});
  try {
    steps.push(...(await gatewaySteps(session, credentials)));
  } finally {
    session.close();
  }
  return finish('');
}
