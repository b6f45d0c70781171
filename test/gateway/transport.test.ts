/**
 * Transport behaviour against the simulator over real HTTPS: Guid rotation (§2.2), cookies
 * (§1.2), TLS trust and pinning (§1.1), fault injection and the no-retry rule for commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimAgent, type Simulator } from '../simulator/index';
import type { GatewayConnection } from '../../main/gateway/types';
import {
  closeAll,
  connectionTo,
  credentials,
  drain,
  open,
  signedIn,
  sleep,
  sharedSimulator,
} from './helpers';

const gw = sharedSimulator({ requestTimeoutMs: 1_000 });

describe('Guid rotation (dynamic authentication)', () => {
  // Rotation due 300 ms after issue; the previous Guid is accepted until 1 s after issue.
  let rot: Simulator;
  let rotConn: GatewayConnection;
  beforeAll(async () => {
    rot = await startSimulator({
      pollHoldMs: 100,
      authMode: 2,
      guidRotateMs: 300,
      guidGraceMs: 1_000,
    });
    rotConn = connectionTo(rot);
  });
  afterAll(async () => {
    await rot.stop();
  });

  it('adopts the rotated Guid from a poll; a request in flight with the old one still succeeds', async () => {
    const a = rot.agents[0] as SimAgent;
    const probe = await signedIn(rotConn, a);
    await sleep(350); // let the rotation fall due
    rot.addFault({ kind: 'latency', path: '/agentstatus', ms: 200 });
    const inFlight = probe.session.agentStatus(); // leaves with the old Guid
    const polled = await probe.session.pollEvents(); // its reply carries Set-GUID
    expect(polled.ok).toBe(true);
    expect(probe.rotations).toBe(1);
    expect(await inFlight).toMatchObject({ ok: true }); // old Guid, inside the grace
    expect(await probe.session.agentStatus()).toMatchObject({ ok: true });
    const status = rot
      .requests()
      .filter((r) => r.agentId === a.id && r.path.endsWith('/agentstatus'));
    expect(status.at(-1)?.guidState).toBe('current');
    expect(probe.session.hasSession).toBe(true);
  });

  it('gets 000-003 for the old Guid after its grace, and goes on with the new one', async () => {
    const a = rot.agents[1] as SimAgent;
    const probe = await signedIn(rotConn, a);
    await sleep(350);
    rot.addFault({ kind: 'latency', path: '/agentstatus', ms: 1_000 });
    const late = probe.session.agentStatus();
    expect((await probe.session.pollEvents()).ok).toBe(true);
    expect(probe.rotations).toBe(1);
    expect(await late).toMatchObject({
      ok: false,
      error: { kind: 'signed-out', retcode: '000-003' },
    });
    expect(await probe.session.agentStatus()).toMatchObject({ ok: true });
  });

  it('keeps one Guid in static mode', async () => {
    const fixed = await startSimulator({ pollHoldMs: 50, authMode: 1, guidRotateMs: 50 });
    try {
      const probe = await signedIn(connectionTo(fixed), fixed.agents[0] as SimAgent);
      await sleep(100);
      await drain(probe.session);
      expect(probe.rotations).toBe(0);
    } finally {
      closeAll();
      await fixed.stop();
    }
  });
});

describe('cookies', () => {
  it('echoes the load-balancer cookie on every request after sign-in', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    await drain(probe.session);
    const log = gw.sim.requests().filter((r) => r.agentId === a.id);
    expect(log[0]?.hadLbCookie).toBe(false);
    expect(log.slice(1).length).toBeGreaterThan(2);
    expect(log.slice(1).every((r) => r.hadLbCookie)).toBe(true);
  });
});

describe('TLS', () => {
  it('accepts the gateway when its CA is trusted', async () => {
    const probe = open(gw.conn, gw.agent().id);
    expect(await probe.session.agentStatus()).toMatchObject({
      ok: false,
      error: { kind: 'signed-out' },
    });
  });

  it('refuses an unknown CA with a tls error', async () => {
    const probe = open({ baseUrl: gw.sim.url }, gw.agent().id);
    const r = await probe.session.agentStatus();
    expect(r).toMatchObject({ ok: false, error: { kind: 'tls' } });
    expect(probe.calls[0]?.outcome).toBe('tls');
  });

  it('accepts a matching pin, with or without colons and in any case', async () => {
    const pin = gw.sim.leafFingerprint256.replace(/:/g, '').toLowerCase();
    const probe = open(connectionTo(gw.sim, { pinSha256: pin }), gw.agent().id);
    expect(await probe.session.agentStatus()).toMatchObject({
      ok: false,
      error: { kind: 'signed-out' },
    });
  });

  it('refuses a pin mismatch with a tls error, before anything is sent', async () => {
    const a = gw.agent();
    const before = gw.sim.requests().length;
    const probe = open(connectionTo(gw.sim, { pinSha256: 'AB'.repeat(32) }), a.id);
    const r = await probe.session.login(credentials(a));
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'tls', code: 'ERR_GATEWAY_PIN_MISMATCH' },
    });
    expect(gw.sim.requests().length).toBe(before);
  });
});

describe('faults', () => {
  it('maps an NSLB 503 to http', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    gw.sim.addFault({ kind: 'http-error', path: '/agentstatus', status: 503 });
    expect(await s.agentStatus()).toEqual({ ok: false, error: { kind: 'http', status: 503 } });
  });

  it('maps a malformed body to bad-response', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    gw.sim.addFault({ kind: 'malformed', path: '/agentevent' });
    expect(await s.pollEvents()).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });

  it('maps a hung request to timeout', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    gw.sim.addFault({ kind: 'hang', path: '/sayfree' });
    expect(await probe.session.sayFree()).toEqual({
      ok: false,
      error: { kind: 'timeout', phase: 'request' },
    });
    expect(probe.calls.at(-1)).toMatchObject({ method: 'sayFree', outcome: 'timeout' });
  });

  it('maps added latency within the timeout to success', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    gw.sim.addFault({ kind: 'latency', path: '/agentstatus', ms: 100 });
    expect(await s.agentStatus()).toMatchObject({ ok: true });
  });

  it('maps a dropped connection on a command to network, sent exactly once', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    const { controlId } = gw.sim.injectPreview(a.id, { numbers: ['100'] });
    gw.sim.addFault({ kind: 'drop', path: '/previewCallout' });
    expect(await s.previewCallout(controlId, '100')).toMatchObject({
      ok: false,
      error: { kind: 'network', code: 'ECONNRESET' },
    });
    expect(gw.requestsOf(a.id, '/previewCallout')).toHaveLength(1);
  });

  it('never retries a command on a 5xx', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    const { controlId } = gw.sim.injectPreview(a.id, { numbers: ['100'] });
    gw.sim.addFault({ kind: 'http-error', path: '/previewCallout', status: 502, count: 0 });
    expect(await s.previewCallout(controlId, '100')).toEqual({
      ok: false,
      error: { kind: 'http', status: 502 },
    });
    expect(gw.requestsOf(a.id, '/previewCallout')).toHaveLength(1);
  });

  it('retries a read-only query over a dropped connection', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    gw.sim.addFault({ kind: 'drop', path: '/agentstatus' });
    expect(await s.agentStatus()).toMatchObject({ ok: true });
    expect(gw.requestsOf(a.id, '/agentstatus')).toHaveLength(2);
  });

  it('gives up on a query after two retries', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    gw.sim.addFault({ kind: 'drop', path: '/agentstatus', count: 0 });
    expect(await s.agentStatus()).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(gw.requestsOf(a.id, '/agentstatus')).toHaveLength(3);
  });

  it('maps a session killed server-side to signed-out 100-006', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    gw.sim.addFault({ kind: 'kill-session', path: '/agentstatus', agentId: a.id });
    expect(await s.agentStatus()).toMatchObject({
      ok: false,
      error: { kind: 'signed-out', retcode: '100-006' },
    });
  });

  it('maps a kick by a supervisor to signed-out on the next poll', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    await drain(s);
    gw.sim.kick(a.id);
    const r = await s.pollEvents();
    const next = r.ok && r.value[0]?.kind === 'shutdown-service' ? await s.pollEvents() : r;
    expect(next).toMatchObject({ ok: false, error: { kind: 'signed-out', retcode: '100-006' } });
  });

  it('maps a gateway restart to network, then 100-006', async () => {
    const own = await startSimulator({ pollHoldMs: 100 });
    try {
      const a = own.agents[0] as SimAgent;
      const s = (await signedIn(connectionTo(own), a)).session;
      own.addFault({ kind: 'restart', path: '/sayfree' });
      expect(await s.sayFree()).toMatchObject({ ok: false, error: { kind: 'network' } });
      expect(await s.agentStatus()).toMatchObject({
        ok: false,
        error: { kind: 'signed-out', retcode: '100-006' },
      });
    } finally {
      closeAll();
      await own.stop();
    }
  });
});

describe('close', () => {
  it('aborts a held poll and fails later calls as network ABORTED', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    await drain(probe.session);
    gw.sim.addFault({ kind: 'hang', path: '/agentevent' });
    const held = probe.session.pollEvents();
    await sleep(50);
    probe.session.close();
    expect(await held).toMatchObject({ ok: false, error: { kind: 'network', code: 'ABORTED' } });
    expect(await probe.session.sayFree()).toMatchObject({
      ok: false,
      error: { kind: 'network', code: 'ABORTED' },
    });
  });
});
