/**
 * Continuity as the agent sees it (issue #11), in both languages: the status bar while the desk
 * signs in again (Stop, Sign in now), the banner's cause, the retake question, the reasons the
 * desk did not sign in again, what Recent and the call panel say, and the announcements.
 */
import { fireEvent, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import CallPanel from '../../renderer/components/call/CallPanel.svelte';
import RecentList from '../../renderer/components/queue/RecentList.svelte';
import ConnectionBanner from '../../renderer/components/session/ConnectionBanner.svelte';
import ConnectionStatus from '../../renderer/components/session/ConnectionStatus.svelte';
import SignIn from '../../renderer/components/session/SignIn.svelte';
import SignOutNotice from '../../renderer/components/session/SignOutNotice.svelte';
import StatusBar from '../../renderer/components/session/StatusBar.svelte';
import type { DeskSnapshot, Locale, SignInAgainView, SignOutReason } from '../../main/ipc/contract';
import {
  FakeDesk,
  makeCall,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  signedOutSnapshot,
  t0,
} from './fake-desk';
import { renderIn, setup } from './harness';

afterEach(() => {
  delete window.desk;
});

function againView(over: Partial<SignInAgainView> = {}): SignInAgainView {
  return {
    loss: 'restart',
    since: t0,
    attempt: 1,
    attempting: false,
    nextAttemptAt: t0 + 4_000,
    until: t0 + 600_000,
    gateway: 'primary',
    oldSessionEndsBy: null,
    lastError: { kind: 'network', code: 'ECONNREFUSED', detail: '' },
    ...over,
  };
}

function signingInAgain(view = againView()): DeskSnapshot {
  const base = makeSnapshot();
  return makeSnapshot({
    session: { ...base.session, phase: 'signing-in-again', signInAgain: view },
    connection: {
      ...base.connection,
      health: 'reconnecting',
      gateway: null,
      nextAttemptAt: view.nextAttemptAt,
      error: view.lastError,
    },
    agent: { ...base.agent, state: 'signed-out' },
  });
}

async function withLocale(locale: Locale, snapshot: DeskSnapshot) {
  return setup(
    new FakeDesk(snapshot, makeSettingsView({ values: makeSettings({ language: locale }) })),
  );
}

describe('the status bar while signing in again', () => {
  it.each([
    ['en', 'Signing in again (attempt 2, next in 4 s)', 'Stop', 'Sign in now'],
    ['zh-CN', '正在重新签入（第 2 次，4 秒后再试）', '停止', '立即签入'],
  ] as const)('says "%s"-style status with Stop and Sign in now', async (lang, text, stop, now) => {
    const h = await withLocale(lang, signingInAgain());
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    const status = screen.getByTestId('sign-in-again-status');
    // It counts down every second: not a live region (the announcer speaks once).
    expect(status.closest('[aria-live],[role="status"],[role="alert"]')).toBeNull();
    expect(status.textContent).toContain(text);
    expect(screen.getByTestId('sign-in-again-stop').textContent).toContain(stop);
    expect(screen.getByTestId('sign-in-again-now').textContent).toContain(now);
    // No session: no state to change, and Stop takes the place of Sign out.
    expect(screen.queryByTestId('sign-out')).toBeNull();
    expect(screen.queryByTestId('agent-state')).toBeNull();
    h.setNow(1_500);
    expect(status.textContent).toContain(lang === 'en' ? 'next in 3 s' : '3 秒后再试');
    await fireEvent.click(screen.getByTestId('sign-in-again-now'));
    await fireEvent.click(screen.getByTestId('sign-in-again-stop'));
    expect(h.fake.callsOf('signInAgainNow')).toEqual([{}]);
    expect(h.fake.callsOf('stopSigningInAgain')).toEqual([undefined]);
  });

  it('shows an attempt running, and where it goes', async () => {
    const h = await setup(
      new FakeDesk(signingInAgain(againView({ attempting: true, attempt: 3, gateway: 'backup' }))),
    );
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    const status = screen.getByTestId('sign-in-again-status');
    expect(status.textContent).toContain('Signing in again (attempt 3)…');
    expect(status.textContent).toContain('on the backup gateway');
    expect((screen.getByTestId('sign-in-again-now') as HTMLButtonElement).disabled).toBe(true);
  });

  it('starts each loss without the refusals of the last one', async () => {
    const lost = signingInAgain();
    const h = await setup(new FakeDesk(lost));
    h.fake.fail('signInAgainNow', { kind: 'network', code: 'ECONNREFUSED', detail: '' });
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    await fireEvent.click(screen.getByTestId('sign-in-again-now'));
    await screen.findByTestId('sign-in-again-error');
    // Back by itself, then lost again later: the old "Sign in now" failure is not news.
    const live = makeSnapshot();
    h.fake.push({ session: live.session, connection: live.connection, agent: live.agent });
    flushSync();
    h.fake.push({ session: lost.session, connection: lost.connection, agent: lost.agent });
    flushSync();
    expect(screen.getByTestId('sign-in-again')).toBeTruthy();
    expect(screen.queryByTestId('sign-in-again-error')).toBeNull();
  });

  it('says the desk is on the backup gateway once there', async () => {
    const base = makeSnapshot();
    const h = await setup(
      new FakeDesk(makeSnapshot({ connection: { ...base.connection, gateway: 'backup' } })),
    );
    renderIn(h, ConnectionStatus, {});
    expect(screen.getByTestId('connection-backup').textContent).toContain('backup gateway');
  });
});

describe('the banner while signing in again', () => {
  it.each([
    ['restart', 'en', 'The gateway restarted and ended your session.'],
    ['timeout', 'en', 'after 2 minutes without contact'],
    ['gateway-down', 'zh-CN', '网关已停止应答。'],
    ['unreachable', 'zh-CN', '无法连接网关。'],
  ] as const)('names the loss (%s, %s)', async (loss, lang, words) => {
    const h = await withLocale(lang, signingInAgain(againView({ loss })));
    renderIn(h, ConnectionBanner, {});
    const banner = screen.getByTestId('connection-banner');
    expect(banner.dataset['cause']).toBe('signing-in-again');
    expect(banner.textContent).toContain(words);
    expect(banner.textContent).toContain('ECONNREFUSED');
  });

  it('says when the other gateway will be tried while the old session may live', async () => {
    const h = await setup(
      new FakeDesk(
        signingInAgain(againView({ loss: 'unreachable', oldSessionEndsBy: t0 + 9_000 })),
      ),
    );
    renderIn(h, ConnectionBanner, {});
    expect(screen.getByTestId('sign-in-again-waiting').textContent).toContain('after 9 s');
  });
});

describe('the sign-in screen after signing in again ended', () => {
  const reasons: Array<[SignOutReason, string, string]> = [
    [{ kind: 'elsewhere' }, 'signed in on another desk', '已在另一台工作台签入'],
    [{ kind: 'supervisor' }, 'A supervisor ended your session', '班长结束了您的会话'],
    [
      {
        kind: 'not-signed-in-again',
        loss: 'restart',
        end: 'refused',
        error: {
          kind: 'gateway',
          retcode: '100-004',
          message: '',
          text: { en: 'Wrong user name or password', zh: '用户名或密码错误' },
        },
      },
      'refused to sign you in again',
      '拒绝了自动重新签入',
    ],
    [
      { kind: 'not-signed-in-again', loss: 'timeout', end: 'gave-up', error: null },
      'could not sign you in again in the time allowed',
      '未能自动重新签入',
    ],
    [
      { kind: 'not-signed-in-again', loss: 'restart', end: 'must-change-password', error: null },
      'change your password',
      '修改密码',
    ],
    [
      { kind: 'not-signed-in-again', loss: 'gateway-down', end: 'stopped', error: null },
      'You stopped signing in again',
      '您已停止自动重新签入',
    ],
  ];

  it.each(reasons)('says why: %o', async (reason, en, zh) => {
    for (const [lang, words] of [
      ['en', en],
      ['zh-CN', zh],
    ] as const) {
      const h = await withLocale(lang, signedOutSnapshot());
      const { unmount } = renderIn(h, SignOutNotice, { reason });
      const notice = screen.getByTestId('sign-out-reason');
      expect(notice.dataset['reason']).toBe(reason.kind);
      expect(notice.textContent).toContain(words);
      if (reason.kind === 'not-signed-in-again' && reason.error !== null) {
        expect(notice.textContent).toContain('100-004');
      }
      unmount();
    }
  });

  it('asks before signing in here (never forced): Sign in here forces, Not now declines', async () => {
    const base = signedOutSnapshot();
    const snapshot = signedOutSnapshot({
      session: {
        ...base.session,
        lastSignOut: { kind: 'elsewhere' },
        retake: { agentId: '1001', until: t0 + 600_000 },
      },
    });
    const h = await setup(new FakeDesk(snapshot));
    renderIn(h, SignIn, { onOpenSettings: () => undefined });
    const question = screen.getByTestId('sign-in-retake');
    expect(question.getAttribute('role')).toBe('alertdialog');
    expect(question.textContent).toContain('agent 1001 is signed in elsewhere');
    expect(document.activeElement).toBe(screen.getByTestId('sign-in-retake-confirm'));
    expect(screen.queryByTestId('sign-in-submit')).toBeNull();
    await fireEvent.click(screen.getByTestId('sign-in-retake-confirm'));
    expect(h.fake.callsOf('signInAgainNow')).toEqual([{ force: true }]);
    await fireEvent.click(screen.getByTestId('sign-in-retake-cancel'));
    expect(h.fake.callsOf('stopSigningInAgain')).toHaveLength(1);
  });
});

describe('what comes back', () => {
  it.each([
    ['en', 'Withdrawn: gateway restarted', 'Called 900 — lost with the gateway'],
    ['zh-CN', '已撤回：网关已重启', '已拨打 900——随网关丢失'],
  ] as const)('Recent says withdrawn with the cause and call lost (%s)', async (lang, a, b) => {
    const snapshot = makeSnapshot({
      recent: [
        {
          controlId: '71',
          numbers: ['700'],
          receivedAt: t0,
          endedAt: t0 + 1,
          outcome: { kind: 'withdrawn', loss: 'restart' },
        },
        {
          controlId: '72',
          numbers: ['900'],
          receivedAt: t0,
          endedAt: t0 + 2,
          outcome: { kind: 'called', number: '900', result: 'lost', failure: null },
        },
      ],
    });
    const h = await withLocale(lang, snapshot);
    renderIn(h, RecentList, {});
    const items = screen.getAllByTestId('recent-item').map((i) => i.textContent ?? '');
    expect(items.some((t) => t.includes(a))).toBe(true);
    expect(items.some((t) => t.includes(b))).toBe(true);
  });

  it('the call panel says a call was lost with the gateway', async () => {
    const h = await setup(
      new FakeDesk(
        makeSnapshot({
          call: { ...makeCall({ phase: 'ended', endedAt: t0 + 5 }), lostWithGateway: true },
        }),
      ),
    );
    renderIn(h, CallPanel, {});
    expect(screen.getByTestId('call-lost').textContent).toContain('Call lost with the gateway');
  });
});

describe('announcements', () => {
  it('says the loss once, assertively, and the return politely', async () => {
    const h = await setup(new FakeDesk(makeSnapshot()));
    const lost = signingInAgain();
    h.fake.push(lost);
    flushSync();
    expect(h.ctx.announcer.assertive).toBe(
      'The session with the gateway was lost. Signing in again.',
    );
    h.fake.push(makeSnapshot());
    flushSync();
    expect(h.ctx.announcer.assertive).toBe('');
    expect(h.ctx.announcer.polite).toContain('Signed in again.');
    expect(h.ctx.announcer.polite).not.toContain('Connection to the gateway is back.');
  });
});
