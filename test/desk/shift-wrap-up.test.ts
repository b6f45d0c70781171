/**
 * After-call work (issue #13 §1) on the real desk core over a scripted gateway and a fake
 * clock: the wrap-up view and its maximum, the one Extend, ready by itself with the reason
 * logged, no preview dialled during wrap-up, and a dial-first countdown held until Ready.
 */
import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from './support/desk-harness';
import { deferred, ev, fail, netErr, ok, preview, retcode } from './support/fake-gateway';
import type { FakeGateway } from './support/fake-gateway';
import type { DeskOptions } from '../../main/desk/desk';
import type { Result } from '../../main/gateway/types';

/** Polls stay unanswered in these tests: keep the liveness limit out of the way. */
function desk(maxSeconds: number, extra: Partial<DeskOptions> = {}) {
  return makeDesk({ lostAfterMs: 3_600_000, wrapUpMaxSeconds: () => maxSeconds, ...extra });
}

/** Ready commands sent: from wrap-up `sayfree` (§3.6), never the samples-only `cancelwork`. */
const readies = (gw: FakeGateway): number => {
  if (gw.count('cancelWork') > 0) throw new Error('cancelwork sent');
  return gw.count('sayFree');
};

describe('wrap-up', () => {
  it('shows wrap-up with its maximum and makes the agent ready by itself, saying why', async () => {
    const h = desk(120);
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(0);
    const start = h.clock.now();
    expect(h.desk.snapshot().agent.state).toBe('wrap-up');
    expect(h.desk.snapshot().wrapUp).toEqual({
      startedAt: start,
      endsAt: start + 120_000,
      extended: false,
      canExtend: true,
      autoReadyError: null,
    });
    await h.clock.advance(119_999);
    expect(readies(gw)).toBe(0);
    await h.clock.advance(1);
    expect(readies(gw)).toBe(1);
    // The reason is in the event log and the main-side log.
    const entry = h.desk.eventLog().find((e) => e.name === 'wrap-up');
    expect(entry?.summary).toBe('wrap-up maximum of 120 s reached: ready by itself');
    expect(h.logger.lines.some((l) => l.includes('desk.wrap-up.auto-ready'))).toBe(true);
    // The screen leaves wrap-up when the gateway says so, not before.
    expect(h.desk.snapshot().agent.state).toBe('wrap-up');
    expect(h.desk.snapshot().agent.pending).toEqual({ state: 'ready' });
    gw.emit(ev('state-work-cancelled', {}));
    await h.clock.advance(0);
    expect(h.desk.snapshot().agent.state).toBe('ready');
    expect(h.desk.snapshot().wrapUp).toBeNull();
  });

  it('extends once, by the maximum again', async () => {
    const h = desk(120);
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(60_000);
    const start = h.desk.snapshot().wrapUp?.startedAt ?? 0;
    const r = await h.desk.extendWrapUp();
    expect(r).toEqual({
      ok: true,
      value: {
        startedAt: start,
        endsAt: start + 240_000,
        extended: true,
        canExtend: false,
        autoReadyError: null,
      },
    });
    expect(await h.desk.extendWrapUp()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'wrap-up-not-extendable' },
    });
    await h.clock.advance(120_000);
    expect(readies(gw)).toBe(0);
    await h.clock.advance(60_000);
    expect(readies(gw)).toBe(1);
    expect(h.desk.eventLog().find((e) => e.summary.includes('maximum'))?.summary).toBe(
      'wrap-up maximum of 240 s reached (extended once): ready by itself',
    );
  });

  it('without a maximum: a running wrap-up, no end, nothing to extend', async () => {
    const h = desk(0);
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(0);
    expect(h.desk.snapshot().wrapUp).toMatchObject({ endsAt: null, canExtend: false });
    expect(await h.desk.extendWrapUp()).toMatchObject({
      ok: false,
      error: { reason: 'wrap-up-not-extendable' },
    });
    await h.clock.advance(3_000_000);
    expect(readies(gw)).toBe(0);
  });

  it('forgets the timer when the agent leaves wrap-up', async () => {
    const h = desk(120);
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(30_000);
    expect((await h.desk.setAgentState({ state: 'ready' })).ok).toBe(true);
    gw.emit(ev('state-work-cancelled', {}));
    await h.clock.advance(0);
    expect(h.desk.snapshot().wrapUp).toBeNull();
    await h.clock.advance(600_000);
    expect(readies(gw)).toBe(1);
    expect(await h.desk.extendWrapUp()).toMatchObject({
      ok: false,
      error: { reason: 'not-in-wrap-up' },
    });
  });

  it('times each wrap-up from its own start', async () => {
    const h = desk(100);
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(50_000);
    gw.emit(ev('state-ready', {}));
    await h.clock.advance(10_000);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(0);
    const second = h.clock.now();
    expect(h.desk.snapshot().wrapUp?.endsAt).toBe(second + 100_000);
    await h.clock.advance(99_999);
    expect(readies(gw)).toBe(0);
  });

  it('shows why the desk could not make the agent ready by itself', async () => {
    const h = desk(60, {});
    const gw = await signedIn(h);
    gw.handlers.sayFree = () => fail(netErr);
    gw.handlers.cancelWork = () => fail(netErr);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(60_000);
    expect(h.desk.snapshot().wrapUp?.autoReadyError).toEqual(netErr);
    expect(h.desk.snapshot().agent.state).toBe('wrap-up');
    expect(h.desk.eventLog().some((e) => e.category === 'error' && e.name === 'wrap-up')).toBe(
      true,
    );
  });

  it('ends at sign-out', async () => {
    const h = desk(60);
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(1_000);
    expect((await h.desk.signOut()).ok).toBe(true);
    expect(h.desk.snapshot().wrapUp).toBeNull();
    await h.clock.advance(120_000);
    expect(readies(gw)).toBe(0);
  });
});

