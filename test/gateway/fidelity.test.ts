/**
 * The client's fidelity to the documented protocol (issue #9 §1), on the real HTTPS client:
 * shapes a scripted stub gateway serves (Set-GUID with attributes, successes without a
 * result, event arrays, sign-in bodies, the connection check) and concurrency against the
 * simulator (per-interface queues, sign-in gating, updateGuid).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../main/gateway/check';
import type { GatewayConnection } from '../../main/gateway/types';
import { startSimulator, type Simulator } from '../simulator/index';
import {
  MANY_AGENTS,
  agentSupply,
  closeAll,
  connectionTo,
  credentials,
  drain,
  open,
  pollUntil,
  signedIn,
} from './helpers';
import { loginReply, startStub, type StubGateway } from './stub-gateway';

let stub: StubGateway;
let conn: GatewayConnection;
let sim: Simulator;
const agent = agentSupply();

beforeAll(async () => {
  stub = await startStub();
  conn = stub.conn;
  sim = await startSimulator({ pollHoldMs: 200, callStepMs: 5, agents: MANY_AGENTS });
});
afterEach(() => {
  stub.reset();
  sim.clearFaults();
  closeAll();
});
afterAll(async () => {
  await stub.stop();
  await sim.stop();
});

const signIn = { agentId: '101', password: 'pw', phone: '8101' };
const ok = (result: string) => ({ body: `{"retcode":"0","message":"","result":${result}}` });
const bodyOf = (i: number): Record<string, unknown> =>
  JSON.parse(stub.seen[i]?.body ?? '{}') as Record<string, unknown>;

describe('stub: shapes of the documented protocol', () => {
  it('cuts a Set-GUID value at the first ";" (§2.1)', async () => {
    stub.replies.push(
      {
        headers: { 'set-guid': 'JSESSIONID=g1.AgentGateway0; Path=/; Secure' },
        body: '{"retcode":"0","result":{}}',
      },
      ok('{}'),
    );
    const { session } = open(conn, '101');
    expect((await session.login(signIn)).ok).toBe(true);
    await session.sayFree();
    expect(stub.seen[1]?.guid).toBe('g1.AgentGateway0');
  });

  it.each([['{}'], ['null'], ['""']])(
    'takes previewCallout retcode "0" with result %s as a call with no id yet (§5.1)',
    async (result) => {
      stub.replies.push(loginReply('g1'), ok(result));
      const { session } = open(conn, '101');
      await session.login(signIn);
      expect(await session.previewCallout('0', '100')).toEqual({
        ok: true,
        value: { callId: null },
      });
      expect(bodyOf(1)).toEqual({ called: '100', callcontrolid: '0' });
    },
  );

  it('treats 100-008 on logout as signed out (§3.5)', async () => {
    stub.replies.push(loginReply('g1'), { body: '{"retcode":"100-008","message":""}' });
    const { session } = open(conn, '101');
    await session.login(signIn);
    expect(await session.logout()).toEqual({ ok: true, value: undefined });
    expect(session.hasSession).toBe(false);
  });

  it('keeps the session when a logout is refused during a call (100-010, §3.5)', async () => {
    stub.replies.push(loginReply('g1'), { body: '{"retcode":"100-010","message":""}' }, ok('{}'));
    const { session } = open(conn, '101');
    await session.login(signIn);
    expect(await session.logout()).toMatchObject({ ok: false, error: { retcode: '100-010' } });
    expect(session.hasSession).toBe(true);
    await session.sayFree();
    expect(stub.seen[2]?.guid).toBe('g1');
  });

  it('signs in with checkInWebm false and the releasephone/autoenteridle pair chosen (§3.1)', async () => {
    stub.replies.push(loginReply('g1'), loginReply('g2'));
    const { session } = open(conn, '101');
    await session.login(signIn);
    await session.login({ ...signIn, afterCall: 'wrap-up' });
    expect(bodyOf(0)).toEqual({
      password: 'pw',
      phonenum: '8101',
      autoanswer: true,
      agenttype: 4,
      checkInWebm: false,
      releasephone: false,
      autoenteridle: true,
      status: 4,
    });
    expect(bodyOf(1)).toMatchObject({
      checkInWebm: false,
      releasephone: true,
      autoenteridle: false,
      status: 4,
    });
  });

  it('delivers an event array item by item, in order (§4.1 hardening)', async () => {
    stub.replies.push(loginReply('g1'), {
      body: JSON.stringify({
        retcode: '0',
        message: '',
        event: [
          { eventType: 'AgentOther_InService', workNo: '101', content: null },
          { eventType: 'AgentState_Ready', workNo: '101', content: null },
          {
            eventType: 'AgentEvent_Preview',
            workNo: '101',
            content: { controlid: '0', dialeddigits: '' },
          },
        ],
      }),
    });
    const { session } = open(conn, '101');
    await session.login(signIn);
    const r = await session.pollEvents();
    expect(r.ok && r.value.map((e) => e.kind)).toEqual([
      'in-service',
      'state-ready',
      'preview-offered',
    ]);
  });

  it('adopts the guid updateGuid returns (§3.7)', async () => {
    stub.replies.push(loginReply('g1'), ok('{"guid":"g9.AgentGateway1"}'), ok('{}'));
    const probe = open(conn, '101');
    await probe.session.login(signIn);
    expect(await probe.session.updateGuid()).toEqual({ ok: true, value: undefined });
    await probe.session.sayFree();
    expect(stub.seen.map((s) => [s.url.replace(/^.*\/101/, ''), s.guid])).toEqual([
      ['', undefined],
      ['/updateGuid', 'g1'],
      ['/sayfree', 'g9.AgentGateway1'],
    ]);
    expect(stub.seen[1]?.method).toBe('PUT');
    expect(probe.rotations).toBe(1);
  });

  it('runs the connection check busy, without resetskill or forcelogin (§3.1)', async () => {
    stub.replies.push(
      loginReply('g1'),
      {
        body: '{"retcode":"0","event":{"eventType":"AgentOther_InService","workNo":"101","content":null}}',
      },
      ok('{}'),
    );
    const report = await checkGateway({ connection: conn, credentials: signIn });
    expect(report.steps.map((s) => `${s.name}:${s.ok ? 'ok' : 'fail'}`)).toEqual([
      'dns:ok',
      'tcp:ok',
      'tls:ok',
      'sign-in:ok',
      'poll:ok',
      'sign-out:ok',
    ]);
    expect(stub.seen.map((s) => `${s.method} ${s.url.replace(/^.*\/resource\//, '')}`)).toEqual([
      'PUT onlineagent/101',
      'GET agentevent/101',
      'DELETE onlineagent/101/logout',
    ]);
    expect(bodyOf(0)).toMatchObject({ status: 3, checkInWebm: false });
  });
});

describe('simulator: one request in flight per interface (§1.5)', () => {
  /** Gateway paths of one agent, in arrival order, with their arrival instants. */
  const arrivals = (agentId: string) =>
    sim
      .requests()
      .filter((r) => r.agentId === agentId)
      .map((r) => ({ tail: r.path.replace(/^.*\/resource\/[a-z]+\/\d+/i, ''), at: r.arrivedAt }));

  async function talking() {
    const a = agent();
    const probe = await signedIn(connectionTo(sim), a);
    const s = probe.session;
    await drain(s);
    const { controlId } = sim.injectPreview(a.id, { numbers: ['100'] });
    await pollUntil(s, 'preview-offered');
    expect((await s.previewCallout(controlId, '100')).ok).toBe(true);
    await pollUntil(s, 'customer-alerting');
    sim.callAction(a.id, 'answer');
    await pollUntil(s, 'talking');
    return { a, s };
  }

  /** A new agent's session whose sign-in request the gateway holds 300 ms. */
  function slowSignIn() {
    const a = agent();
    const probe = open(connectionTo(sim), a.id);
    sim.addFault({
      kind: 'latency',
      path: `onlineagent/${a.id}`,
      agentId: a.id,
      ms: 300,
      count: 1,
    });
    return { a, probe };
  }

  it('sends a hang-up while a slow seconddialex is still unanswered', async () => {
    const { a, s } = await talking();
    sim.addFault({ kind: 'latency', path: 'seconddialex', agentId: a.id, ms: 1_500 });
    const answered: string[] = [];
    const digits = s.secondDialEx('12').then((r) => (answered.push('seconddialex'), r));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const release = s.release().then((r) => (answered.push('release'), r));
    expect(await release).toEqual({ ok: true, value: undefined });
    await digits;
    const order = arrivals(a.id).filter((r) => /seconddialex|release/.test(r.tail));
    expect(order.map((r) => r.tail)).toEqual(['/seconddialex', '/release']);
    // The hang-up did not wait: it was answered while the digits were still held.
    expect(answered).toEqual(['release', 'seconddialex']);
  });

  it('keeps successive calls of one interface one at a time, in order', async () => {
    const { a, s } = await talking();
    sim.addFault({ kind: 'latency', path: 'seconddialex', agentId: a.id, ms: 400, count: 1 });
    const first = s.secondDialEx('1');
    const second = s.secondDialEx('2');
    expect(await first).toEqual({ ok: true, value: undefined });
    expect(await second).toEqual({ ok: true, value: undefined });
    const dials = sim.requests().filter((r) => r.agentId === a.id && /seconddialex/.test(r.path));
    expect(dials.map((r) => r.query)).toEqual(['number=1', 'number=2']);
    // The second was sent only after the first had answered (≥ its 400 ms latency later).
    const gap = (dials[1]?.arrivedAt ?? 0) - (dials[0]?.arrivedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(400);
  });

  it('sends nothing else while a sign-in is unanswered', async () => {
    const { a, probe } = slowSignIn();
    const login = probe.session.login(credentials(a));
    const status = probe.session.agentStatus();
    expect((await login).ok).toBe(true);
    expect(await status).toMatchObject({ ok: true });
    expect(arrivals(a.id).map((r) => r.tail)).toEqual(['', '/agentstatus']);
    const [login0, status0] = sim.requests().filter((r) => r.agentId === a.id);
    expect(status0?.guidState).toBe('current');
    expect((status0?.arrivedAt ?? 0) - (login0?.arrivedAt ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it('never lets a sign-out overlap a sign-in', async () => {
    const { a, probe } = slowSignIn();
    const login = probe.session.login(credentials(a));
    const logout = probe.session.logout();
    expect((await login).ok).toBe(true);
    expect(await logout).toEqual({ ok: true, value: undefined });
    const [login0, logout0] = sim.requests().filter((r) => r.agentId === a.id);
    expect(logout0?.path.endsWith('/logout')).toBe(true);
    expect(logout0?.guidState).toBe('current');
    expect((logout0?.arrivedAt ?? 0) - (login0?.arrivedAt ?? 0)).toBeGreaterThanOrEqual(300);
  });
});
