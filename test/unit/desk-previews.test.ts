import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from '../desk/support/desk-harness';
import { deferred, ev, fail, netErr, ok, preview, retcode } from '../desk/support/fake-gateway';
import type { Result } from '../../main/gateway/types';
import { flush } from '../desk/support/fake-clock';
import { PREVIEW_QUEUE_MAX, RECENT_MAX, RELEASE_EXPECTED_MS } from '../../main/desk/previews';

describe('desk previews', () => {
  it('queues previews in order with exact controlIds, numbers and parsed call data', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(
      preview('9007199254740993', ['100', '101'], '{"name":"Ann"}'),
      preview('2', ['200'], 'a=1;b=2'),
    );
    await flush();
    const [a, b] = h.desk.snapshot().previews;
    expect(a).toEqual(
      expect.objectContaining({
        controlId: '9007199254740993',
        numbers: ['100', '101'],
        callData: { kind: 'fields', fields: [{ key: 'name', value: 'Ann' }] },
        dialling: null,
        countdown: null,
      }),
    );
    expect(b?.controlId).toBe('2');
  });

  it('dials exactly once for concurrent clicks and refuses what the policy forbids', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    const reply = deferred<Result<{ callId: string }>>();
    gw.handlers.previewCallout = () => reply.promise;
    gw.emit(preview('1', ['100', '101']), preview('2', ['200']));
    await flush();
    expect(await h.desk.dialPreview({ controlId: '1', number: '999' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'number-not-offered' },
    });
    const clicks = [1, 2, 3].map(() => h.desk.dialPreview({ controlId: '1', number: '101' }));
    expect(clicks[1]).toBe(clicks[0]);
    expect(await h.desk.dialPreview({ controlId: '2', number: '200' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'preview-busy' },
    });
    expect(h.desk.snapshot().previews[0]?.dialling).toEqual({ number: '101' });
    expect(h.desk.snapshot().call?.phase).toBe('dialling');
    reply.resolve(ok({ callId: 'c-1' }));
    const results = await Promise.all(clicks);
    expect(results).toEqual([1, 2, 3].map(() => ({ ok: true, value: { callId: 'c-1' } })));
    expect(gw.count('previewCallout')).toBe(1);
    expect(gw.calls.find((c) => c.method === 'previewCallout')?.args).toEqual(['1', '101']);
    const s = h.desk.snapshot();
    expect(s.previews.map((p) => p.controlId)).toEqual(['2']);
    expect(s.call).toEqual(
      expect.objectContaining({ callId: 'c-1', controlId: '1', number: '101' }),
    );
    expect(await h.desk.dialPreview({ controlId: '2', number: '200' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'preview-busy' },
    });
    expect(await h.desk.dialPreview({ controlId: 'nope', number: '1' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'preview-unknown' },
    });
  });

  it('follows the call to its end and records the outcome in recent', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => ok({ callId: 'c' });
    gw.emit(preview('1', ['100']));
    await flush();
    await h.desk.dialPreview({ controlId: '1', number: '100' });
    gw.emit(
      ev('phone-alerting', {}),
      ev('customer-alerting', { callId: 'c', otherPhone: '100' }),
      ev('talking', { callId: 'c', caller: '', called: '100', feature: 44 }),
    );
    await flush();
    expect(h.desk.snapshot().call?.phase).toBe('talking');
    expect((await h.desk.holdCall()).ok).toBe(true);
    gw.emit(ev('hold', { callId: 'c' }));
    await flush();
    expect(h.desk.snapshot().call?.phase).toBe('held');
    expect(await h.desk.sendDigits({ digits: '1' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'not-talking' },
    });
    expect((await h.desk.unholdCall()).ok).toBe(true);
    expect(gw.calls.find((c) => c.method === 'getHold')?.args).toEqual(['c']);
    gw.emit(ev('talking', { callId: 'c', caller: '', called: '100', feature: 44 }));
    await flush();
    gw.handlers.release = () => fail(retcode('200-017'));
    expect(await h.desk.hangUp()).toEqual({ ok: true, value: undefined });
    const s = h.desk.snapshot();
    expect(s.call?.phase).toBe('ended');
    expect(s.recent[0]).toEqual(
      expect.objectContaining({
        controlId: '1',
        outcome: { kind: 'called', number: '100', result: 'talked', failure: null },
      }),
    );
  });

  it('updates a failure with a cause that arrives after it', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(preview('1', ['100']));
    await flush();
    await h.desk.dialPreview({ controlId: '1', number: '100' });
    gw.emit(
      ev('call-out-fail', { callId: 'c' }),
      ev('outbound-detect', { callId: 'c', cause: 1552, description: 'no answer' }),
    );
    await flush();
    const failure = { cause: 1552, description: 'no answer', event: 'call-out-fail' };
    expect(h.desk.snapshot().call?.failure).toEqual(failure);
    expect(h.desk.snapshot().recent[0]?.outcome).toEqual({
      kind: 'called',
      number: '100',
      result: 'failed',
      failure,
    });
  });

  it('withdraws on 200-036 at dial time, keeps the preview on other refusals', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(preview('1', ['100']), preview('2', ['200']), preview('3', ['300']));
    await flush();
    gw.handlers.previewCallout = () => fail(retcode('200-036'));
    expect((await h.desk.dialPreview({ controlId: '1', number: '100' })).ok).toBe(false);
    gw.handlers.previewCallout = () => fail(retcode('200-001'));
    expect((await h.desk.dialPreview({ controlId: '2', number: '200' })).ok).toBe(false);
    gw.handlers.previewCallout = () => fail(netErr);
    expect((await h.desk.dialPreview({ controlId: '3', number: '300' })).ok).toBe(false);
    const s = h.desk.snapshot();
    // A lost answer retires nothing (item 12): 3 stays, marked uncertain.
    expect(
      s.previews.map((p) => [p.controlId, p.dialling, p.dialUncertain?.number ?? null]),
    ).toEqual([
      ['2', null, null],
      ['3', null, '300'],
    ]);
    expect(s.recent.map((r) => [r.controlId, r.outcome.kind])).toEqual([['1', 'withdrawn']]);
    expect(s.call).toBeNull();
  });

  it('declines once, and attributes the release to the decline, not to the next preview', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    const reply = deferred<Result<void>>();
    gw.handlers.cancelPreviewCallout = () => reply.promise;
    gw.emit(preview('1', ['100']), preview('2', ['200']));
    await flush();
    const a = h.desk.declinePreview({ controlId: '1' });
    expect(h.desk.declinePreview({ controlId: '1' })).toBe(a);
    expect(h.desk.snapshot().previews[0]?.declining).toBe(true);
    reply.resolve(ok(undefined));
    expect((await a).ok).toBe(true);
    gw.emit(ev('preview-released', {}));
    await flush();
    expect(h.desk.snapshot().previews.map((p) => p.controlId)).toEqual(['2']);
    gw.emit(ev('preview-released', {}));
    await flush();
    const s = h.desk.snapshot();
    expect(s.previews).toEqual([]);
    expect(s.recent.map((r) => r.outcome)).toEqual([
      { kind: 'withdrawn' },
      { kind: 'declined', auto: false },
    ]);
    expect(gw.count('cancelPreviewCallout')).toBe(1);
  });

  it('keeps expecting the release of a decline across new offers, but not for ever', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(preview('1', ['100']));
    await flush();
    expect((await h.desk.declinePreview({ controlId: '1' })).ok).toBe(true);
    // A new offer before the release arrives must not make the release withdraw it.
    gw.emit(preview('2', ['200']), ev('preview-released', {}));
    await flush();
    expect(h.desk.snapshot().previews.map((p) => p.controlId)).toEqual(['2']);
    // A decline whose release never comes: after RELEASE_EXPECTED_MS a release withdraws.
    gw.emit(preview('3', ['300']));
    await flush();
    expect((await h.desk.declinePreview({ controlId: '2' })).ok).toBe(true);
    await h.clock.advance(RELEASE_EXPECTED_MS + 1);
    gw.emit(ev('preview-released', {}));
    await flush();
    expect(h.desk.snapshot().previews).toEqual([]);
    expect(h.desk.snapshot().recent[0]).toEqual(
      expect.objectContaining({ controlId: '3', outcome: { kind: 'withdrawn' } }),
    );
  });

  it("never withdraws while a dial is in flight: the release may be the dial's (§7.1)", async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => new Promise(() => undefined);
    gw.emit(preview('1', ['100']), preview('2', ['200']));
    await flush();
    void h.desk.dialPreview({ controlId: '1', number: '100' });
    gw.emit(ev('preview-released', {}));
    await flush();
    const s = h.desk.snapshot();
    expect(s.previews.map((p) => [p.controlId, p.mayBeWithdrawn])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    expect(s.recent).toEqual([]);
  });

  it.each([
    ['decline', 'cancelPreviewCallout', ['7']],
    ['dial-first', 'previewCallout', ['7', '700']],
  ] as const)(
    'runs the countdown action %s once when the countdown ends',
    async (action, method, args) => {
      const h = makeDesk({ countdown: () => ({ seconds: 10, action }) });
      const gw = await signedIn(h);
      const t0 = h.clock.now();
      gw.emit(preview('7', ['700', '701']));
      await flush();
      expect(h.desk.snapshot().previews[0]?.countdown).toEqual({ endsAt: t0 + 10_000, action });
      await h.clock.advance(9_999);
      expect(gw.count(method)).toBe(0);
      await h.clock.advance(1);
      expect(gw.count(method)).toBe(1);
      expect(gw.calls.find((c) => c.method === method)?.args).toEqual(args);
      if (action === 'decline')
        expect(h.desk.snapshot().recent[0]?.outcome).toEqual({ kind: 'declined', auto: true });
    },
  );

  it('cancels the countdown when the agent dials first', async () => {
    const h = makeDesk({ countdown: () => ({ seconds: 5, action: 'decline' }) });
    const gw = await signedIn(h);
    gw.emit(preview('7', ['700']));
    await flush();
    await h.desk.dialPreview({ controlId: '7', number: '700' });
    await h.clock.advance(10_000);
    expect(gw.count('cancelPreviewCallout')).toBe(0);
  });

  it('sets agent state by command, pending until the event', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('state-ready', {}));
    await flush();
    expect(await h.desk.setAgentState({ state: 'not-ready', reason: 300 })).toEqual({
      ok: false,
      error: { kind: 'invalid-request', detail: 'busy reason must be 200–250' },
    });
    await h.desk.setAgentState({ state: 'not-ready', reason: 201 });
    expect(gw.calls.at(-1)).toEqual({ method: 'sayBusy', args: [201, undefined] });
    expect(h.desk.snapshot().agent).toEqual(
      expect.objectContaining({ state: 'ready', pending: { state: 'not-ready', reason: 201 } }),
    );
    gw.emit(ev('state-not-ready', { reason: 201 }));
    await flush();
    expect(h.desk.snapshot().agent).toEqual(
      expect.objectContaining({ state: 'not-ready', reason: 201, pending: null }),
    );
    await h.desk.setAgentState({ state: 'ready' });
    expect(gw.calls.at(-1)?.method).toBe('cancelBusy');
    gw.emit(ev('state-not-ready-cancelled', {}));
    await flush();
    await h.desk.setAgentState({ state: 'rest', seconds: 600, reason: 3 });
    expect(gw.calls.at(-1)).toEqual({ method: 'rest', args: [600, 3] });
    const t = h.clock.now();
    gw.emit(ev('state-rest', { reason: 3 }), ev('state-rest-timeout', {}));
    await flush();
    expect(h.desk.snapshot().agent).toEqual(
      expect.objectContaining({
        state: 'rest',
        restEndsAt: t + 600_000,
        restOverdue: true,
        pending: null,
      }),
    );
    await h.desk.setAgentState({ state: 'ready' });
    expect(gw.calls.at(-1)?.method).toBe('cancelRest');
    gw.handlers.work = () => fail(retcode('100-009'));
    expect((await h.desk.setAgentState({ state: 'wrap-up' })).ok).toBe(false);
    expect(h.desk.snapshot().agent.pending).toBeNull();
  });

  it('sends DTMF only while talking, batching keys pressed during a request', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    expect(await h.desk.sendDigits({ digits: '1' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'no-call' },
    });
    gw.emit(ev('talking', { callId: 'c', caller: '', called: '100', feature: 44 }));
    await flush();
    const first = deferred<Result<void>>();
    let n = 0;
    gw.handlers.secondDialEx = () => (++n === 1 ? first.promise : ok(undefined));
    expect(await h.desk.sendDigits({ digits: '12x' })).toEqual({
      ok: false,
      error: { kind: 'invalid-request', detail: 'keys must be 0-9, * or #' },
    });
    for (const k of '1234#') expect((await h.desk.sendDigits({ digits: k })).ok).toBe(true);
    expect(h.desk.snapshot().call?.dtmf).toEqual({
      sent: '',
      inFlight: '1',
      queued: '234#',
      unsent: '',
      error: null,
    });
    first.resolve(ok(undefined));
    await flush();
    expect(gw.calls.filter((c) => c.method === 'secondDialEx').map((c) => c.args[0])).toEqual([
      '1',
      '234#',
    ]);
    expect(h.desk.snapshot().call?.dtmf.sent).toBe('1234#');
    gw.handlers.secondDialEx = () => fail(netErr);
    await h.desk.sendDigits({ digits: '99' });
    await flush();
    expect(h.desk.snapshot().call?.dtmf).toEqual(
      expect.objectContaining({ unsent: '99', error: netErr }),
    );
  });

  it('keeps the queue and the recent list bounded', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    for (let i = 0; i < 130; i += 1) gw.emit(preview(String(1000 + i), ['100']));
    await flush();
    const s = h.desk.snapshot();
    expect(s.previews).toHaveLength(PREVIEW_QUEUE_MAX);
    expect(s.previews[0]?.controlId).toBe(String(1000 + 130 - PREVIEW_QUEUE_MAX));
    expect(s.recent).toHaveLength(RECENT_MAX);
    // The overflow is handed back to the dialler: declined through the gateway, never
    // dropped while the gateway still holds it.
    expect(s.recent[0]?.outcome).toEqual({ kind: 'declined', auto: true });
    expect(gw.calls.filter((c) => c.method === 'cancelPreviewCallout')).toHaveLength(
      130 - PREVIEW_QUEUE_MAX,
    );
  });
});
