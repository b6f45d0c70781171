/**
 * TLS trust as the OS sees it (issue #12 §1), with injected CA lists standing in for the
 * operating system's store: the real got client and the real desk against the simulator's
 * HTTPS and its generated CA. Both paths run here: Node 22.15+ (`getCACertificates`) as a
 * stand-in API, and Node 20's fallback, which is this machine's own runtime.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgentDesk } from '../../main/compose';
import { checkGateway } from '../../main/gateway/check';
import { readCaStore, runtimeCaStore, trustContext, trustedCas } from '../../main/gateway/trust';
import { chainOf, judgeCertificate } from '../../main/gateway/trust-report';
import type { CaStore } from '../../main/gateway/types';
import { MemorySettingsBackend, SettingsService } from '../../main/settings/service';
import { startSimulator, type Simulator } from '../simulator/index';
import { MANY_AGENTS, agentSupply, closeAll, credentials, open } from './helpers';

let sim: Simulator;
const agent = agentSupply();
const dir = mkdtempSync(join(tmpdir(), 'agent-desk-trust-'));

beforeAll(async () => {
  sim = await startSimulator({ pollHoldMs: 100, agents: MANY_AGENTS });
});
afterEach(() => closeAll());
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A store whose "system" list is the site CA alone: as if IT had installed it in the OS. */
const withSystemCa = (): CaStore => ({
  bundled: tls.rootCertificates,
  system: [sim.caPem],
  extra: [],
});
const withoutSiteCa = (): CaStore => ({ bundled: tls.rootCertificates, system: [], extra: [] });
const node20 = (): CaStore => readCaStore({ rootCertificates: tls.rootCertificates }, '20.19.0');

