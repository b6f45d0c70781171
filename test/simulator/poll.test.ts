import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from './index';
import { guidOf, json, poll, pollEvents, send, signIn, waitFor } from './test-client';

let sim: Simulator | null = null;
async function start(o: SimulatorOptions): Promise<Simulator> {
  sim = await startSimulator(o);
  return sim;
}
afterEach(async () => {
  await sim?.stop();
  sim = null;
});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('simulator long poll (§4.1, §9.4)', () => {
  it('answers one event per reply, then the exact empty body after the hold', async () => {
    const s = await start({ pollHoldMs: 50 });
    const a = await signIn(s, '101');
    const first = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
    const body = JSON.parse(first.text) as { event: Record<string, unknown> };
    expect(body.event.eventType).toBe('AgentOther_InService');
    expect(body.event).toMatchObject({ workNo: '101', content: null });
    expect(typeof body.event.eventGenTime).toBe('number');
    expect((await poll(s, a))?.eventType).toBe('AgentState_Ready');
    const empty = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
    expect(empty.text).toBe('{"message":"","retcode":"0"}');
  });

  it('omits eventGenTime when switched off', async () => {
    const s = await start({ pollHoldMs: 50, eventGenTime: false });
    const a = await signIn(s, '101');
    const res = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
    expect(res.text).not.toContain('eventGenTime');
  });

  it('hands an event to a held poll, and a second poll releases the first one empty', async () => {
    const s = await start({ pollHoldMs: 5_000 });
    const a = await signIn(s, '101');
    await pollEvents(s, a, 2);
    const polls = (): number => s.requests().filter((r) => r.path.includes('agentevent')).length;
    const n = polls();
    const held = poll(s, a);
    await waitFor(() => polls() > n, 'first poll');
    const second = poll(s, a);
    expect(await held).toBeNull();
    await waitFor(() => polls() > n + 1, 'second poll');
    s.injectPreview('101', { numbers: ['123'], controlId: '42' });
    expect((await second)?.eventType).toBe('AgentEvent_Preview_CallOut_Ex');
  });
});

describe('simulator Guid rotation (§2.2)', () => {
  it('rotates on the poll in dynamic mode; with guidSetOnce: false it repeats Set-GUID to the previous Guid', async () => {
    const s = await start({
      pollHoldMs: 20,
      guidRotateMs: 1,
      guidGraceMs: 60_000,
      guidSetOnce: false,
    });
    const a = await signIn(s, '101');
    await sleep(5);
    const res = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
    const next = guidOf(res);
    expect(next).toMatch(/^[0-9a-f-]{36}\.AgentGateway0$/);
    expect(next).not.toBe(a.guid);
    const old = await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid });
    expect(old.retcode).toBe('0');
    // A poll still carrying the previous Guid is told the current one again.
    await sleep(5);
    const again = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
    expect(guidOf(again)).not.toBeNull();
    const log = s.requests().filter((r) => r.path.endsWith('/agentstatus'));
    expect(log[0]?.guidState).toBe('previous');
  });

  it('sends Set-GUID once per rotation by default, never again to a poll with the previous Guid (rule 15)', async () => {
    const s = await start({ pollHoldMs: 20, guidRotateMs: 300, guidGraceMs: 60_000 });
    const a = await signIn(s, '101');
    await sleep(320);
    // The reply carrying the rotated Guid is "lost": the client keeps polling with the old one.
    const lost = guidOf(await send(s, 'GET', 'agentevent/101', { guid: a.guid }));
    expect(lost).not.toBeNull();
    for (let i = 0; i < 3; i += 1) {
      const res = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
      expect(JSON.parse(res.text)).toMatchObject({ retcode: '0' });
      expect(guidOf(res)).toBeNull();
    }
    expect(s.requests().at(-1)?.guidState).toBe('previous');
    // Recovery (§2.2): updateGuid with the old Guid answers a fresh one that works.
    const upd = (await json(s, 'PUT', 'onlineagent/101/updateGuid', { guid: a.guid })) as {
      retcode: string;
      result: { guid: string };
    };
    expect(upd.retcode).toBe('0');
    expect(upd.result.guid).toMatch(/^[0-9a-f-]{36}\.AgentGateway0$/);
    expect([a.guid, lost]).not.toContain(upd.result.guid);
    const polled = await send(s, 'GET', 'agentevent/101', { guid: upd.result.guid });
    expect(guidOf(polled)).toBeNull();
    expect(s.requests().at(-1)?.guidState).toBe('current');
    // Both older Guids are still inside their grace: requests in flight with them succeed.
    for (const g of [a.guid, lost ?? '']) {
      expect((await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: g })).retcode).toBe('0');
    }
    // The next rotation is announced once again.
    await sleep(320);
    const next = await send(s, 'GET', 'agentevent/101', { guid: upd.result.guid });
    expect(guidOf(next)).not.toBeNull();
    expect(guidOf(await send(s, 'GET', 'agentevent/101', { guid: upd.result.guid }))).toBeNull();
  });

  it('refuses the previous Guid with 000-003 once its grace is over', async () => {
    const s = await start({ pollHoldMs: 20, guidRotateMs: 1, guidGraceMs: 1 });
    const a = await signIn(s, '101');
    await sleep(5);
    const next = guidOf(await send(s, 'GET', 'agentevent/101', { guid: a.guid }));
    expect(next).not.toBeNull();
    await sleep(5);
    expect((await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).retcode).toBe(
      '000-003',
    );
    expect((await json(s, 'GET', 'agentevent/101', { guid: a.guid })).retcode).toBe('000-003');
    expect((await json(s, 'PUT', 'onlineagent/101/updateGuid', { guid: a.guid })).retcode).toBe(
      '000-003',
    );
    const cur = await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: next ?? '' });
    expect(cur.retcode).toBe('0');
  });

  it('never rotates in static mode', async () => {
    const s = await start({ authMode: 1, pollHoldMs: 20, guidRotateMs: 1 });
    const a = await signIn(s, '101');
    await sleep(5);
    for (let i = 0; i < 3; i += 1) {
      expect(guidOf(await send(s, 'GET', 'agentevent/101', { guid: a.guid }))).toBeNull();
    }
  });

  it('issues a new Guid on updateGuid (§3.7)', async () => {
    const s = await start({ authMode: 1 });
    const a = await signIn(s, '101');
    const r = (await json(s, 'PUT', 'onlineagent/101/updateGuid', { guid: a.guid })) as {
      result: { guid: string };
    };
    expect(r.result.guid).toMatch(/\.AgentGateway0$/);
    expect(r.result.guid).not.toBe(a.guid);
    const st = await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: r.result.guid });
    expect(st.retcode).toBe('0');
  });
});
