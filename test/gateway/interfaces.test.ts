/**
 * Every interface of the client against the simulator over real HTTPS (got never mocked):
 * success paths and the documented error retcodes (gateway-protocol.md §3–§5, §8).
 */
import { describe, expect, it } from 'vitest';
import { startSimulator, type SimAgent } from '../simulator/index';
import {
  closeAll,
  connectionTo,
  credentials,
  drain,
  open,
  pollUntil,
  signedIn,
  sharedSimulator,
} from './helpers';

const gw = sharedSimulator();

describe('sign-in and sign-out', () => {
  it('signs in, reports the call, and sends the Guid on later requests', async () => {
    const a = gw.agent();
    const probe = open(gw.conn, a.id);
    const r = await probe.session.login(credentials(a));
    expect(r).toMatchObject({
      ok: true,
      value: { workNo: a.id, mediaType: 'TTF', isForceChange: false },
    });
    expect(probe.session.hasSession).toBe(true);
    expect(probe.calls).toEqual([
      { method: 'login', durationMs: expect.any(Number), outcome: '0' },
    ]);
    expect(await probe.session.resetSkill()).toEqual({ ok: true, value: undefined });
    const [login] = gw.requestsOf(a.id, `/onlineagent/${a.id}`);
    expect(login).toMatchObject({ method: 'PUT', guidState: 'none' });
    expect(gw.requestsOf(a.id, '/resetskill/true')).toMatchObject([
      { method: 'POST', guidState: 'current' },
    ]);
  });

  it('reports a wrong password as 100-004 and keeps no session', async () => {
    const a = gw.agent();
    const probe = open(gw.conn, a.id);
    const r = await probe.session.login({ ...credentials(a), password: 'wrong' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'gateway', retcode: '100-004' } });
    expect(probe.session.hasSession).toBe(false);
    expect(probe.calls[0]?.outcome).toBe('100-004');
  });

  it('reports 100-002 when signed in elsewhere; forcelogin takes over and the old session is out', async () => {
    const a = gw.agent();
    const first = await signedIn(gw.conn, a);
    const second = open(gw.conn, a.id);
    const r = await second.session.login(credentials(a));
    expect(r).toMatchObject({ ok: false, error: { kind: 'gateway', retcode: '100-002' } });
    expect(r.ok === false && r.error.kind === 'gateway' && r.error.text.en).toMatch(
      /already signed in/,
    );
    const forced = await second.session.forceLogin(credentials(a));
    expect(forced.ok).toBe(true);
    expect(second.calls.map((c) => c.method)).toEqual(['login', 'forceLogin']);
    expect(await first.session.agentStatus()).toMatchObject({
      ok: false,
      error: { kind: 'signed-out', retcode: '100-006' },
    });
    expect(await second.session.agentStatus()).toMatchObject({ ok: true });
  });

  it('reports 100-015 when forcing is not allowed', async () => {
    const strict = await startSimulator({ pollHoldMs: 100, forceLoginAllowed: false });
    try {
      const a = strict.agents[0] as SimAgent;
      const c = connectionTo(strict);
      await signedIn(c, a);
      const other = open(c, a.id);
      expect(await other.session.forceLogin(credentials(a))).toMatchObject({
        ok: false,
        error: { kind: 'gateway', retcode: '100-015' },
      });
    } finally {
      closeAll();
      await strict.stop();
    }
  });

  it('reports 100-021 to a second sign-in that overlaps the first', async () => {
    // A slow sign-in (300 ms) so the overlap does not depend on the machine's load.
    const slow = await startSimulator({ pollHoldMs: 100, signInDelayMs: 300 });
    try {
      const c = connectionTo(slow);
      const a = slow.agents[0] as SimAgent;
      const one = open(c, a.id);
      const two = open(c, a.id);
      const results = await Promise.all([
        one.session.login(credentials(a)),
        two.session.login(credentials(a)),
      ]);
      const retcodes = results.map((r) =>
        r.ok ? '0' : r.error.kind === 'gateway' ? r.error.retcode : r.error.kind,
      );
      expect(retcodes.sort()).toEqual(['0', '100-021']);
    } finally {
      closeAll();
      await slow.stop();
    }
  });

  it('signs out, forgets the Guid, and is then told 100-006', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    expect(await probe.session.logout()).toEqual({ ok: true, value: undefined });
    expect(probe.session.hasSession).toBe(false);
    const after = await probe.session.agentStatus();
    expect(after).toMatchObject({ ok: false, error: { kind: 'signed-out', retcode: '100-006' } });
    expect(gw.requestsOf(a.id, '/agentstatus').at(-1)?.guidState).toBe('none');
  });

  it('refuses a sign-out during a call with 100-010; forcelogout ends both', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    const { controlId } = gw.sim.injectPreview(a.id, { numbers: ['100'] });
    await pollUntil(probe.session, 'preview-offered');
    expect((await probe.session.previewCallout(controlId, '100')).ok).toBe(true);
    expect(await probe.session.logout()).toMatchObject({
      ok: false,
      error: { kind: 'gateway', retcode: '100-010' },
    });
    expect(probe.session.hasSession).toBe(true);
    expect(await probe.session.forceLogout()).toEqual({ ok: true, value: undefined });
    expect(probe.session.hasSession).toBe(false);
    expect(gw.sim.sessions().some((s) => s.agentId === a.id)).toBe(false);
  });

  it('reports 000-003 for a request without a Guid while the agent has a session', async () => {
    const a = gw.agent();
    await signedIn(gw.conn, a);
    const stranger = open(gw.conn, a.id);
    expect(await stranger.session.agentStatus()).toMatchObject({
      ok: false,
      error: { kind: 'signed-out', retcode: '000-003' },
    });
  });

  it('refuses bad sign-in input before sending anything', async () => {
    const a = gw.agent();
    const before = gw.sim.requests().length;
    const probe = open(gw.conn, a.id);
    expect(await probe.session.login({ ...credentials(a), password: '' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(await probe.session.login({ ...credentials(a), phone: '1'.repeat(25) })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    const bad = open(gw.conn, '100');
    expect(await bad.session.agentStatus()).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(gw.sim.requests().length).toBe(before);
  });
});

describe('events and queries', () => {
  it('polls the sign-in events, then an empty long poll', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    const events = await drain(probe.session);
    expect(events.map((e) => e.kind)).toEqual(['in-service', 'state-ready']);
    expect(events[0]).toMatchObject({
      eventType: 'AgentOther_InService',
      workNo: a.id,
      generatedAt: expect.any(Number),
    });
    expect(probe.calls.at(-1)).toMatchObject({ method: 'getAgentEvent', outcome: '0' });
  });

  it('reads the agent status and an absent call', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    expect(await probe.session.agentStatus()).toEqual({
      ok: true,
      value: { agentState: 4, isWorking: false },
    });
    expect(await probe.session.callInfo()).toEqual({ ok: true, value: null });
    expect(gw.requestsOf(a.id, '/callinfo')[0]?.query).toBe('isNoContainLastCall=false');
    expect(probe.calls.map((c) => c.method).slice(-2)).toEqual(['getAgentStatus', 'queryCallInfo']);
  });
});

