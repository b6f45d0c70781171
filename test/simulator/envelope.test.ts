import { describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import { pollEvents, send, simulatorPerTest, type Agent } from './test-client';

const { start } = simulatorPerTest();

/** The raw reply texts of one agent's walk through the main interfaces. */
async function walk(s: Simulator): Promise<Record<string, string>> {
  const login = await send(s, 'PUT', 'onlineagent/101', {
    body: { password: 'pw101', phonenum: '8101' },
  });
  const a: Agent = {
    id: '101',
    guid: (login.headers['set-guid'] as string).slice('JSESSIONID='.length),
    cookie: '',
  };
  const text = async (method: string, path: string, body?: string): Promise<string> =>
    (await send(s, method, path, { guid: a.guid, ...(body === undefined ? {} : { body }) })).text;
  const out: Record<string, string> = { login: login.text };
  out.resetskill = await text('POST', 'onlineagent/101/resetskill/true');
  await pollEvents(s, a, 2);
  out.emptyPoll = await text('GET', 'agentevent/101');
  out.agentstatus = await text('GET', 'onlineagent/101/agentstatus');
  out.saybusy = await text('POST', 'onlineagent/101/saybusy');
  out.sayfree = await text('POST', 'onlineagent/101/sayfree');
  out.handshake = await text('POST', 'onlineagent/101/handshake');
  const { controlId } = s.injectPreview('101', { numbers: ['555'] });
  out.previewCallout = await text(
    'PUT',
    'voicecall/101/previewCallout',
    `{"called":"555","callcontrolid":"${controlId}"}`,
  );
  s.callAction('101', 'answer');
  out.seconddialex = await text('POST', 'voicecall/101/seconddialex?number=1');
  out.release = await text('DELETE', 'voicecall/101/release');
  out.releaseAgain = await text('DELETE', 'voicecall/101/release');
  await pollEvents(s, a, 9);
  out.logout = await text('DELETE', 'onlineagent/101/logout');
  return out;
}

describe('simulator success envelopes (§1.4, §9 rule 6)', () => {
  it('answers "message": "" as the documentation examples do; seconddialex and the heartbeat say "success"', async () => {
    const t = await walk(await start({}));
    expect(t.emptyPoll).toBe('{"message":"","retcode":"0"}');
    expect(t.resetskill).toBe('{"message":"","retcode":"0","result":{}}');
    expect(t.sayfree).toBe('{"message":"","retcode":"0","result":{}}');
    expect(t.logout).toBe('{"message":"","retcode":"0","result":{}}');
    expect(t.agentstatus).toBe(
      '{"message":"","retcode":"0","result":{"agentState":4,"isWorking":false}}',
    );
    expect(t.previewCallout).toMatch(/^\{"message":"","retcode":"0","result":"\d{10}-\d+"\}$/);
    expect(t.login).toMatch(/^\{"message":"","retcode":"0","result":\{"vdnid"/);
    expect(t.seconddialex).toBe('{"message":"success","retcode":"0","result":{}}');
    expect(t.handshake).toBe('{"message":"success","retcode":"0"}');
    // Failures keep their English reason.
    expect(JSON.parse(t.releaseAgain ?? '')).toEqual({
      message: 'no call can be droped',
      retcode: '200-017',
    });
  });

  it('puts one chosen message on every success with successMessage, polls included', async () => {
    const t = await walk(await start({ successMessage: 'success' }));
    expect(t.emptyPoll).toBe('{"message":"success","retcode":"0"}');
    expect(t.sayfree).toBe('{"message":"success","retcode":"0","result":{}}');
    expect(t.agentstatus).toContain('{"message":"success","retcode":"0","result":{"agentState"');
    expect(t.seconddialex).toBe('{"message":"success","retcode":"0","result":{}}');
    expect(JSON.parse(t.releaseAgain ?? '')).toMatchObject({ retcode: '200-017' });
  });
});

describe('simulator previewCallout result (§5.1, §9 rule 6)', () => {
  /** Dial a preview; the raw reply and the call id the events carry. */
  async function dialRaw(s: Simulator): Promise<{ text: string; eventCallId: unknown }> {
    const login = await send(s, 'PUT', 'onlineagent/101', {
      body: { password: 'pw101', phonenum: '8101' },
    });
    const a: Agent = {
      id: '101',
      guid: (login.headers['set-guid'] as string).slice('JSESSIONID='.length),
      cookie: '',
    };
    await pollEvents(s, a, 2);
    s.injectPreview('101', { numbers: ['555'], controlId: '1' });
    await pollEvents(s, a, 1);
    const text = (
      await send(s, 'PUT', 'voicecall/101/previewCallout', {
        guid: a.guid,
        body: '{"called":"555","callcontrolid":"1"}',
      })
    ).text;
    const ringing = await pollEvents(s, a, 4);
    return { text, eventCallId: (ringing[3]?.content as { callid?: unknown }).callid };
  }

  it('answers the call id as result by default', async () => {
    const { text, eventCallId } = await dialRaw(await start({}));
    expect(JSON.parse(text)).toEqual({ message: '', retcode: '0', result: eventCallId });
  });

  it('answers success with no result with emptyResultOnDial; the events still carry the call id', async () => {
    const { text, eventCallId } = await dialRaw(await start({ emptyResultOnDial: true }));
    expect(text).toBe('{"message":"","retcode":"0"}');
    expect(eventCallId).toMatch(/^\d{10}-\d+$/);
  });
});