describe('wrap-up and a sign-out that does not happen', () => {
  it('keeps the wrap-up timed when an event arrives while the refused sign-out is in flight', async () => {
    const h = desk(120);
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}));
    await h.clock.advance(0);
    const before = h.desk.snapshot().wrapUp;
    expect(before?.endsAt).not.toBeNull();
    const logout = deferred<Result<void>>();
    gw.handlers.logout = () => logout.promise;
    let asked = 0;
    // Asked before the logout (no call) and after it (the link fails): signed in as before.
    gw.handlers.agentStatus = () =>
      (asked += 1) === 1 ? ok({ agentState: 4, isWorking: false }) : fail(netErr);
    const out = h.desk.signOut();
    await h.clock.advance(0);
    expect(h.desk.snapshot().session.phase).toBe('signing-out');
    gw.emit(preview('1540', ['5550104']));
    await h.clock.advance(0);
    logout.resolve(fail(retcode('100-010')));
    expect((await out).ok).toBe(false);
    expect(h.desk.snapshot().session.phase).toBe('signed-in');
    expect(h.desk.snapshot().wrapUp).toEqual(before);
    await h.clock.advance(120_000);
    expect(readies(gw)).toBe(1);
  });
});

describe('previews during wrap-up', () => {
  it('are not dialled: they wait, and can be called once the agent is ready', async () => {
    const h = desk(0);
    const gw = await signedIn(h);
    gw.emit(preview('1536', ['5550100']), ev('state-work', {}));
    await h.clock.advance(0);
    expect(h.desk.snapshot().previews.map((p) => p.controlId)).toEqual(['1536']);
    expect(await h.desk.dialPreview({ controlId: '1536', number: '5550100' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'wrap-up' },
    });
    expect(gw.count('previewCallout')).toBe(0);
    gw.emit(ev('state-work-cancelled', {}));
    await h.clock.advance(0);
    expect((await h.desk.dialPreview({ controlId: '1536', number: '5550100' })).ok).toBe(true);
  });

  it('a dial-first countdown that ends during wrap-up calls when the agent is ready', async () => {
    const h = desk(0, { countdown: () => ({ seconds: 5, action: 'dial-first' }) });
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}), preview('1537', ['5550101']));
    await h.clock.advance(5_000);
    expect(gw.count('previewCallout')).toBe(0);
    expect(
      h.desk.eventLog().some((e) => e.summary === 'preview 1537: dials when wrap-up ends'),
    ).toBe(true);
    gw.emit(ev('state-work-cancelled', {}));
    await h.clock.advance(0);
    expect(gw.calls.filter((c) => c.method === 'previewCallout').map((c) => c.args)).toEqual([
      ['1537', '5550101'],
    ]);
  });

  it('a held dial-first countdown is dropped when the agent goes not ready instead', async () => {
    const h = desk(0, { countdown: () => ({ seconds: 5, action: 'dial-first' }) });
    const gw = await signedIn(h);
    gw.emit(ev('state-work', {}), preview('1538', ['5550102']));
    await h.clock.advance(5_000);
    gw.emit(ev('state-not-ready', { reason: 200 }));
    await h.clock.advance(0);
    gw.emit(ev('state-not-ready-cancelled', {}));
    await h.clock.advance(0);
    expect(gw.count('previewCallout')).toBe(0);
    expect(h.desk.snapshot().previews.map((p) => p.controlId)).toEqual(['1538']);
  });
});
