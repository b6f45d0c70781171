/**
 * Vendor quirks the simulator does not produce, served by a scripted stub gateway over real
 * HTTPS (same CA as the simulator): unknown events, a numeric `retcode`, `msg` instead of
 * `message`, 200 bodies that are not envelopes, `Set-GUID` on a non-poll reply (§1.4, §10.3).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, open } from './helpers';
import { loginReply, startStub, type Canned, type Seen, type StubGateway } from './stub-gateway';
import type { GatewayConnection } from '../../main/gateway/types';

let stub: StubGateway;
let conn: GatewayConnection;
let replies: Canned[];
let seen: Seen[];

beforeAll(async () => {
  stub = await startStub();
  ({ conn, replies, seen } = stub);
});
afterEach(() => {
  stub.reset();
  closeAll();
});
afterAll(async () => {
  await stub.stop();
});

const signIn = { agentId: '101', password: 'pw', phone: '8101' };

describe('stub gateway quirks', () => {
  it('reads a numeric vdnid, sends Content-Type everywhere and the Guid after sign-in', async () => {
    replies.push(loginReply('g1.AgentGateway0'), {
      body: '{"retcode":"0","message":"success","result":{}}',
    });
    const { session } = open(conn, '101');
    expect(await session.login(signIn)).toMatchObject({
      ok: true,
      value: { vdnId: '1', workNo: '101', isForceChange: true, serverName: '' },
    });
    expect((await session.hold()).ok).toBe(true);
    expect(seen.map((s) => [s.method, s.url, s.guid])).toEqual([
      ['PUT', '/agentgateway/resource/onlineagent/101', undefined],
      ['POST', '/agentgateway/resource/voicecall/101/hold', 'g1.AgentGateway0'],
    ]);
    expect(seen.every((s) => s.contentType === 'application/json; charset=UTF-8')).toBe(true);
  });

  it('keeps an unknown event and its content', async () => {
    replies.push(loginReply('g1'), {
      body: '{"retcode":"0","event":{"eventType":"AgentMediaEvent_StopRecordDone","workNo":"101","content":{"id":12345678901234567890}}}',
    });
    const { session } = open(conn, '101');
    await session.login(signIn);
    expect(await session.pollEvents()).toEqual({
      ok: true,
      value: [
        {
          eventType: 'AgentMediaEvent_StopRecordDone',
          workNo: '101',
          generatedAt: null,
          kind: 'unknown',
          content: { id: '12345678901234567890' },
        },
      ],
    });
  });

  it('accepts a numeric retcode and reads `msg` when `message` is absent', async () => {
    replies.push(
      loginReply('g1'),
      { body: '{"retcode":0,"msg":"","result":null}' },
      {
        body: '{"retcode":"200-025","msg":"no call can be droped"}',
      },
    );
    const { session } = open(conn, '101');
    await session.login(signIn);
    expect(await session.logout()).toEqual({ ok: true, value: undefined });
    expect(session.hasSession).toBe(false);
    expect(await session.release()).toMatchObject({
      ok: false,
      error: { kind: 'gateway', retcode: '200-025', message: 'no call can be droped' },
    });
  });

  it.each([['[]'], ['"ok"'], ['{"result":{}}'], ['<html>busy</html>'], ['']])(
    'calls a 200 whose body is %j a bad-response',
    async (body) => {
      replies.push({ body });
      const { session } = open(conn, '101');
      expect(await session.agentStatus()).toMatchObject({
        ok: false,
        error: { kind: 'bad-response' },
      });
    },
  );

  it('calls a 405 an http error, not a business error (§9 rule 10)', async () => {
    replies.push({ status: 405, body: '' });
    const { session } = open(conn, '101');
    expect(await session.sayFree()).toEqual({ ok: false, error: { kind: 'http', status: 405 } });
  });

  it('adopts a Set-GUID from any reply and reports the rotation', async () => {
    replies.push(
      loginReply('g1'),
      {
        headers: { 'set-guid': 'JSESSIONID=g2=x.AgentGateway1' },
        body: '{"retcode":"0","result":{"agentState":"4","isWorking":"false"}}',
      },
      { body: '{"retcode":"0","result":{}}' },
    );
    const probe = open(conn, '101');
    await probe.session.login(signIn);
    expect(await probe.session.agentStatus()).toEqual({
      ok: true,
      value: { agentState: 4, isWorking: false },
    });
    expect(probe.rotations).toBe(1);
    await probe.session.sayFree();
    expect(seen.at(-1)?.guid).toBe('g2=x.AgentGateway1');
  });

  it('calls a sign-in without Set-GUID a bad-response', async () => {
    replies.push({ body: '{"retcode":"0","result":{}}' });
    const { session } = open(conn, '101');
    expect(await session.login(signIn)).toMatchObject({
      ok: false,
      error: { kind: 'bad-response' },
    });
    expect(session.hasSession).toBe(false);
  });

  it('does not revive a session from a Set-GUID that arrives after sign-out', async () => {
    replies.push(
      loginReply('g1'),
      { body: '{"retcode":"0"}' },
      {
        headers: { 'set-guid': 'JSESSIONID=late' },
        body: '{"retcode":"100-006","message":""}',
      },
    );
    const { session } = open(conn, '101');
    await session.login(signIn);
    await session.logout();
    await session.agentStatus();
    expect(session.hasSession).toBe(false);
  });

  it('reads call info with numbers as text, and an empty result as no call', async () => {
    replies.push(
      {
        body: '{"retcode":"0","result":{"callid":"1455885056-1095","callfeature":"44","begintime":1471585949806,"caller":8101,"called":"100","calldata":"x"}}',
      },
      { body: '{"retcode":"0","result":{}}' },
    );
    const { session } = open(conn, '101');
    expect(await session.callInfo()).toEqual({
      ok: true,
      value: {
        callId: '1455885056-1095',
        caller: '8101',
        called: '100',
        callFeature: 44,
        beginTime: 1471585949806,
        callData: 'x',
      },
    });
    expect(await session.callInfo()).toEqual({ ok: true, value: null });
  });
});
