/**
 * Vendor quirks the simulator does not produce, served by a scripted stub gateway over real
 * HTTPS (same CA as the simulator): unknown events, a numeric `retcode`, `msg` instead of
 * `message`, 200 bodies that are not envelopes, `Set-GUID` on a non-poll reply (§1.4, §10.3).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tlsMaterial } from '../simulator/tls';
import type { GatewayConnection } from '../../main/gateway/types';
import { closeAll, open } from './helpers';

interface Canned {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

let server: Server;
let conn: GatewayConnection;
/** Replies to hand out in order, and what each request carried. */
const replies: Canned[] = [];
const seen: Array<{
  method: string;
  url: string;
  guid: string | undefined;
  contentType: string | undefined;
}> = [];

beforeAll(async () => {
  const tls = await tlsMaterial();
  server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    req.resume();
    req.on('end', () => {
      const guid = req.headers['guid'];
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        guid: typeof guid === 'string' ? guid : undefined,
        contentType: req.headers['content-type'],
      });
      const reply = replies.shift() ?? { status: 500, body: 'no canned reply' };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  conn = { baseUrl: `https://127.0.0.1:${port}`, caPem: tls.caPem, requestTimeoutMs: 2_000 };
});
afterEach(() => {
  replies.length = 0;
  seen.length = 0;
  closeAll();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const signIn = { agentId: '101', password: 'pw', phone: '8101' };
const loginReply = (guid: string): Canned => ({
  headers: { 'set-guid': `JSESSIONID=${guid}` },
  body: '{"retcode":"0","message":"","result":{"vdnid":1,"workno":101,"isForceChange":"true"}}',
});

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
    expect(await session.pollEvent()).toEqual({
      ok: true,
      value: {
        eventType: 'AgentMediaEvent_StopRecordDone',
        workNo: '101',
        generatedAt: null,
        kind: 'unknown',
        content: { id: '12345678901234567890' },
      },
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
