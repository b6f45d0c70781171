/**
 * The queue glance interfaces over real HTTPS against the simulator (gateway-protocol.md
 * §5.9): `agentskills` and `queryacdstat` are reads that travel beside the event poll and
 * the commands. A hung queue request never delays either, and is sent once, never retried.
 */
import { describe, expect, it } from 'vitest';
import { drain, pollUntil, signedIn, sharedSimulator } from './helpers';

const gw = sharedSimulator({ requestTimeoutMs: 1_500 });

describe('queue glance requests', () => {
  it('asks agentskills with GET and queryacdstat with POST, at the documented paths', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    await s.agentSkills();
    await s.queryAcdStat([1, 2]);
    expect(gw.requestsOf(a.id, '/agentskills').map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /agentgateway/resource/onlineagent/${a.id}/agentskills`,
    ]);
    expect(gw.requestsOf(a.id, '/queryacdstat').map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /agentgateway/resource/queuedevice/${a.id}/queryacdstat`,
    ]);
  });

  it('refuses a skill list the gateway would refuse, without sending it', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1);
    for (const ids of [[], tooMany, [1.5], [-1]]) {
      expect(await s.queryAcdStat(ids)).toMatchObject({
        ok: false,
        error: { kind: 'invalid-request' },
      });
    }
    expect(gw.requestsOf(a.id, '/queryacdstat')).toHaveLength(0);
  });

  it('never holds up a poll or a command while queryacdstat hangs, and is sent once', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    await drain(s);
    gw.sim.addFault({ kind: 'hang', path: '/queryacdstat', agentId: a.id });
    const hung = s.queryAcdStat([1]);
    let answered = false;
    void hung.then(() => (answered = true));
    // A command answers while the queue request is still out …
    const busy = await s.sayBusy(201);
    expect(busy).toEqual({ ok: true, value: undefined });
    // … and the poll delivers its event, both before the hung request gave up.
    const events = await pollUntil(s, 'state-not-ready');
    expect(events.at(-1)).toMatchObject({ kind: 'state-not-ready', reason: 201 });
    expect(answered).toBe(false);
    // The queue request gives up by itself, sent exactly once (a read is never retried).
    expect(await hung).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(gw.requestsOf(a.id, '/queryacdstat')).toHaveLength(1);
  });

  it('never holds up a poll or a command while agentskills hangs', async () => {
    const a = gw.agent();
    const s = (await signedIn(gw.conn, a)).session;
    await drain(s);
    gw.sim.addFault({ kind: 'hang', path: '/agentskills', agentId: a.id });
    const hung = s.agentSkills();
    let answered = false;
    void hung.then(() => (answered = true));
    expect(await s.sayBusy(202)).toEqual({ ok: true, value: undefined });
    expect((await pollUntil(s, 'state-not-ready')).at(-1)).toMatchObject({ reason: 202 });
    expect(answered).toBe(false);
    expect(await hung).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(gw.requestsOf(a.id, '/agentskills')).toHaveLength(1);
  });
});