describe('agent state', () => {
  it('goes busy, rest and wrap-up and back, driven by events', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    const s = probe.session;
    await drain(s);
    expect(await s.sayBusy(201)).toEqual({ ok: true, value: undefined });
    expect(await pollUntil(s, 'state-not-ready')).toMatchObject([{ reason: 201 }]);
    expect(await s.sayBusy(202)).toMatchObject({
      ok: false,
      error: { kind: 'gateway', retcode: '100-009' },
    });
    expect((await s.sayBusy(202, true)).ok).toBe(true);
    expect(gw.requestsOf(a.id, '/saybusy').map((r) => r.query)).toEqual([
      'reason=201',
      'reason=202',
      'reason=202&prolong=true',
    ]);
    expect((await s.cancelBusy()).ok).toBe(true);
    expect(await s.cancelBusy()).toMatchObject({ ok: false, error: { retcode: '100-009' } });
    expect((await s.rest(60, 3)).ok).toBe(true);
    expect(gw.requestsOf(a.id, '/rest/60/3')).toHaveLength(1);
    expect((await s.cancelRest()).ok).toBe(true);
    expect((await s.work()).ok).toBe(true);
    expect((await s.cancelWork()).ok).toBe(true);
    expect((await s.sayBusy()).ok).toBe(true);
    expect((await s.sayFree()).ok).toBe(true);
    const kinds = (await drain(s)).map((e) => e.kind);
    expect(kinds).toEqual([
      'state-not-ready',
      'state-not-ready-cancelled',
      'state-rest',
      'state-rest-cancelled',
      'state-work-set',
      'state-work-cancelled',
      'state-not-ready',
      'state-not-ready-cancelled',
    ]);
    expect(probe.calls.map((c) => c.method)).toContain('sayFree');
    expect(await s.rest(0, 0)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await s.sayBusy(199)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });
});

