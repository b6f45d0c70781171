import { describe, expect, it } from 'vitest';
import { startSimulator } from './index';
import { json, pollEvents, send, signIn, simulatorPerTest, waitFor } from './test-client';

const { start } = simulatorPerTest({ pollHoldMs: 5_000, callStepMs: 1 });

describe('simulator gateway restart (issue #11)', () => {
  it('loses every session and Guid, drops held polls and listens again on the same port', async () => {
    const s = await start();
    const port = s.port;
    const a = await signIn(s, '101');
    await pollEvents(s, a, 2);
    const held = send(s, 'GET', 'agentevent/101', { guid: a.guid });
    await waitFor(() => s.sessions()[0]?.pollHeld === true, 'held poll');
    const before = s.requests().length;
    expect((await send(s, 'POST', '/__sim/restart')).status).toBe(200);
    // The held poll loses its connection: no event, no reply.
    await expect(held).rejects.toThrow();
    await waitFor(() => s.sessions().length === 0, 'restart');
    expect(s.port).toBe(port);
    // The old Guid belongs to no session any more: 100-006, not 000-003.
    expect((await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).retcode).toBe(
      '100-006',
    );
    const again = await signIn(s, '101');
    expect(again.guid).not.toBe(a.guid);
    expect(s.sessionEnds().map((e) => e.reason)).toEqual(['restart']);
    // The request log survives a restart.
    expect(s.requests().length).toBeGreaterThan(before);
    expect(s.requests()[0]?.path).toBe('/agentgateway/resource/onlineagent/101');
  });
});

describe('simulator primary and backup side by side (issue #11)', () => {
  it('runs two gateways, tells their requests apart, and kills and revives one on its port', async () => {
    const primary = await start({ node: 0 });
    const backup = await start({ node: 1 });
    expect(primary.port).not.toBe(backup.port);
    const onPrimary = await signIn(primary, '101');
    expect(onPrimary.guid).toMatch(/\.AgentGateway0$/);
    expect(onPrimary.cookie).toBe('SIMLB=node0');
    await primary.kill();
    await expect(
      send(primary, 'GET', 'onlineagent/101/agentstatus', { guid: onPrimary.guid }),
    ).rejects.toThrow(/ECONNREFUSED/);
    const onBackup = await signIn(backup, '101');
    expect(onBackup.guid).toMatch(/\.AgentGateway1$/);
    expect(onBackup.cookie).toBe('SIMLB=node1');
    await json(backup, 'GET', 'onlineagent/101/agentstatus', {
      guid: onBackup.guid,
      cookie: onBackup.cookie,
    });
    // Each gateway's request log holds only what reached it.
    expect(backup.requests().map((r) => r.path)).toEqual([
      '/agentgateway/resource/onlineagent/101',
      '/agentgateway/resource/onlineagent/101/agentstatus',
    ]);
    expect(backup.requests()[1]?.hadLbCookie).toBe(true);
    expect(primary.requests().some((r) => r.path.endsWith('/agentstatus'))).toBe(false);
    await primary.revive();
    expect(
      (await json(primary, 'GET', 'onlineagent/101/agentstatus', { guid: onPrimary.guid })).retcode,
    ).toBe('100-006');
    expect((await signIn(primary, '101')).guid).toMatch(/\.AgentGateway0$/);
  });

  it('starts a new gateway on the port of one that was stopped', async () => {
    const first = await start();
    const port = first.port;
    await first.stop();
    const second = await start({ port });
    expect(second.port).toBe(port);
    expect((await signIn(second, '101')).guid).toMatch(/\.AgentGateway0$/);
  });

  it('refuses a node outside 0–99', async () => {
    await expect(startSimulator({ node: 100 })).rejects.toThrow(RangeError);
  });
});
