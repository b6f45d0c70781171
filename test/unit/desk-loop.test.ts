import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from '../desk/support/desk-harness';
import { ev, fail, netErr, ok, signedOut } from '../desk/support/fake-gateway';

describe('desk event loop and health', () => {
  it('keeps exactly one poll in flight; re-polls at once after an event, after the gap when empty', async () => {
    const h = makeDesk({ pollGapMs: () => 300 });
    const gw = await signedIn(h);
    expect(gw.count('pollEvent')).toBe(1);
    gw.emit(ev('state-ready', {}), ev('in-service', {}), ev('state-ready', {}));
    await h.clock.advance(0);
    expect(gw.count('pollEvent')).toBe(4);
    gw.push(ok(null));
    await h.clock.advance(299);
    expect(gw.count('pollEvent')).toBe(4);
    await h.clock.advance(1);
    expect(gw.count('pollEvent')).toBe(5);
    expect(gw.maxPollsInFlight).toBe(1);
  });

  it('goes degraded, then reconnecting with backoff 0.5 s doubling to 5 s, then live and re-syncs', async () => {
    const h = makeDesk({ pollGapMs: () => 200 });
    const gw = await signedIn(h);
    // The link is down: the poll fails, and so does each reconnect attempt, which first asks
    // for the Guid the lost reply may have carried (§2.2).
    gw.handlers.updateGuid = () => fail(netErr);
    gw.push(fail(netErr));
    await h.clock.advance(0);
    expect(h.desk.snapshot().connection).toEqual(
      expect.objectContaining({ health: 'degraded', error: netErr }),
    );
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await h.clock.advance(h.clock.pendingDelays().find((d) => d > 0 && d < 100_000) ?? 0);
      const c = h.desk.snapshot().connection;
      expect(c.health).toBe('reconnecting');
      delays.push((c.nextAttemptAt ?? 0) - h.clock.now());
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(gw.count('updateGuid')).toBe(6);
    gw.status = { agentState: 3, isWorking: false };
    delete gw.handlers.updateGuid;
    await h.clock.advance(5000);
    const s = h.desk.snapshot();
    expect(s.connection.health).toBe('live');
    expect(s.connection.resyncing).toBe(false);
    expect(gw.count('updateGuid')).toBe(7);
    expect(gw.count('agentStatus')).toBe(1);
    expect(gw.count('callInfo')).toBe(0); // no call is up: callinfo is not asked (§5.7)
    expect(s.agent.state).toBe('not-ready');
    expect(gw.count('pollEvent')).toBe(2);
    expect(gw.maxPollsInFlight).toBe(1);
  });

  it('is lost after 110 s without a success, and stops polling', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(netErr);
    for (let t = 0; t < 120_000; t += 1000) {
      if (gw.isPollWaiting) gw.push(fail(netErr));
      await h.clock.advance(1000);
    }
    const s = h.desk.snapshot();
    expect(s.connection.health).toBe('lost');
    expect(s.connection.error).toEqual(netErr);
    expect(s.session.phase).toBe('signed-out');
    expect(s.session.lastSignOut).toEqual({
      kind: 'lost',
      detail: 'no answer from the gateway for 110 s',
    });
    const polls = gw.count('pollEvent');
    await h.clock.advance(60_000);
    expect(gw.count('pollEvent')).toBe(polls);
    expect(await h.desk.hangUp()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'not-signed-in' },
    });
  });

  it('is lost even when a poll hangs forever', async () => {
    const h = makeDesk({ lostAfterMs: 30_000 });
    await signedIn(h);
    await h.clock.advance(29_999);
    expect(h.desk.snapshot().connection.health).toBe('live');
    await h.clock.advance(1);
    expect(h.desk.snapshot().connection.health).toBe('lost');
    expect(h.desk.snapshot().connection.error).toEqual({ kind: 'timeout', phase: 'poll' });
  });

  it('signs out after confirming 100-006 three times in 8 s, and says so (§2.2)', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(signedOut('100-006'));
    gw.handlers.agentStatus = () => fail(signedOut('100-006'));
    gw.push(fail(signedOut('100-006')));
    await h.clock.advance(0);
    expect(h.desk.snapshot().connection).toMatchObject({
      health: 'degraded',
      cause: { kind: 'checking-session', retcode: '100-006', attempt: 1, attempts: 3 },
    });
    await h.clock.advance(2_999);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
    await h.clock.advance(5_001);
    const s = h.desk.snapshot();
    expect(s.connection.health).toBe('lost');
    expect(s.connection.error).toEqual(signedOut('100-006'));
    expect(s.session.lastSignOut).toEqual({
      kind: 'kicked',
      retcode: '100-006',
      confirmed: { attempts: 3, seconds: 8 },
    });
    expect(gw.count('updateGuid')).toBe(3);
    expect(gw.count('agentStatus')).toBe(3);
    expect(gw.count('pollEvent')).toBe(1);
  });

  it('re-syncs on resume and ends a call the gateway no longer has', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('talking', { callId: 'c9', caller: '', called: '555', feature: 44 }));
    await h.clock.advance(0);
    expect(h.desk.snapshot().call?.phase).toBe('talking');
    gw.callInfoValue = null;
    gw.status = { agentState: 4, isWorking: false };
    h.desk.resume();
    expect(h.desk.snapshot().connection.resyncing).toBe(true);
    await h.clock.advance(0);
    const s = h.desk.snapshot();
    expect(s.connection.resyncing).toBe(false);
    expect(s.call?.phase).toBe('ended');
    expect(s.agent.state).toBe('ready');
  });

  it('clears the rest reminder when a re-sync finds the agent out of rest', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('state-rest', { reason: null }), ev('state-rest-timeout', {}));
    await h.clock.advance(0);
    expect(h.desk.snapshot().agent).toMatchObject({ state: 'rest', restOverdue: true });
    gw.status = { agentState: 4, isWorking: false };
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().agent).toMatchObject({ state: 'ready', restOverdue: false });
  });

  it('shows a call the gateway has that the desk did not know (re-sync)', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.status = { agentState: 7, isWorking: true };
    gw.callInfoValue = {
      callId: 'x1',
      caller: '101',
      called: '777',
      callFeature: 44,
      beginTime: null,
      callData: '',
    };
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toEqual(
      expect.objectContaining({ callId: 'x1', number: '777', phase: 'talking' }),
    );
  });

  it('publishes coalesced snapshots with increasing seq, the last one current', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    for (let i = 0; i < 200; i += 1) gw.emit(ev('state-ready', {}));
    await h.clock.advance(1000);
    expect(h.published.length).toBeLessThan(10);
    const seqs = h.published.map((p) => p.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(h.published.at(-1)?.log.total).toBe(h.desk.snapshot().log.total);
    expect(h.desk.snapshot().log.latest).toHaveLength(50);
  });
});
