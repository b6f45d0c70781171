/**
 * The event loop against long site holds, lost replies and hung polls (issue #9 §1 items 4,
 * 5 and 13; gateway-protocol §2.2, §4.1), with a fake gateway and a fake clock.
 */
import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from '../desk/support/desk-harness';
import { deferred, fail, netErr, ok, retcode, signedOut } from '../desk/support/fake-gateway';
import type { FakeGateway } from '../desk/support/fake-gateway';
import type { AgentStatusInfo, GatewayError, Result } from '../../main/gateway/types';

const idleTimeout: GatewayError = { kind: 'timeout', phase: 'request' };

/** Methods the desk called since `from`, poll shown as `poll`. */
function callsSince(gw: FakeGateway, from: number): string[] {
  return gw.calls.slice(from).map((c) => (c.method === 'pollEvent' ? 'poll' : c.method));
}

/** Answers every poll empty after `holdMs` (a site's long-poll hold), for `totalMs`. */
async function emptyReplies(
  h: ReturnType<typeof makeDesk>,
  gw: FakeGateway,
  holdMs: number,
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await h.clock.advance(holdMs);
    if (gw.isPollWaiting) gw.push(ok(null));
    await h.clock.advance(200);
  }
}

describe('the poll timeout (§4.1)', () => {
  it('takes an idle poll that times out as an empty reply and renews the Guid (§2.2)', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    const from = gw.calls.length;
    gw.push(fail(idleTimeout));
    await h.clock.advance(0);
    expect(callsSince(gw, from)).toEqual(['updateGuid', 'poll']);
    const s = h.desk.snapshot();
    expect(s.connection).toMatchObject({ health: 'live', error: null, cause: null });
    expect(s.log.latest.some((e) => e.name === 'guid-recovered')).toBe(true);
  });

  it('never says lost on a healthy site whose hold (45 s) outlasts the poll timeout (40 s)', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    const health = new Set<string>();
    h.desk.subscribe((s) => health.add(s.connection.health));
    // Ten minutes: every poll times out after 40 s; the gateway answers everything else.
    for (let t = 0; t < 600_000; t += 40_000) {
      await h.clock.advance(40_000);
      if (gw.isPollWaiting) gw.push(fail(idleTimeout));
      await h.clock.advance(0);
    }
    expect([...health]).toEqual(['live']);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
    // After a minute of timeouts agentstatus told a long hold from a bad link, and the
    // warning names the setting (once per run of timeouts).
    const warnings = h.logger.lines.filter((l) => l.includes('desk.poll-timeout-short'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('pollTimeoutSeconds = 40');
    expect(gw.count('agentStatus')).toBeGreaterThanOrEqual(10);
  });

  it('counts a failed probe after a minute of timeouts as a transport error', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => ok(undefined);
    gw.push(fail(idleTimeout));
    await h.clock.advance(40_000);
    gw.handlers.agentStatus = () => fail(netErr);
    gw.push(fail(idleTimeout));
    await h.clock.advance(40_000);
    gw.push(fail(idleTimeout));
    await h.clock.advance(0);
    expect(h.desk.snapshot().connection).toMatchObject({ health: 'degraded', error: netErr });
  });

  it('calls a timeout while connecting a transport failure, not an idle poll', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.push(fail({ kind: 'timeout', phase: 'connect' }));
    await h.clock.advance(0);
    expect(h.desk.snapshot().connection).toMatchObject({
      health: 'degraded',
      error: { kind: 'timeout', phase: 'connect' },
    });
  });
});

describe('the Guid after a lost reply (§2.2)', () => {
  it('renews the Guid once the link is back, before polling on', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(netErr);
    gw.push(fail(netErr));
    await h.clock.advance(0);
    await h.clock.advance(200);
    expect(h.desk.snapshot().connection.health).toBe('reconnecting');
    delete gw.handlers.updateGuid;
    const from = gw.calls.length;
    await h.clock.advance(600);
    expect(callsSince(gw, from).slice(0, 2)).toEqual(['updateGuid', 'agentStatus']);
    expect(callsSince(gw, from)).toContain('poll');
    expect(h.desk.snapshot().connection.health).toBe('live');
  });

  it('does not ask again on a site that refuses updateGuid', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(retcode('000-002'));
    gw.push(fail(idleTimeout));
    await h.clock.advance(0);
    gw.push(fail(idleTimeout));
    await h.clock.advance(0);
    expect(gw.count('updateGuid')).toBe(1);
    expect(h.logger.lines.some((l) => l.includes('desk.update-guid-refused'))).toBe(true);
    expect(h.desk.snapshot().connection.health).toBe('live');
  });

  it('keeps the session when one 000-003 is followed by a renewed Guid', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.push(fail(signedOut('000-003')));
    await h.clock.advance(0);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-in');
    expect(s.connection).toMatchObject({ health: 'live', cause: null });
    expect(gw.count('updateGuid')).toBe(1);
    expect(s.log.latest.some((e) => e.name === 'session-confirmed')).toBe(true);
  });

  it('keeps the session when agentstatus answers though updateGuid is refused', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(signedOut('100-006'));
    gw.push(fail(signedOut('100-006')));
    await h.clock.advance(0);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
    // One to confirm, one to re-sync the screen once health is live again.
    expect(gw.count('agentStatus')).toBe(2);
    expect(gw.count('updateGuid')).toBe(1);
  });

  it('bounds the check: transport failures while confirming do not sign the agent out', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(netErr);
    gw.handlers.agentStatus = () => fail(netErr);
    gw.push(fail(signedOut('100-006')));
    await h.clock.advance(8_000);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-in');
    expect(s.connection.health).toBe('degraded');
    expect(s.connection.error).toEqual(netErr);
  });

  it('confirms a 100-006 a command got, without waiting for the held poll', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(signedOut('100-006'));
    gw.handlers.agentStatus = () => fail(signedOut('100-006'));
    gw.handlers.sayBusy = () => {
      gw.observer.onCall?.({ method: 'sayBusy', durationMs: 1, outcome: '100-006' });
      return fail(signedOut('100-006'));
    };
    await h.desk.setAgentState({ state: 'not-ready' });
    await h.clock.advance(0);
    expect(gw.abortedPolls).toBe(1);
    expect(h.desk.snapshot().connection.cause).toMatchObject({ kind: 'checking-session' });
    await h.clock.advance(8_000);
    expect(h.desk.snapshot().session.lastSignOut).toMatchObject({
      kind: 'kicked',
      retcode: '100-006',
    });
  });
});

