import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import {
  poll,
  pollEvents,
  previewCallout,
  send,
  simulatorPerTest,
  type Agent,
} from './test-client';

const { signedIn } = simulatorPerTest();

/** The raw `event` texts of the next n events. */
async function rawEvents(s: Simulator, a: Agent, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < 50 && out.length < n; i += 1) {
    const text = (await send(s, 'GET', 'agentevent/101', { guid: a.guid })).text;
    const m = /"event":(\{.*\})\}$/.exec(text);
    if (m?.[1] !== undefined) out.push(m[1].replace(/,"eventGenTime":\d+/, ''));
  }
  return out;
}

const dial = async (s: Simulator, a: Agent, number: string, id: string) =>
  (await previewCallout(s, a, id, number)).retcode;

const CALLOUT =
  '{"eventType":"AgentEvent_Preview_CallOut_Ex","workNo":"101","content":{"controlid":"42","dialeddigits":"100,101","callData":"name=Li"}}';
const PREVIEW_EMPTY =
  '{"eventType":"AgentEvent_Preview","workNo":"101","content":{"controlid":"42","dialeddigits":""}}';
const PREVIEW_FULL =
  '{"eventType":"AgentEvent_Preview","workNo":"101","content":{"controlid":"42","dialeddigits":"100,101"}}';
const preview = { numbers: ['100', '101'], callData: 'name=Li', controlId: '42' };

describe('simulator preview event scripts (§7.1, §9 rules 5 and 12)', () => {
  it('announces with _CallOut_Ex alone by default (rule 5)', async () => {
    const { s, a } = await signedIn();
    s.injectPreview('101', preview);
    expect(await rawEvents(s, a, 1)).toEqual([CALLOUT]);
    expect(await poll(s, a)).toBeNull();
    expect(await dial(s, a, '101', '42')).toBe('0');
  });

  it.each([
    ['preview-then-callout', [PREVIEW_EMPTY, CALLOUT]],
    ['preview-only', [PREVIEW_FULL]],
    ['callout-then-preview', [CALLOUT, PREVIEW_EMPTY]],
  ] as const)(
    'previewEvent %s sends %j, same controlid, and the preview dials',
    async (script, expected) => {
      const { s, a } = await signedIn({ previewEvent: script });
      s.injectPreview('101', preview);
      expect(await rawEvents(s, a, expected.length)).toEqual(expected);
      expect(await poll(s, a)).toBeNull();
      expect(await dial(s, a, '100', '42')).toBe('0');
    },
  );

  it('takes a per-preview script through the control API, and spaces the two events with detailsAfterMs', async () => {
    const { s, a } = await signedIn({ previewEvent: 'preview-only' });
    const res = await send(s, 'POST', '/__sim/agents/101/previews', {
      body: { ...preview, previewEvent: 'preview-then-callout', detailsAfterMs: 1_500 },
    });
    expect(JSON.parse(res.text)).toEqual({ controlId: '42' });
    expect(await rawEvents(s, a, 1)).toEqual([PREVIEW_EMPTY]);
    // The numbers have not been announced yet: the next short poll is empty.
    expect(await poll(s, a)).toBeNull();
    expect(await rawEvents(s, a, 1)).toEqual([CALLOUT]);
  });

  it('dials the preview before its numbers are announced (the platform knows them)', async () => {
    const { s, a } = await signedIn({ previewEvent: 'preview-then-callout' });
    s.injectPreview('101', { ...preview, detailsAfterMs: 60_000 });
    expect(await rawEvents(s, a, 1)).toEqual([PREVIEW_EMPTY]);
    expect(await dial(s, a, '999', '42')).toBe('200-001');
    expect(await dial(s, a, '101', '42')).toBe('0');
  });

  it('drops the second event of a preview withdrawn or declined before it was sent', async () => {
    const { s, a } = await signedIn({ previewEvent: 'preview-then-callout' });
    s.injectPreview('101', { ...preview, detailsAfterMs: 300 });
    expect(await rawEvents(s, a, 1)).toEqual([PREVIEW_EMPTY]);
    s.withdrawPreview('101', '42');
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentEvent_Release_Preview');
    await new Promise((r) => setTimeout(r, 400));
    expect(await poll(s, a)).toBeNull();
  });

  it('refuses a bad script or gap, in-process and on the control API', async () => {
    const { s } = await signedIn();
    expect(() =>
      s.injectPreview('101', { numbers: ['1'], previewEvent: 'nope' as 'callout' }),
    ).toThrow(/previewEvent/);
    expect(() => s.injectPreview('101', { numbers: ['1'], detailsAfterMs: -1 })).toThrow(
      /detailsAfterMs/,
    );
    const res = await send(s, 'POST', '/__sim/agents/101/previews', {
      body: { numbers: ['1'], previewEvent: 'later' },
    });
    expect(res.status).toBe(400);
    await expect(startSimulator({ previewEvent: 'x' as 'callout' })).rejects.toThrow(RangeError);
  });
});
