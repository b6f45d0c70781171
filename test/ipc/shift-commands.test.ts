/**
 * The commands and settings issue #13 adds, through the real guard and handler table:
 * "decline and go not ready" (§3), stay on top (§7) and the administrator's reason lists (§2).
 */
import { describe, expect, it } from 'vitest';
import { commandChannels } from '../../main/ipc/contract';
import type { DeskResult } from '../../main/ipc/contract';
import { createCommandHandlers, dispatchCommand } from '../../main/ipc/handlers';
import { parseCommand } from '../../main/ipc/guards';
import { fakeHost } from './fakes';

describe('declinePreview with notReady', () => {
  it('passes the reason through to the core', async () => {
    const host = fakeHost();
    const handlers = createCommandHandlers(host);
    const req = { controlId: '42', notReady: { reason: 203 } };
    expect(await dispatchCommand(handlers, commandChannels.declinePreview, req)).toMatchObject({
      ok: true,
    });
    expect(host.desk.calls).toEqual([{ method: 'declinePreview', req }]);
  });

  it.each([
    [{ controlId: '42', notReady: { reason: 199 } }, 'notReady.reason: must be at least 200'],
    [{ controlId: '42', notReady: { reason: 251 } }, 'notReady.reason: must be at most 250'],
    [{ controlId: '42', notReady: { reason: '201' } }, 'notReady.reason: must be a number'],
    [{ controlId: '42', notReady: { reason: 201, extra: 1 } }, 'notReady.extra: unknown field'],
    [{ controlId: '42', notReady: [] }, 'notReady: must be an object'],
    [{ controlId: '42', notReady: null }, 'notReady: must be an object'],
  ])('refuses %j', (payload, detail) => {
    expect(parseCommand('declinePreview', payload)).toEqual({
      ok: false,
      error: { kind: 'invalid-request', detail },
    });
  });
});

describe('setStayOnTop', () => {
  it('applies the choice to the window, then keeps it in the settings', async () => {
    const applied: boolean[] = [];
    const host = fakeHost({
      applyStayOnTop: (onTop) => {
        applied.push(onTop);
        return { ok: true, value: undefined };
      },
    });
    const handlers = createCommandHandlers(host);
    expect(await handlers.setStayOnTop({ onTop: true })).toEqual({
      ok: true,
      value: { onTop: true },
    });
    expect(applied).toEqual([true]);
    expect(host.settings.values().stayOnTop).toBe(true);
    expect(await handlers.setStayOnTop({ onTop: false })).toMatchObject({ ok: true });
    expect(host.settings.values().stayOnTop).toBe(false);
  });

  it('saves nothing where there is no window to keep on top', async () => {
    const host = fakeHost({
      applyStayOnTop: (): DeskResult<void> => ({
        ok: false,
        error: { kind: 'refused', reason: 'not-available' },
      }),
    });
    const r = await createCommandHandlers(host).setStayOnTop({ onTop: true });
    expect(r).toEqual({ ok: false, error: { kind: 'refused', reason: 'not-available' } });
    expect(host.settings.values().stayOnTop).toBe(false);
  });

  it('puts the window back when the choice cannot be saved (locked by the administrator)', async () => {
    const applied: boolean[] = [];
    const host = fakeHost({
      applyStayOnTop: (onTop) => {
        applied.push(onTop);
        return { ok: true, value: undefined };
      },
    });
    host.settings.update = () => ({
      ok: false,
      error: { kind: 'refused', reason: 'setting-locked' },
    });
    const r = await createCommandHandlers(host).setStayOnTop({ onTop: true });
    expect(r).toEqual({ ok: false, error: { kind: 'refused', reason: 'setting-locked' } });
    expect(applied).toEqual([true, false]);
  });

  it('takes only {onTop: boolean}', () => {
    expect(parseCommand('setStayOnTop', { onTop: 'yes' })).toMatchObject({ ok: false });
    expect(parseCommand('setStayOnTop', {})).toMatchObject({ ok: false });
  });
});

describe("the administrator's lists in the settings", () => {
  it('accepts reason lists, rest minutes and a wrap-up maximum', async () => {
    const handlers = createCommandHandlers(fakeHost());
    const patch = {
      notReadyReasons: [{ code: 230, en: 'Team huddle', zh: '班前会' }],
      restReasons: [{ code: 0, en: 'Break', zh: '休息' }],
      restMinutes: [10, 20],
      wrapUpMaxSeconds: 120,
    };
    const r = await dispatchCommand(handlers, commandChannels.updateSettings, patch);
    expect(r).toMatchObject({ ok: true, value: { values: patch } });
  });

  it.each([
    [{ notReadyReasons: [{ code: 199, en: 'x', zh: 'x' }] }, 'notReadyReasons.0.code'],
    [{ notReadyReasons: [{ code: 200, en: '', zh: 'x' }] }, 'notReadyReasons.0.en'],
    [{ notReadyReasons: [{ code: 200, en: 'a\nb', zh: 'x' }] }, 'notReadyReasons.0.en'],
    [
      {
        notReadyReasons: [
          { code: 200, en: 'a', zh: 'a' },
          { code: 200, en: 'b', zh: 'b' },
        ],
      },
      'notReadyReasons: codes must differ',
    ],
    [{ restReasons: [{ code: 256, en: 'x', zh: 'x' }] }, 'restReasons.0.code'],
    [{ restMinutes: [] }, 'restMinutes: must offer at least one duration'],
    [{ restMinutes: [0] }, 'restMinutes.0'],
    [{ restMinutes: [1440] }, 'restMinutes.0'],
    [{ wrapUpMaxSeconds: 3601 }, 'wrapUpMaxSeconds'],
    [{ stayOnTop: 'yes' }, 'stayOnTop'],
  ])('refuses %j', (payload, detail) => {
    const r = parseCommand('updateSettings', payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.detail).toContain(detail);
  });
});
