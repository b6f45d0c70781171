import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { control, json, pollEvents, signIn, simulatorPerTest, type Agent } from './test-client';

const { start } = simulatorPerTest();

const acd = async (s: Simulator, a: Agent, body: unknown) =>
  json(s, 'POST', `queuedevice/${a.id}/queryacdstat`, {
    guid: a.guid,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const reset = async (s: Simulator, a: Agent, tail = 'true') =>
  json(s, 'POST', `onlineagent/${a.id}/resetskill/${tail}`, { guid: a.guid });

describe('simulator agentskills (§5.9)', () => {
  it('lists the skills configured for the agent as [{id, name, mediatype}]', async () => {
    const s = await start({
      agents: [
        { id: '101', password: 'pw101', phone: '8101', skills: [2] },
        { id: '102', password: 'pw102', phone: '8102' },
      ],
    });
    const a = await signIn(s, '101');
    const b = await signIn(s, '102');
    expect(await json(s, 'GET', 'onlineagent/101/agentskills', { guid: a.guid })).toEqual({
      message: '',
      retcode: '0',
      result: [{ id: 2, name: 'Collections', mediatype: 5 }],
    });
    const all = await json(s, 'GET', 'onlineagent/102/agentskills', { guid: b.guid });
    expect((all.result as Array<{ id: number }>).map((k) => k.id)).toEqual([1, 2, 3]);
    expect(await control(s, 'PUT', 'agents/102/skills', { skills: [1, 3] })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const now = await json(s, 'GET', 'onlineagent/102/agentskills', { guid: b.guid });
    expect(now.result).toEqual([
      { id: 1, name: 'Preview outbound', mediatype: 5 },
      { id: 3, name: 'Renewals', mediatype: 5 },
    ]);
    expect((await control(s, 'PUT', 'agents/102/skills', { skills: [9] })).status).toBe(400);
    expect((await control(s, 'PUT', 'agents/109/skills', { skills: [1] })).status).toBe(400);
    expect((await json(s, 'POST', 'onlineagent/101/agentskills', { guid: a.guid })).retcode).toBe(
      '000-002',
    );
  });
});

describe('simulator queryacdstat (§5.9; issue #13 §4)', () => {
  it('answers the figures per skill asked, counted from the agents who joined with resetskill', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    const b = await signIn(s, '102');
    expect(await acd(s, a, { skillIds: [1, '2', 9] })).toEqual({
      message: '',
      retcode: '0',
      result: [
        {
          skillId: 1,
          deviceNo: 1,
          queueSize: 0,
          queueTime: 0,
          loggedOnAgents: 0,
          availAgents: 0,
        },
        {
          skillId: 2,
          deviceNo: 2,
          queueSize: 0,
          queueTime: 0,
          loggedOnAgents: 0,
          availAgents: 0,
        },
      ],
    });
    await reset(s, a);
    await reset(s, b, 'false?skillid=2;3');
    await json(s, 'POST', 'onlineagent/102/saybusy', { guid: b.guid });
    const counted = (await acd(s, a, { skills: [3, 1, 2, 1] })).result;
    expect(counted).toEqual([
      expect.objectContaining({ skillId: 3, loggedOnAgents: 2, availAgents: 1 }),
      expect.objectContaining({ skillId: 1, loggedOnAgents: 1, availAgents: 1 }),
      expect.objectContaining({ skillId: 2, loggedOnAgents: 2, availAgents: 1 }),
    ]);
    // A bare list is accepted too.
    expect((await acd(s, a, ['1'])).result).toHaveLength(1);
  });

  it('answers the figures a test sets, per skill, and goes back to counting with null', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    await reset(s, a);
    const set = await control(s, 'PUT', 'queues/2', {
      queueSize: 7,
      queueTime: 95,
      availAgents: 0,
    });
    expect(set).toEqual({
      status: 200,
      body: {
        skillId: 2,
        name: 'Collections',
        mediaType: 5,
        queueSize: 7,
        queueTime: 95,
        loggedOnAgents: 1,
        availAgents: 0,
      },
    });
    expect((await acd(s, a, { skillIds: [2] })).result).toEqual([
      { skillId: 2, deviceNo: 2, queueSize: 7, queueTime: 95, loggedOnAgents: 1, availAgents: 0 },
    ]);
    s.setQueue(2, { availAgents: null, queueSize: 3 });
    expect((await acd(s, a, { skillIds: [2] })).result).toEqual([
      expect.objectContaining({ queueSize: 3, queueTime: 95, availAgents: 1 }),
    ]);
    // A new skill id creates the skill.
    expect(s.setQueue(40, { name: 'Win-back', queueSize: 1 })).toMatchObject({
      skillId: 40,
      name: 'Win-back',
      queueSize: 1,
    });
    expect((await control(s, 'GET', 'queues')).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ skillId: 40 })]),
    );
    for (const bad of [{ queueSize: -1 }, { queueTime: 1.5 }, { depth: 2 }, { name: '' }]) {
      expect((await control(s, 'PUT', 'queues/2', bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('sends figures as digit strings with acdStatAsText', async () => {
    const s = await start({ acdStatAsText: true });
    const a = await signIn(s, '101');
    s.setQueue(1, { queueSize: 12 });
    expect((await acd(s, a, { skillIds: [1] })).result).toEqual([
      {
        skillId: '1',
        deviceNo: '1',
        queueSize: '12',
        queueTime: '0',
        loggedOnAgents: '0',
        availAgents: '0',
      },
    ]);
  });

  it('refuses a body that is not 1–100 skill ids (000-002), and any retcode on demand', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    for (const body of [
      '{',
      {},
      { skillIds: [] },
      { skillIds: ['x'] },
      { skillIds: [0] },
      { skillIds: Array.from({ length: 101 }, (_, i) => i + 1) },
    ]) {
      expect((await acd(s, a, body)).retcode, JSON.stringify(body)).toBe('000-002');
    }
    expect(
      (await acd(s, a, { skillIds: Array.from({ length: 100 }, (_, i) => i + 1) })).retcode,
    ).toBe('0');
    s.addFault({ kind: 'retcode', retcode: '100-007', path: '/queryacdstat', count: 0 });
    expect((await acd(s, a, { skillIds: [1] })).retcode).toBe('100-007');
    // Polling is not disturbed.
    expect((await pollEvents(s, a, 2)).map((e) => e.eventType)).toEqual([
      'AgentOther_InService',
      'AgentState_Ready',
    ]);
    s.clearFaults();
    expect((await acd(s, a, { skillIds: [1] })).retcode).toBe('0');
    expect((await json(s, 'GET', 'queuedevice/101/queryacdstat', { guid: a.guid })).retcode).toBe(
      '000-002',
    );
  });

  it('refuses a bad skill catalogue', async () => {
    await expect(startSimulator({ skills: [{ id: 0, name: 'x' }] })).rejects.toThrow(RangeError);
    await expect(
      startSimulator({ agents: [{ id: '101', password: 'p', phone: '1', skills: [7] }] }),
    ).rejects.toThrow(/skill/);
  });
});