describe('reading the CA stores', () => {
  it('uses getCACertificates where the runtime has it', () => {
    const asked: string[] = [];
    const store = readCaStore({
      rootCertificates: ['old'],
      getCACertificates: (type) => {
        asked.push(type);
        return [`${type}-ca`];
      },
    });
    expect(store).toEqual({ bundled: ['bundled-ca'], system: ['system-ca'], extra: ['extra-ca'] });
    expect(asked.sort()).toEqual(['bundled', 'extra', 'system']);
  });

  it('falls back cleanly where it is missing or the system store fails', () => {
    expect(node20()).toEqual({
      bundled: tls.rootCertificates,
      system: null,
      extra: null,
      systemUnavailable: 'Node 20.19.0 cannot read the system store (needs 22.15 or later)',
    });
    const failing = readCaStore({
      rootCertificates: ['root'],
      getCACertificates: (type) => {
        if (type === 'system') throw new Error('keychain locked');
        return [];
      },
    });
    expect(failing).toMatchObject({
      system: null,
      systemUnavailable: 'system store: keychain locked',
    });
  });

  it('matches this runtime: the system store is read exactly where Node can', () => {
    const api = tls as unknown as { getCACertificates?: unknown };
    expect(runtimeCaStore().system === null).toBe(typeof api.getCACertificates !== 'function');
  });

  it('trusts every list plus the site CA, once each; keeps Node’s default on the fallback', () => {
    const store: CaStore = { bundled: ['A', 'B'], system: ['B\n', 'C'], extra: ['D'] };
    expect(trustedCas('E', store)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(trustedCas(undefined, store)).toEqual(['A', 'B', 'C', 'D']);
    // Node 20 without a site CA: Node's own default (bundled + NODE_EXTRA_CA_CERTS) as before.
    expect(trustedCas(undefined, node20())).toBeUndefined();
    expect(trustedCas(sim.caPem, node20())).toEqual([...tls.rootCertificates, sim.caPem]);
  });
});

describe('the shared TLS context', () => {
  it('is built once per store and site CA, and left to Node where it cannot list the store', () => {
    const store = withSystemCa();
    const first = trustContext(undefined, store);
    expect(first).toBeDefined();
    expect(trustContext(undefined, store)).toBe(first);
    expect(trustContext(sim.caPem, store)).not.toBe(first);
    expect(trustContext(undefined, withSystemCa())).not.toBe(first);
    expect(trustContext(undefined, node20())).toBeUndefined();
  });
});

describe('the gateway client with the OS store', () => {
  it('trusts a site CA installed only in the system store', async () => {
    const probe = open(
      { baseUrl: sim.url, caStore: withSystemCa(), requestTimeoutMs: 3_000 },
      agent().id,
    );
    // Not signed in, so the gateway answers 100-006: the TLS handshake was accepted.
    expect(await probe.session.agentStatus()).toMatchObject({
      ok: false,
      error: { kind: 'signed-out' },
    });
  });

  it('refuses the same gateway when no store holds its CA', async () => {
    const probe = open(
      { baseUrl: sim.url, caStore: withoutSiteCa(), requestTimeoutMs: 3_000 },
      agent().id,
    );
    expect(await probe.session.agentStatus()).toMatchObject({ ok: false, error: { kind: 'tls' } });
  });

  it('still refuses a pin mismatch when the system store trusts the CA', async () => {
    const a = agent();
    const before = sim.requests().length;
    const probe = open(
      {
        baseUrl: sim.url,
        caStore: withSystemCa(),
        pinSha256: 'AB'.repeat(32),
        requestTimeoutMs: 3_000,
      },
      a.id,
    );
    expect(await probe.session.login(credentials(a))).toMatchObject({
      ok: false,
      error: { kind: 'tls', code: 'ERR_GATEWAY_PIN_MISMATCH' },
    });
    expect(sim.requests().length).toBe(before);
  });

  it('signs an agent in through the real desk with no CA file set', async () => {
    const a = agent();
    const settings = new SettingsService({
      backend: new MemorySettingsBackend({ version: 1, gatewayUrl: sim.url }),
    });
    const agentDesk = createAgentDesk({ settings, caStore: withSystemCa() });
    try {
      const signedIn = await agentDesk.desk.signIn({ ...credentials(a), force: false });
      expect(signedIn.ok).toBe(true);
      expect((await agentDesk.desk.signOut()).ok).toBe(true);
    } finally {
      await agentDesk.dispose();
    }
  });
});

describe('the connection test says where trust came from', () => {
  it('names the system store and its root', async () => {
    const report = await checkGateway({
      connection: { baseUrl: sim.url, caStore: withSystemCa() },
    });
    expect(report.ok).toBe(true);
    expect(report.trust).toEqual({
      anchor: 'system',
      issuer: 'Agent Desk Simulator CA',
      systemStore: { available: true, count: 1 },
      siteCaFile: null,
      pin: 'none',
      problem: null,
    });
    expect(report.steps[2]?.detail).toContain(
      'trusted through the system certificate store (root Agent Desk Simulator CA)',
    );
  });

  it('names the site CA file, and the pin when it matches', async () => {
    const caFile = join(dir, 'site-ca.pem');
    writeFileSync(caFile, sim.caPem);
    const report = await checkGateway({
      connection: {
        baseUrl: sim.url,
        caPem: sim.caPem,
        caFile,
        pinSha256: sim.leafFingerprint256,
        caStore: withoutSiteCa(),
      },
    });
    expect(report.trust).toMatchObject({
      anchor: 'site-ca',
      siteCaFile: caFile,
      pin: 'match',
      problem: null,
    });
  });

  it('says what to do about an untrusted certificate, and that the OS store was not read', async () => {
    const report = await checkGateway({ connection: { baseUrl: sim.url, caStore: node20() } });
    expect(report.ok).toBe(false);
    expect(report.trust).toEqual({
      anchor: null,
      issuer: 'Agent Desk Simulator CA',
      systemStore: { available: false, count: 0 },
      siteCaFile: null,
      pin: 'none',
      problem: 'untrusted',
    });
    const detail = report.steps[2]?.detail ?? '';
    expect(detail).toContain('NOT trusted');
    expect(detail).toContain('system store not read by this runtime');
    expect(detail).toContain(
      'to fix: install the CA "Agent Desk Simulator CA" in the system certificate store, or set it as the site CA file in Settings',
    );
  });

  it('reports a pin mismatch even when the chain is trusted', async () => {
    const report = await checkGateway({
      connection: { baseUrl: sim.url, caStore: withSystemCa(), pinSha256: '00'.repeat(32) },
    });
    expect(report.trust).toMatchObject({
      anchor: 'system',
      pin: 'mismatch',
      problem: 'pin-mismatch',
    });
    expect(report.steps[2]?.detail).toMatch(/to fix: the certificate changed/);
  });
});

describe('judging a certificate', () => {
  /** The simulator's real chain, as the connection test's probe sees it. */
  async function seenChain() {
    const port = Number(new URL(sim.url).port);
    return new Promise<ReturnType<typeof chainOf>>((resolve, reject) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        ca: [sim.caPem],
        servername: 'localhost',
      });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        resolve(chainOf(socket.getPeerCertificate(true)));
        socket.end();
      });
    });
  }

  it('refuses a certificate for another host, with the names it is for', async () => {
    const chain = await seenChain();
    expect(chain.map((c) => c.subject.CN)).toEqual(['localhost', 'Agent Desk Simulator CA']);
    const verdict = judgeCertificate(
      { host: 'cc-gw.example.internal', chain, chainError: null },
      { caStore: withSystemCa() },
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.trust.problem).toBe('wrong-host');
    expect(verdict.detail).toContain(
      'use the name the certificate is for (DNS:localhost, IP Address:127.0.0.1)',
    );
  });

  it('tells an expired certificate from a clock that is wrong', async () => {
    const chain = await seenChain();
    const error = (code: string) => Object.assign(new Error(code), { code });
    const expired = judgeCertificate(
      { host: 'localhost', chain, chainError: error('CERT_HAS_EXPIRED') },
      { caStore: withSystemCa() },
    );
    expect(expired.trust.problem).toBe('expired');
    expect(expired.detail).toContain("the gateway's administrator must renew it");
    const early = judgeCertificate(
      { host: 'localhost', chain, chainError: error('CERT_NOT_YET_VALID') },
      { caStore: withSystemCa() },
    );
    expect(early.trust.problem).toBe('not-yet-valid');
    expect(early.detail).toContain("check this computer's date and time");
  });
});
