/**
 * Agent state the gateway decides (issue #9 §1 items 6–8): the sign-in pair, forced
 * wrap-up and the way back to ready, a supervisor's forced not-ready, and a sign-out the
 * gateway refuses during a call.
 */
import { describe, expect, it } from 'vitest';
import { creds, makeDesk, signedIn } from '../desk/support/desk-harness';
import { ev, fail, netErr, ok, retcode } from '../desk/support/fake-gateway';
import { flush } from '../desk/support/fake-clock';

describe('after a call: ready or wrap-up (§3.1)', () => {
  it('signs in with the after-call choice of the settings (default ready)', async () => {
    const plain = makeDesk();
    await signedIn(plain);
    expect(plain.sessions[0]?.calls[0]?.args).toEqual([{ ...creds, afterCall: 'ready' }]);
    const wrapUp = makeDesk({ afterCall: () => 'wrap-up' });
    await signedIn(wrapUp);
    expect(wrapUp.sessions[0]?.calls[0]?.args).toEqual([{ ...creds, afterCall: 'wrap-up' }]);
  });

  it('shows the wrap-up a site forces after a call, and never ready until it ends', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(
      ev('state-ready', {}),
      ev('talking', { callId: 'c1', caller: '', called: '100', feature: 44 }),
      ev('call-release', { callId: 'c1' }),
      ev('phone-release', { phoneState: 2 }),
      ev('state-work', {}),
    );
    await flush();
    expect(h.desk.snapshot().agent.state).toBe('wrap-up');
    // One request back to ready: sayfree (§3.6), not the samples-only cancelwork.
    expect((await h.desk.setAgentState({ state: 'ready' })).ok).toBe(true);
    expect(gw.count('sayFree')).toBe(1);
    expect(gw.count('cancelWork')).toBe(0);
    // Accepted is not done: still wrap-up, with ready pending, until the event.
    expect(h.desk.snapshot().agent).toMatchObject({
      state: 'wrap-up',
      pending: { state: 'ready' },
    });
    gw.emit(ev('state-work-cancelled', {}));
    await flush();
    expect(h.desk.snapshot().agent).toMatchObject({ state: 'ready', pending: null });
  });

  it('keeps wrap-up when the gateway refuses to leave it, and says why', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await flush();
    gw.handlers.sayFree = () => fail(retcode('100-009'));
    expect(await h.desk.setAgentState({ state: 'ready' })).toMatchObject({
      ok: false,
      error: { retcode: '100-009' },
    });
    expect(h.desk.snapshot().agent).toMatchObject({ state: 'wrap-up', pending: null });
  });
});

describe('forced not ready (§7.3)', () => {
  it('shows busy set by a supervisor, reason 3, until the agent is ready again', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('state-ready', {}), ev('state-force-not-ready', { reason: 3 }));
    await flush();
    expect(h.desk.snapshot().agent).toMatchObject({
      state: 'not-ready',
      reason: 3,
      bySupervisor: true,
    });
    expect(h.desk.snapshot().log.latest.at(-1)?.summary).toBe(
      'not ready, set by a supervisor (reason 3)',
    );
    gw.emit(ev('state-not-ready-cancelled', {}));
    await flush();
    expect(h.desk.snapshot().agent).toMatchObject({ state: 'ready', bySupervisor: false });
  });

  it('is no longer by a supervisor once the agent sets not ready with a reason', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('state-force-not-ready', { reason: 3 }), ev('state-not-ready', { reason: 201 }));
    await flush();
    expect(h.desk.snapshot().agent).toMatchObject({ reason: 201, bySupervisor: false });
  });
});

describe('signing out during a call (§3.5)', () => {
  it('does not send the logout when the gateway has a call up, and shows the call', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.status = { agentState: 7, isWorking: true };
    gw.callInfoValue = {
      callId: 'c1',
      caller: '8101',
      called: '555',
      callFeature: 44,
      beginTime: null,
      callData: '',
    };
    expect(await h.desk.signOut()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'call-up-at-gateway' },
    });
    await h.clock.advance(0);
    const s = h.desk.snapshot();
    expect(gw.count('logout')).toBe(0);
    expect(s.session.phase).toBe('signed-in');
    expect(s.call).toMatchObject({ callId: 'c1', phase: 'talking' });
    expect(gw.closed).toBe(false);
  });

  it('stays signed in and keeps polling when the gateway refuses a logout during a call', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    // The call starts between the check and the logout: the gateway refuses with 100-010.
    gw.handlers.logout = () => {
      gw.status = { agentState: 7, isWorking: true };
      return fail(retcode('100-010'));
    };
    expect(await h.desk.signOut()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'call-up-at-gateway', detail: '100-010' },
    });
    await h.clock.advance(0);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-in');
    expect(s.connection.health).toBe('live');
    expect(gw.closed).toBe(false);
    expect(gw.isPollWaiting).toBe(true);
    expect(s.log.latest.map((e) => e.summary)).toContain(
      'refused (100-010) during a call: still signed in',
    );
  });

  it('counts a logout answered "signed out" at agentstatus as done', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    let loggedOut = false;
    gw.handlers.logout = () => {
      loggedOut = true;
      return fail(netErr);
    };
    gw.handlers.agentStatus = () =>
      loggedOut
        ? fail({ kind: 'signed-out', retcode: '100-006', message: '', text: { en: '', zh: '' } })
        : ok({ agentState: 4, isWorking: false });
    expect(await h.desk.signOut()).toEqual({ ok: true, value: undefined });
    expect(h.desk.snapshot().session).toMatchObject({
      phase: 'signed-out',
      lastSignOut: { kind: 'agent' },
    });
  });

  it('reports a failed logout as it is when the agent is still signed in without a call', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.logout = () => fail(netErr);
    expect(await h.desk.signOut()).toEqual({ ok: false, error: netErr });
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
  });
});
