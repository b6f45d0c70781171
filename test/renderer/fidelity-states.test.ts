/**
 * The states issue #9 adds, as the agent sees them, in both languages: a preview waiting for
 * numbers, one that may have been withdrawn, a dial that may not have reached the gateway,
 * wrap-up with its one key back to ready, a supervisor's not-ready, a sign-out refused during
 * a call, an overdue poll and a session being checked, and a sign-out the desk confirmed.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import PreviewQueue from '../../renderer/components/queue/PreviewQueue.svelte';
import ConnectionBanner from '../../renderer/components/session/ConnectionBanner.svelte';
import SignOutNotice from '../../renderer/components/session/SignOutNotice.svelte';
import StatusBar from '../../renderer/components/session/StatusBar.svelte';
import type { ConnectionView, DeskSnapshot, Locale, SignOutReason } from '../../main/ipc/contract';
import {
  FakeDesk,
  makePreview,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  t0,
} from './fake-desk';
import { renderApp, renderIn, setup } from './harness';

const netErr = { kind: 'network', code: 'ECONNRESET', detail: '' } as const;

async function withLocale(locale: Locale, snapshot: DeskSnapshot) {
  return setup(
    new FakeDesk(snapshot, makeSettingsView({ values: makeSettings({ language: locale }) })),
  );
}

afterEach(() => {
  delete window.desk;
});

describe('preview cards (§7.1, §5.1)', () => {
  it.each([
    ['en', 'Waiting for the numbers from the dialler', 'Preview 1536, numbers to follow'],
    ['zh-CN', '正在等待外呼系统发送号码', '预览 1536，号码稍后送达'],
  ] as const)(
    'shows a preview with no number as waiting, with no Call (%s)',
    async (lang, note, title) => {
      const h = await withLocale(
        lang,
        makeSnapshot({ previews: [makePreview('1536', { numbers: [] })] }),
      );
      renderIn(h, PreviewQueue, {});
      const card = within(screen.getByTestId('preview-card'));
      expect(card.getByTestId('preview-awaiting').textContent).toContain(note);
      expect(card.getByRole('heading', { level: 3 }).textContent).toContain(title);
      expect(card.queryByTestId('preview-call')).toBeNull();
      expect(card.queryAllByRole('radio')).toEqual([]);
      expect(card.getByTestId('preview-decline')).toBeTruthy();
    },
  );

  it.each([
    ['en', 'may have withdrawn this preview'],
    ['zh-CN', '可能已撤回此预览'],
  ] as const)(
    'marks a preview that may have been withdrawn, still callable (%s)',
    async (lang, note) => {
      const h = await withLocale(
        lang,
        makeSnapshot({ previews: [makePreview('1536', { mayBeWithdrawn: true })] }),
      );
      renderIn(h, PreviewQueue, {});
      const card = within(screen.getByTestId('preview-card'));
      expect(card.getByTestId('preview-may-be-withdrawn').textContent).toContain(note);
      const call = card.getByTestId('preview-call') as HTMLButtonElement;
      expect(call.disabled).toBe(false);
      await fireEvent.click(call);
      expect(h.fake.callsOf('dialPreview')).toEqual([{ controlId: '1536', number: '13800000001' }]);
    },
  );

  it.each([
    ['en', 'may not have reached the gateway', 'Call 13800000002 again'],
    ['zh-CN', '可能未到达网关', '重新拨打 13800000002'],
  ] as const)(
    'offers Call again or Decline after a dial that may not have gone through (%s)',
    async (lang, note, again) => {
      const h = await withLocale(
        lang,
        makeSnapshot({
          previews: [
            makePreview('1536', {
              dialUncertain: { number: '13800000002', error: netErr, at: t0 },
              mayBeWithdrawn: true,
            }),
          ],
        }),
      );
      renderIn(h, PreviewQueue, {});
      const card = within(screen.getByTestId('preview-card'));
      expect(card.getByTestId('preview-dial-uncertain').textContent).toContain(note);
      // One note at a time: the uncertain dial says what matters.
      expect(card.queryByTestId('preview-may-be-withdrawn')).toBeNull();
      await fireEvent.click(card.getAllByRole('radio')[1]!);
      expect(card.getByTestId('preview-call').textContent).toContain(again);
      await fireEvent.click(card.getByTestId('preview-call'));
      await fireEvent.click(card.getByTestId('preview-decline'));
      expect(h.fake.callsOf('dialPreview')).toEqual([{ controlId: '1536', number: '13800000002' }]);
      expect(h.fake.callsOf('declinePreview')).toEqual([{ controlId: '1536' }]);
    },
  );
});

describe('agent state the gateway decides (§3.1, §3.6, §7.3)', () => {
  const wrapUp = (pending = false) =>
    makeSnapshot({
      agent: {
        ...makeSnapshot().agent,
        state: 'wrap-up',
        pending: pending ? { state: 'ready' } : null,
      },
    });

  it.each([
    ['en', 'Ready'],
    ['zh-CN', '示闲'],
  ] as const)('shows wrap-up with one button back to ready (%s)', async (lang, label) => {
    const h = await withLocale(lang, wrapUp());
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    expect(screen.getByTestId('agent-state').dataset['state']).toBe('wrap-up');
    const ready = screen.getByTestId('wrap-up-ready-button') as HTMLButtonElement;
    expect(ready.textContent).toContain(label);
    expect(ready.textContent).toContain('F2');
    await fireEvent.click(ready);
    expect(h.fake.callsOf('setAgentState')).toEqual([{ state: 'ready' }]);
  });

  it('keeps showing wrap-up, with ready pending, until the gateway ends it', async () => {
    const h = await withLocale('en', wrapUp(true));
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    const ready = screen.getByTestId('wrap-up-ready-button') as HTMLButtonElement;
    expect(ready.disabled).toBe(true);
    expect(ready.textContent).toContain('Getting ready');
    expect(screen.getByTestId('agent-state-name').textContent).toBe('Wrap-up');
    h.fake.push({ agent: { ...makeSnapshot().agent, state: 'ready' } });
    flushSync();
    expect(screen.queryByTestId('wrap-up-ready')).toBeNull();
  });

  it('goes back to ready with F2 in wrap-up, and only then', async () => {
    const fake = new FakeDesk(makeSnapshot());
    await renderApp(fake);
    await fireEvent.keyDown(window, { key: 'F2' });
    expect(fake.callsOf('setAgentState')).toEqual([]);
    fake.push(wrapUp());
    flushSync();
    await fireEvent.keyDown(window, { key: 'F2' });
    expect(fake.callsOf('setAgentState')).toEqual([{ state: 'ready' }]);
  });

  it.each([
    ['en', 'Set by a supervisor'],
    ['zh-CN', '由班长设置'],
  ] as const)('shows a not-ready set by a supervisor (%s)', async (lang, text) => {
    const h = await withLocale(
      lang,
      makeSnapshot({
        agent: { ...makeSnapshot().agent, state: 'not-ready', reason: 3, bySupervisor: true },
      }),
    );
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    expect(screen.getByTestId('agent-state-by-supervisor').textContent).toBe(text);
  });

  it.each([
    ['en', 'the gateway has a call up'],
    ['zh-CN', '网关上有通话进行中'],
  ] as const)('says why a sign-out was refused during a call (%s)', async (lang, text) => {
    const h = await withLocale(lang, makeSnapshot());
    h.fake.fail('signOut', { kind: 'refused', reason: 'call-up-at-gateway', detail: '100-010' });
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    await fireEvent.click(screen.getByTestId('sign-out'));
    const error = await screen.findByTestId('sign-out-error');
    expect(error.textContent).toContain(text);
    expect(error.textContent).toContain('100-010');
  });
});

describe('connection health causes (§4.1, §2.2)', () => {
  const connection = (overrides: Partial<ConnectionView>): ConnectionView => ({
    ...makeSnapshot().connection,
    ...overrides,
  });

  it.each([
    ['en', 'has not answered for 20 s (it usually answers within 10 s)'],
    ['zh-CN', '网关已 20 秒未应答（通常在 10 秒内应答）'],
  ] as const)('explains a hung poll (%s)', async (lang, text) => {
    const h = await withLocale(
      lang,
      makeSnapshot({
        connection: connection({
          health: 'degraded',
          cause: { kind: 'poll-overdue', since: t0, usualHoldMs: 10_000 },
        }),
      }),
    );
    renderIn(h, ConnectionBanner, {});
    h.setNow(20_000);
    const banner = screen.getByTestId('connection-banner');
    expect(banner.dataset['cause']).toBe('poll-overdue');
    expect(banner.textContent).toContain(text);
  });

  it.each([
    ['en', 'Checking before signing you out (2 of 3)'],
    ['zh-CN', '第 2 次，共 3 次'],
  ] as const)('explains a session being checked (%s)', async (lang, text) => {
    const h = await withLocale(
      lang,
      makeSnapshot({
        connection: connection({
          health: 'degraded',
          error: {
            kind: 'signed-out',
            retcode: '100-006',
            message: '',
            text: { en: 'Not signed in.', zh: '未签入。' },
          },
          cause: { kind: 'checking-session', retcode: '100-006', attempt: 2, attempts: 3 },
        }),
      }),
    );
    renderIn(h, ConnectionBanner, {});
    const banner = screen.getByTestId('connection-banner');
    expect(banner.textContent).toContain(text);
    expect(banner.textContent).toContain('100-006');
  });

  it.each([
    ['en', 'checked 3 times over 8 s'],
    ['zh-CN', '在 8 秒内核实 3 次'],
  ] as const)('says how the desk confirmed a sign-out by the gateway (%s)', async (lang, text) => {
    const h = await withLocale(lang, makeSnapshot());
    const reason: SignOutReason = {
      kind: 'kicked',
      retcode: '100-006',
      confirmed: { attempts: 3, seconds: 8 },
    };
    renderIn(h, SignOutNotice, { reason });
    const notice = screen.getByTestId('sign-out-reason');
    expect(notice.textContent).toContain(text);
    expect(notice.textContent).toContain('100-006');
  });
});
