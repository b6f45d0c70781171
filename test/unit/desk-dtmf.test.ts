import { describe, expect, it } from 'vitest';
import type { DeskError, DtmfView } from '../../main/ipc/contract';
import {
  batchFailed,
  batchSent,
  callGone,
  DtmfDriver,
  emptyDtmf,
  enqueueDigits,
  takeBatch,
} from '../../main/desk/dtmf';
import { deferred, type Deferred } from '../desk/support/fake-gateway';
import { flush } from '../desk/support/fake-clock';

type Sent = { ok: true } | { ok: false; error: DeskError };
const boom: DeskError = { kind: 'timeout', phase: 'request' };

describe('DTMF queue (pure steps)', () => {
  it('takes at most 24 keys per request, in order', () => {
    let v = enqueueDigits(emptyDtmf(), '0123456789*#0123456789*#ABC'.replace('ABC', '99'));
    const first = takeBatch(v);
    expect(first.batch).toBe('0123456789*#0123456789*#');
    v = first.view;
    expect(takeBatch(v).batch).toBeNull(); // one request in flight
    v = batchSent(v);
    expect(v.sent).toBe('0123456789*#0123456789*#');
    expect(takeBatch(v).batch).toBe('99');
  });

  it('moves a failed batch and everything behind it to unsent, keeping order', () => {
    let v = enqueueDigits(emptyDtmf(), '123');
    v = takeBatch(v).view;
    v = enqueueDigits(v, '45');
    v = batchFailed(v, boom);
    expect(v).toEqual({ sent: '', inFlight: '', queued: '', unsent: '12345', error: boom });
  });

  it('reports queued keys as unsent when the call ends', () => {
    let v = takeBatch(enqueueDigits(emptyDtmf(), '1')).view;
    v = enqueueDigits(v, '23');
    v = callGone(v, boom);
    expect(v.inFlight).toBe('1');
    expect(v.unsent).toBe('23');
    expect(callGone(emptyDtmf(), boom)).toEqual(emptyDtmf());
  });
});

describe('DtmfDriver', () => {
  it('keeps one request in flight and sends keys pressed meanwhile together', async () => {
    const requests: Array<{ digits: string; d: Deferred<Sent> }> = [];
    const views: DtmfView[] = [];
    const driver = new DtmfDriver(
      null,
      (digits) => {
        const d = deferred<Sent>();
        requests.push({ digits, d });
        return d.promise;
      },
      (v) => views.push(v),
    );
    driver.press('1');
    driver.press('2');
    driver.press('3#');
    expect(requests.map((r) => r.digits)).toEqual(['1']);
    expect(driver.view.queued).toBe('23#');
    requests[0]?.d.resolve({ ok: true });
    await flush();
    expect(requests.map((r) => r.digits)).toEqual(['1', '23#']);
    requests[1]?.d.resolve({ ok: true });
    await flush();
    expect(driver.view).toEqual({
      sent: '123#',
      inFlight: '',
      queued: '',
      unsent: '',
      error: null,
    });
    expect(views.length).toBeGreaterThan(3);
  });

  it('never retries: a failure sends nothing more of what was queued', async () => {
    const sent: string[] = [];
    const driver = new DtmfDriver(
      null,
      async (digits) => {
        sent.push(digits);
        return sent.length === 1 ? { ok: false, error: boom } : { ok: true };
      },
      () => undefined,
    );
    driver.press('12');
    driver.press('34');
    await flush();
    expect(sent).toEqual(['12']);
    expect(driver.view.unsent).toBe('1234');
    driver.press('5');
    await flush();
    expect(sent).toEqual(['12', '5']);
    expect(driver.view.sent).toBe('5');
  });

  it('200 keys pressed one by one arrive once each, in order, ≤ 24 per request', async () => {
    const sent: string[] = [];
    const driver = new DtmfDriver(
      null,
      async (digits) => {
        sent.push(digits);
        await flush(1);
        return { ok: true };
      },
      () => undefined,
    );
    const keys = Array.from({ length: 200 }, (_, i) => '0123456789*#'[i % 12] ?? '0').join('');
    for (const k of keys) driver.press(k);
    for (let i = 0; i < 20; i += 1) await flush();
    expect(sent.join('')).toBe(keys);
    expect(Math.max(...sent.map((s) => s.length))).toBeLessThanOrEqual(24);
    expect(driver.view.sent).toBe(keys);
  });

  it('stops sending after close and reports the queue unsent', async () => {
    const d = deferred<Sent>();
    const sent: string[] = [];
    const driver = new DtmfDriver(
      null,
      (digits) => {
        sent.push(digits);
        return d.promise;
      },
      () => undefined,
    );
    driver.press('1');
    driver.press('2');
    driver.close(boom);
    d.resolve({ ok: true });
    await flush();
    expect(sent).toEqual(['1']);
    expect(driver.view).toEqual({ sent: '1', inFlight: '', queued: '', unsent: '2', error: boom });
  });
});
