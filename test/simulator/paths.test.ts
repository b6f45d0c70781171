import { describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import { json, pollEvents, signIn, simulatorPerTest } from './test-client';

const { start } = simulatorPerTest();

/** Offer a preview and dial it through `path`; the retcode. */
async function dialThrough(s: Simulator, path: string): Promise<string | undefined> {
  const a = await signIn(s, '101');
  await pollEvents(s, a, 2);
  const { controlId } = s.injectPreview('101', { numbers: ['555'] });
  const r = await json(s, 'PUT', path, {
    guid: a.guid,
    body: `{"called":"555","callcontrolid":"${controlId}"}`,
  });
  return r.retcode;
}

describe('simulator path matching (§9 rule 19, §10.16)', () => {
  it('matches the documented spelling exactly by default: another case is an unknown path', async () => {
    const s = await start();
    expect(await dialThrough(s, 'voicecall/101/previewcallout')).toBe('000-002');
    const a = await signIn(s, '102');
    for (const path of [
      'onlineagent/102/AgentStatus',
      'OnlineAgent/102/agentstatus',
      'onlineagent/102/updateguid',
      'calldata/102/CallInfo',
    ]) {
      expect((await json(s, 'GET', path, { guid: a.guid })).retcode, path).toBe('000-002');
    }
    expect((await json(s, 'PUT', 'onlineagent/102/updateGuid', { guid: a.guid })).retcode).toBe(
      '0',
    );
    expect(
      (await json(s, 'GET', '/AgentGateway/resource/onlineagent/102/agentstatus')).retcode,
    ).toBe('000-002');
    const log = s.requests().filter((r) => r.path.endsWith('/previewcallout'));
    expect(log).toHaveLength(1);
  });

  it('also dials through the documented spelling when strict', async () => {
    expect(
      await dialThrough(await start({ strictPaths: true }), 'voicecall/101/previewCallout'),
    ).toBe('0');
  });

  it('accepts any case with strictPaths: false (the C# demo calls previewcallout)', async () => {
    const s = await start({ strictPaths: false });
    expect(await dialThrough(s, 'voicecall/101/previewcallout')).toBe('0');
    const a = await signIn(s, '102');
    expect((await json(s, 'GET', 'OnlineAgent/102/AgentStatus', { guid: a.guid })).retcode).toBe(
      '0',
    );
    expect(
      (await json(s, 'GET', '/AGENTGATEWAY/resource/onlineagent/102/agentstatus', { guid: a.guid }))
        .retcode,
    ).toBe('0');
    // Methods stay strict in any case.
    expect((await json(s, 'POST', 'onlineagent/102/AgentStatus', { guid: a.guid })).retcode).toBe(
      '000-002',
    );
  });
});