describe('preview calls', () => {
  it('dials a chosen number, follows the call, sends DTMF, holds, retrieves and hangs up', async () => {
    const a = gw.agent();
    const probe = await signedIn(gw.conn, a);
    const s = probe.session;
    await drain(s);
    const { controlId } = gw.sim.injectPreview(a.id, {
      numbers: ['100', '101'],
      callData: 'name=Li',
    });
    const [offer] = await pollUntil(s, 'preview-offered');
    expect(offer).toMatchObject({
      kind: 'preview-offered',
      variant: 'CallOut_Ex',
      controlId,
      numbers: ['100', '101'],
      callData: 'name=Li',
    });
    const dial = await s.previewCallout(controlId, '101');
    expect(dial).toMatchObject({
      ok: true,
      value: { callId: expect.stringMatching(/^\d{10}-\d+$/) },
    });
    const callId = (dial.ok ? dial.value.callId : null) ?? '';
    const ringing = await pollUntil(s, 'customer-alerting');
    expect(ringing.map((e) => e.kind)).toEqual([
      'phone-alerting',
      'phone-offhook',
      'agent-busy',
      'customer-alerting',
    ]);
    expect(await s.secondDialEx('1')).toMatchObject({
      ok: false,
      error: { kind: 'gateway', retcode: '100-007' },
    });
    gw.sim.callAction(a.id, 'answer');
    expect(await pollUntil(s, 'talking')).toMatchObject([
      { kind: 'talking', callId, called: '101', feature: 44 },
    ]);
    expect(await s.callInfo()).toMatchObject({
      ok: true,
      value: { callId, called: '101', callFeature: 44, callData: 'name=Li' },
    });
    expect(await s.agentStatus()).toMatchObject({ ok: true, value: { isWorking: true } });
    expect(await s.secondDialEx('12#*')).toEqual({ ok: true, value: undefined });
    expect(await s.secondDialEx('#')).toEqual({ ok: true, value: undefined });
    expect(await s.secondDialEx('*0')).toEqual({ ok: true, value: undefined });
    expect(gw.sim.dtmf(a.id)).toEqual({ calls: [{ callId, requests: ['12#*', '#', '*0'] }] });
    expect(gw.requestsOf(a.id, '/seconddialex').map((r) => r.query)).toEqual([
      'number=1',
      'number=12%23*',
      'number=%23',
      'number=*0',
    ]);
    expect(await s.hold()).toEqual({ ok: true, value: undefined });
    expect(await s.hold()).toMatchObject({ ok: false, error: { retcode: '200-014' } });
    expect(await s.getHold('9-9')).toMatchObject({ ok: false, error: { retcode: '200-016' } });
    expect(await s.getHold(callId)).toEqual({ ok: true, value: undefined });
    expect(gw.requestsOf(a.id, '/gethold').at(-1)?.query).toBe(`callid=${callId}`);
    expect(await s.release()).toEqual({ ok: true, value: undefined });
    const ended = await pollUntil(s, 'state-ready');
    expect(ended.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['call-release', 'customer-release', 'phone-release']),
    );
    expect(await s.release()).toMatchObject({
      ok: false,
      error: { kind: 'gateway', retcode: '200-017' },
    });
    expect(probe.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['previewCallout', 'secondDialEx', 'hold', 'getHold', 'release']),
    );
  });

  it('refuses a number the preview did not offer (200-001) and a dial during a call (100-007)', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    const first = gw.sim.injectPreview(a.id, { numbers: ['100'] });
    expect(await s.previewCallout(first.controlId, '999')).toMatchObject({
      ok: false,
      error: { retcode: '200-001' },
    });
    expect((await s.previewCallout(first.controlId, '100')).ok).toBe(true);
    const second = gw.sim.injectPreview(a.id, { numbers: ['200'] });
    expect(await s.previewCallout(second.controlId, '200')).toMatchObject({
      ok: false,
      error: { retcode: '100-007' },
    });
  });

  it('declines a preview; an unknown control id is 000-002', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    await drain(s);
    const { controlId } = gw.sim.injectPreview(a.id, { numbers: ['100'], variant: 'CallOut' });
    expect(await pollUntil(s, 'preview-offered')).toMatchObject([
      { variant: 'CallOut', controlId },
    ]);
    expect(await s.cancelPreviewCallout(controlId)).toEqual({ ok: true, value: undefined });
    expect(await pollUntil(s, 'preview-released')).toHaveLength(1);
    expect(await s.cancelPreviewCallout(controlId)).toMatchObject({
      ok: false,
      error: {
        kind: 'gateway',
        retcode: '000-002',
        text: { en: expect.any(String), zh: expect.any(String) },
      },
    });
  });

  it.each([false, true])(
    'keeps every digit of a big control id, sent as a number: %s',
    async (controlIdAsNumber) => {
      const a = gw.agent();
      const s = (await signedIn(gw.conn, a)).session;
      await drain(s);
      const controlId = controlIdAsNumber ? '9007199254740993' : '9223372036854775807';
      gw.sim.injectPreview(a.id, { numbers: ['100'], controlId, controlIdAsNumber });
      const [offer] = await pollUntil(s, 'preview-offered');
      expect(offer).toMatchObject({ controlId });
      const id = offer?.kind === 'preview-offered' ? offer.controlId : '';
      expect((await s.previewCallout(id, '100')).ok).toBe(true);
      const body = gw.requestsOf(a.id, '/previewCallout')[0]?.body ?? '';
      expect(JSON.parse(body)).toEqual({ called: '100', callcontrolid: controlId });
    },
  );

  it('refuses a malformed control id or DTMF string before sending anything', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    const before = gw.sim.requests().length;
    for (const r of [
      await s.previewCallout('12a', '100'),
      await s.previewCallout('1'.repeat(20), '100'),
      await s.previewCallout('1536', ''),
      await s.cancelPreviewCallout('-1'),
      await s.secondDialEx(''),
      await s.secondDialEx('12 3'),
      await s.secondDialEx('1'.repeat(25)),
      await s.getHold('a/b'),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    }
    expect(gw.sim.requests().length).toBe(before);
  });
});