describe('a hung poll (§4.1)', () => {
  it('is noticed past the learned hold, probed, abandoned when the gateway answers', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    await emptyReplies(h, gw, 10_000, 3); // the site holds empty polls for 10 s
    const polls = gw.count('pollEvent');
    // This poll gets no answer. Overdue at 10 s + max(5 s, 10 s × 0.5) = 15 s.
    await h.clock.advance(14_999);
    expect(h.desk.snapshot().connection.health).toBe('live');
    expect(gw.count('agentStatus')).toBe(0);
    const probe = deferred<Result<AgentStatusInfo>>();
    gw.handlers.agentStatus = () => probe.promise;
    await h.clock.advance(1);
    expect(h.desk.snapshot().connection).toMatchObject({
      health: 'degraded',
      cause: { kind: 'poll-overdue', usualHoldMs: 10_000 },
    });
    expect(gw.count('agentStatus')).toBe(1);
    // The gateway answers the probe: live at once, the poll abandoned and sent again.
    delete gw.handlers.agentStatus;
    probe.resolve(ok({ agentState: 4, isWorking: false }));
    await h.clock.advance(0);
    expect(h.desk.snapshot().connection).toMatchObject({ health: 'live', cause: null });
    expect(gw.abortedPolls).toBe(1);
    expect(gw.count('updateGuid')).toBe(1);
    expect(gw.count('pollEvent')).toBe(polls + 1);
    expect(gw.maxPollsInFlight).toBe(1);
  });

  it('says why, goes reconnecting while probes fail, and is live at the first answer', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    await emptyReplies(h, gw, 10_000, 2);
    gw.handlers.agentStatus = () => fail(netErr);
    await h.clock.advance(15_000);
    expect(h.desk.snapshot().connection).toMatchObject({
      health: 'degraded',
      error: netErr,
      cause: { kind: 'poll-overdue' },
    });
    await h.clock.advance(600);
    expect(h.desk.snapshot().connection.health).toBe('reconnecting');
    expect(h.desk.snapshot().log.latest.map((e) => e.summary)).toContain(
      'event poll unanswered for 15 s (usual hold 10 s): checking the link',
    );
    delete gw.handlers.agentStatus;
    await h.clock.advance(1_500);
    expect(h.desk.snapshot().connection).toMatchObject({ health: 'live', cause: null });
    expect(gw.abortedPolls).toBe(1);
  });

  it('learns a longer hold when the gateway answers while a poll hangs', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    await emptyReplies(h, gw, 10_000, 2);
    await h.clock.advance(15_000); // overdue; the probe answers at once: abandoned
    expect(gw.abortedPolls).toBe(1);
    // The next poll is overdue only after 15 s + max(5 s, 7.5 s) = 22.5 s.
    await h.clock.advance(22_000);
    expect(gw.abortedPolls).toBe(1);
    await h.clock.advance(600);
    expect(gw.abortedPolls).toBe(2);
  });

  it('is not judged before any empty reply was seen: only the timeout applies', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    await h.clock.advance(39_000);
    expect(h.desk.snapshot().connection.health).toBe('live');
    expect(gw.count('agentStatus')).toBe(0);
  });

  it('recovers as soon as the gateway answers any request, not one poll hold later', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.updateGuid = () => fail(netErr);
    gw.push(fail(netErr));
    await h.clock.advance(200);
    expect(h.desk.snapshot().connection.health).toBe('reconnecting');
    // The agent's own command gets through: the link is back.
    gw.handlers.sayFree = () => {
      delete gw.handlers.updateGuid;
      gw.observer.onCall?.({ method: 'sayFree', durationMs: 1, outcome: '0' });
      return ok(undefined);
    };
    await h.desk.setAgentState({ state: 'ready' });
    expect(h.desk.snapshot().connection).toMatchObject({ health: 'live', error: null });
    // …and the waiting retry runs now instead of after its backoff.
    await h.clock.advance(0);
    expect(gw.count('pollEvent')).toBe(2);
  });
});
