import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { json, pollEvents, send, signIn, type Agent } from './test-client';

describe('simulator previews (§5.1, §5.2, §7.1, §9.5–§9.7)', () => {
  let sim: Simulator;
  let a: Agent;
  beforeAll(async () => {
    sim = await startSimulator({ pollHoldMs: 50, callStepMs: 1 });
    a = await signIn(sim, '101');
    await pollEvents(sim, a, 2);
  });
  afterAll(() => sim.stop());

  const rawPoll = async (): Promise<string> =>
    (await send(sim, 'GET', 'agentevent/101', { guid: a.guid })).text;

  it('carries controlid as a bare number with every digit', async () => {
    sim.injectPreview('101', {
      numbers: ['100', '101'],
      callData: 'name=Ann',
      controlId: '9007199254740993',
      controlIdAsNumber: true,
      variant: 'CallOut',
    });
    const text = await rawPoll();
    expect(text).toContain('"eventType":"AgentEvent_Preview_CallOut"');
    expect(text).toContain(
      '"content":{"controlid":9007199254740993,"dialeddigits":"100,101","callData":"name=Ann"}',
    );
    const cancel = await json(sim, 'PUT', 'voicecall/101/cancelPreviewCallout', {
      guid: a.guid,
      body: '{"callcontrolid":9007199254740993}',
    });
    expect(cancel).toMatchObject({ retcode: '0', result: {} });
    expect(await rawPoll()).toContain('"eventType":"AgentEvent_Release_Preview","workNo":"101"');
  });

  it('withdraws a preview: Release_Preview, then 200-036 for a late dial', async () => {
    const { controlId } = sim.injectPreview('101', { numbers: ['5550009'] });
    expect(await rawPoll()).toContain(`"controlid":"${controlId}"`);
    const res = await send(sim, 'POST', `/__sim/agents/101/previews/${controlId}/withdraw`);
    expect(res.status).toBe(200);
    expect(await rawPoll()).toContain('"eventType":"AgentEvent_Release_Preview"');
    const dial = await json(sim, 'PUT', 'voicecall/101/previewCallout', {
      guid: a.guid,
      body: `{"called":"5550009","callcontrolid":"${controlId}"}`,
    });
    expect(dial.retcode).toBe('200-036');
    expect(() => sim.withdrawPreview('101', controlId)).toThrow(/no pending preview/);
  });

  it('carries controlid as a string by default and dials with it as a bare number', async () => {
    const { controlId } = sim.injectPreview('101', { numbers: ['5550001', '5550002'] });
    expect(controlId).toMatch(/^[1-9]\d{9,17}$/);
    const text = await rawPoll();
    expect(text).toContain(`"controlid":"${controlId}"`);
    expect(text).toContain('"eventType":"AgentEvent_Preview_CallOut_Ex"');
    const dial = await json(sim, 'PUT', 'voicecall/101/previewCallout', {
      guid: a.guid,
      body: `{"called":"5550002","callcontrolid":${controlId}}`,
    });
    expect(dial.retcode).toBe('0');
    expect(dial.result).toMatch(/^\d{10}-\d+$/);
    sim.callAction('101', 'fail');
    await pollEvents(sim, a, 9);
  });

  it('refuses an unknown controlid (000-002), a number not offered (200-001), a call in progress (100-007)', async () => {
    sim.injectPreview('101', { numbers: ['777'], controlId: '12345678901234567890'.slice(0, 19) });
    const body = (called: string, id: string): string =>
      `{"called":"${called}","callcontrolid":"${id}"}`;
    const dial = (b: string) =>
      json(sim, 'PUT', 'voicecall/101/previewCallout', { guid: a.guid, body: b });
    // One digit off beyond 2^53: only exact digits match.
    expect((await dial(body('777', '1234567890123456788'))).retcode).toBe('000-002');
    expect((await dial('{"called":"777"}')).retcode).toBe('000-002');
    expect((await dial(body('778', '1234567890123456789'))).retcode).toBe('200-001');
    expect((await dial(body('777', '1234567890123456789'))).retcode).toBe('0');
    sim.injectPreview('101', { numbers: ['888'], controlId: '5' });
    expect((await dial(body('888', '5'))).retcode).toBe('100-007');
    sim.callAction('101', 'fail');
    await pollEvents(sim, a, 11);
    expect((await dial(body('888', '5'))).retcode).toBe('0');
    sim.callAction('101', 'fail');
    await pollEvents(sim, a, 9);
  });

  it('validates injected previews and needs a signed-in agent', () => {
    expect(() => sim.injectPreview('102', { numbers: ['1'] })).toThrow(/not signed in/);
    expect(() => sim.injectPreview('101', { numbers: [] })).toThrow();
    expect(() => sim.injectPreview('101', { numbers: ['1,2'] })).toThrow();
    expect(() =>
      sim.injectPreview('101', { numbers: ['1'], callData: 'x'.repeat(16 * 1024 + 1) }),
    ).toThrow(/16 KB/);
    expect(() =>
      sim.injectPreview('101', { numbers: ['1'], controlId: '0123', controlIdAsNumber: true }),
    ).toThrow();
    expect(() =>
      sim.injectPreview('101', {
        numbers: ['1234567890', '1234567890', '123'],
        variant: 'CallOut',
      }),
    ).toThrow(/24/);
    const ok = sim.injectPreview('101', { numbers: ['1'], callData: 'x'.repeat(16 * 1024) });
    expect(ok.controlId).toMatch(/^\d+$/);
  });
});
