import { describe, expect, it } from 'vitest';
import { creds, makeDesk, signedIn } from '../desk/support/desk-harness';
import {
  deferred,
  ev,
  fail,
  netErr,
  ok,
  retcode,
  signInInfo,
  signedOut,
} from '../desk/support/fake-gateway';
import type { FakeGateway } from '../desk/support/fake-gateway';
import type { Result } from '../../main/gateway/types';
import type { DeskError } from '../../main/ipc/contract';
import { flush } from '../desk/support/fake-clock';

describe('desk sign-in', () => {
  it('signs in: login → resetskill → polling, with password facts', async () => {
    const h = makeDesk({}, (gw) => {
      gw.handlers.login = () => ok({ ...signInInfo, isForceChange: true, timeRemaining: '12' });
    });
    const r = await h.desk.signIn(creds);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        agentId: '101',
        phone: '70101',
        mustChangePassword: true,
        passwordDaysLeft: 12,
      }),
    });
    await flush();
    const gw = h.sessions[0];
    expect(gw?.calls.map((c) => c.method)).toEqual(['login', 'resetSkill', 'pollEvent']);
    const s = h.desk.snapshot();
    expect(s.session.phase).toBe('signed-in');
    expect(s.connection.health).toBe('live');
  });

  it('keeps the password facts in the snapshot while signed in, and drops them on sign-out', async () => {
    const h = makeDesk({}, (gw) => {
      gw.handlers.login = () => ok({ ...signInInfo, isForceChange: true, timeRemaining: '12' });
    });
    expect(h.desk.snapshot().session.password).toBeNull();
    await signedIn(h);
    const facts = { mustChange: true, daysLeft: 12 };
    expect(h.desk.snapshot().session.password).toEqual(facts);
    // What a reloaded renderer gets pushed or asks for carries them too.
    await h.clock.advance(20);
    expect(h.published.at(-1)?.session.password).toEqual(facts);
    expect((await h.desk.signOut()).ok).toBe(true);
    expect(h.desk.snapshot().session.password).toBeNull();
    await h.clock.advance(20);
    expect(h.published.at(-1)?.session.password).toBeNull();
  });

  it('reads a password that never expires as daysLeft null', async () => {
    const h = makeDesk({}, (gw) => {
      gw.handlers.login = () => ok({ ...signInInfo, timeRemaining: '' });
    });
    await signedIn(h);
    expect(h.desk.snapshot().session.password).toEqual({ mustChange: false, daysLeft: null });
  });

  it('drops the password facts when kicked, shut down or lost', async () => {
    const endings: Array<
      [string, (gw: FakeGateway, h: ReturnType<typeof makeDesk>) => Promise<void>]
    > = [
      [
        'kicked',
        async (gw, h) => {
          gw.handlers.updateGuid = () => fail(signedOut('100-006'));
          gw.handlers.agentStatus = () => fail(signedOut('100-006'));
          gw.push(fail(signedOut('100-006')));
          await h.clock.advance(10_000);
        },
      ],
      [
        'shutdown',
        async (gw) => {
          gw.emit(ev('shutdown-service', { loginTime: '1' }));
          await flush();
        },
      ],
      [
        'lost',
        async (_gw, h) => {
          // The poll hangs: nothing succeeds for lostAfterMs.
          await h.clock.advance(30_000);
        },
      ],
    ];
    for (const [kind, end] of endings) {
      const h = makeDesk({ lostAfterMs: 30_000 });
      const gw = await signedIn(h);
      expect(h.desk.snapshot().session.password, kind).toEqual({ mustChange: false, daysLeft: 30 });
      await end(gw, h);
      const session = h.desk.snapshot().session;
      expect(session.lastSignOut?.kind, kind).toBe(kind);
      expect(session.password, kind).toBeNull();
    }
  });

  it('answers already-signed-in on 100-002, then signs in with force', async () => {
    const h = makeDesk({}, (gw) => {
      gw.handlers.login = () => fail(retcode('100-002'));
    });
    expect(await h.desk.signIn(creds)).toEqual({ ok: false, error: { kind: 'already-signed-in' } });
    expect(h.desk.snapshot().session.phase).toBe('signed-out');
    const r = await h.desk.signIn({ ...creds, force: true });
    expect(r.ok).toBe(true);
    expect(h.sessions[1]?.calls.map((c) => c.method).slice(0, 2)).toEqual([
      'forceLogin',
      'resetSkill',
    ]);
  });

  it('passes 100-015 through and does not try the backup', async () => {
    const h = makeDesk({}, (gw) => {
      gw.handlers.forceLogin = () => fail(retcode('100-015'));
    });
    const r = await h.desk.signIn({ ...creds, force: true });
    expect(r.ok === false && r.error.kind === 'gateway' && r.error.retcode).toBe('100-015');
    expect(h.sessions).toHaveLength(1);
    expect(h.sessions[0]?.closed).toBe(true);
  });

  it('answers a settings problem as it is, without contacting any gateway', async () => {
    const problem: DeskError = {
      kind: 'invalid-request',
      detail: 'The CA file /x could not be read.',
    };
    const h = makeDesk({ connections: async () => ({ ok: false, error: problem }) });
    expect(await h.desk.signIn(creds)).toEqual({ ok: false, error: problem });
    expect(h.sessions).toHaveLength(0);
    expect(h.desk.snapshot().session.phase).toBe('signed-out');
  });

  it('moves to the backup only when the primary cannot be reached', async () => {
    const h = makeDesk({}, (gw, i) => {
      if (i === 0) gw.handlers.login = () => fail(netErr);
    });
    expect((await h.desk.signIn(creds)).ok).toBe(true);
    expect(h.sessions.map((s) => s.connection?.baseUrl)).toEqual([
      'https://primary:8043',
      'https://backup:8043',
    ]);
    const wrong = makeDesk({}, (gw) => {
      gw.handlers.login = () => fail(retcode('100-004'));
    });
    expect((await wrong.desk.signIn(creds)).ok).toBe(false);
    expect(wrong.sessions).toHaveLength(1);
  });

  it('signs out again when resetskill fails', async () => {
    const h = makeDesk({}, (gw) => {
      gw.handlers.resetSkill = () => fail(retcode('100-007'));
    });
    const r = await h.desk.signIn(creds);
    expect(r.ok).toBe(false);
    expect(h.sessions[0]?.calls.map((c) => c.method)).toEqual(['login', 'resetSkill', 'logout']);
    expect(h.desk.snapshot().session.phase).toBe('signed-out');
  });

  it('allows one sign-in or sign-out at a time', async () => {
    const h = makeDesk();
    const first = h.desk.signIn(creds);
    expect(await h.desk.signIn(creds)).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'session-busy' },
    });
    expect(await h.desk.signOut()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'session-busy' },
    });
    await first;
    expect(await h.desk.signIn(creds)).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'already-signed-in-here' },
    });
  });

  it('refuses sign-out during a call, then signs out and forgets previews', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(
      ev('preview-offered', {
        variant: 'CallOut_Ex',
        controlId: '1',
        numbers: ['100'],
        callData: '',
      }),
    );
    gw.emit(
      ev('preview-offered', {
        variant: 'CallOut_Ex',
        controlId: '2',
        numbers: ['200'],
        callData: '',
      }),
    );
    await flush();
    expect((await h.desk.dialPreview({ controlId: '1', number: '100' })).ok).toBe(true);
    gw.emit(ev('talking', { callId: 'c', caller: '', called: '100', feature: 44 }));
    await flush();
    expect(await h.desk.signOut()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'call-active' },
    });
    gw.emit(ev('call-release', { callId: 'c' }));
    await flush();
    expect((await h.desk.signOut()).ok).toBe(true);
    const s = h.desk.snapshot();
    expect(s.session).toEqual(
      expect.objectContaining({ phase: 'signed-out', lastSignOut: { kind: 'agent' } }),
    );
    expect(s.previews).toEqual([]);
    expect(s.call).toBeNull();
    expect(s.connection.health).toBe('offline');
    expect(gw.closed).toBe(true);
    const polls = gw.count('pollEvent');
    await h.clock.advance(60_000);
    expect(gw.count('pollEvent')).toBe(polls);
    expect(await h.desk.setAgentState({ state: 'ready' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'not-signed-in' },
    });
  });

  it('treats AgentOther_ShutdownService as signed out', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('shutdown-service', { loginTime: '1' }));
    await flush();
    expect(h.desk.snapshot().session.lastSignOut).toEqual({ kind: 'shutdown' });
    expect(h.desk.snapshot().session.phase).toBe('signed-out');
  });

  it('keeps secrets out of logs, the event log and snapshots', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('talking', { callId: 'c', caller: '', called: '100', feature: 44 }));
    await flush();
    await h.desk.sendDigits({ digits: '8642' });
    await flush();
    gw.push(fail(signedOut('100-006')));
    await h.clock.advance(100);
    const everything = JSON.stringify([
      h.logger.lines,
      h.desk.eventLog(),
      h.published.map((p) => p.log),
    ]);
    expect(everything).not.toContain('secret-pw');
    expect(everything).not.toContain('8642');
    expect(JSON.stringify(h.desk.eventLog())).toContain('••••');
  });

  it('signs out cleanly even when the poll sees 100-006 while logout is in flight', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    const reply = deferred<Result<void>>();
    gw.handlers.logout = () => reply.promise;
    const out = h.desk.signOut();
    gw.push(fail(signedOut('100-006')));
    await flush();
    expect(h.desk.snapshot().session.phase).toBe('signing-out');
    reply.resolve(ok(undefined));
    expect((await out).ok).toBe(true);
    expect(h.desk.snapshot().session.lastSignOut).toEqual({ kind: 'agent' });
    expect(h.desk.snapshot().connection.health).toBe('offline');
  });

  it('dispose signs out, stops polling and leaves no timer behind', async () => {
    const h = makeDesk({ countdown: () => ({ seconds: 30, action: 'decline' }) });
    const gw = await signedIn(h);
    gw.emit(
      ev('preview-offered', { variant: 'CallOut', controlId: '5', numbers: ['1'], callData: '' }),
    );
    gw.push(ok(null));
    await flush();
    await h.desk.dispose();
    expect(gw.count('logout')).toBe(1);
    expect(gw.closed).toBe(true);
    expect(h.clock.pendingDelays()).toEqual([]);
    const polls = gw.count('pollEvent');
    await h.clock.advance(200_000);
    expect(gw.count('pollEvent')).toBe(polls);
    expect(gw.count('cancelPreviewCallout')).toBe(0);
  });
});
