import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { PasswordFacts, SessionView, SignedIn } from '../../main/ipc/contract';
import App from '../../renderer/App.svelte';
import { DeskState, passwordNoticeOf } from '../../renderer/lib/state/desk-state.svelte';
import {
  FakeDesk,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  signedOutSnapshot,
  t0,
} from './fake-desk';

afterEach(() => {
  delete window.desk;
});

function facts(overrides: Partial<PasswordFacts> = {}): PasswordFacts {
  return { mustChange: false, daysLeft: null, ...overrides };
}

/** The session main publishes once signed in, carrying the password facts. */
function sessionWith(password: PasswordFacts, signedInAt = t0): SessionView {
  return { ...makeSnapshot().session, signedInAt, password };
}

/**
 * Main publishes the signed-in snapshot before it answers the sign-in (as the core does).
 * The answer carries the same facts, but the renderer reads them from the snapshot only.
 */
function answerSignIn(fake: FakeDesk, password: PasswordFacts, signedInAt = t0): void {
  fake.respond('signIn', () => {
    fake.push({ session: sessionWith(password, signedInAt) });
    const value: SignedIn = {
      agentId: '1001',
      phone: '8001',
      signedInAt,
      mustChangePassword: password.mustChange,
      passwordDaysLeft: password.daysLeft,
    };
    return { ok: true, value };
  });
}

async function signInThroughApp(fake: FakeDesk): Promise<void> {
  window.desk = fake.api;
  render(App);
  await fireEvent.input(await screen.findByTestId('sign-in-agent-id'), {
    target: { value: '1001' },
  });
  await fireEvent.input(screen.getByTestId('sign-in-password'), { target: { value: 'secret' } });
  await fireEvent.input(screen.getByTestId('sign-in-phone'), { target: { value: '8001' } });
  await fireEvent.click(screen.getByTestId('sign-in-submit'));
  await screen.findByTestId('desk');
  await tick();
  flushSync();
}

describe('password facts of the session', () => {
  it('asks for a change when the gateway says so, whatever the expiry', () => {
    expect(passwordNoticeOf(facts({ mustChange: true, daysLeft: 3 }))).toEqual({
      kind: 'must-change',
    });
  });

  it('warns from 14 days left down to today, and not before or for a password that never expires', () => {
    expect(passwordNoticeOf(facts({ daysLeft: 15 }))).toBeNull();
    expect(passwordNoticeOf(facts({ daysLeft: null }))).toBeNull();
    expect(passwordNoticeOf(facts({ daysLeft: 14 }))).toEqual({
      kind: 'expires-soon',
      daysLeft: 14,
    });
    expect(passwordNoticeOf(facts({ daysLeft: -2 }))).toEqual({
      kind: 'expires-soon',
      daysLeft: 0,
    });
  });

  it('says nothing without a session', () => {
    expect(passwordNoticeOf(null)).toBeNull();
  });
});

describe('DeskState password notice', () => {
  async function deskSignedIn(password: PasswordFacts) {
    const fake = new FakeDesk(signedOutSnapshot());
    answerSignIn(fake, password);
    const desk = new DeskState(fake.api);
    await desk.load();
    await desk.signIn({ agentId: '1001', password: 'secret', phone: '8001' });
    return { fake, desk };
  }

  it('shows the notice of a snapshot that already has the facts (a reloaded renderer)', async () => {
    const fake = new FakeDesk(makeSnapshot({ session: sessionWith(facts({ daysLeft: 4 })) }));
    const desk = new DeskState(fake.api);
    expect(desk.passwordNotice).toBeNull();
    await desk.load();
    expect(desk.passwordNotice).toEqual({ kind: 'expires-soon', daysLeft: 4 });
    expect(fake.callsOf('signIn')).toEqual([]);
    desk.dispose();
  });

  it('keeps the notice across pushes until the session ends', async () => {
    const { fake, desk } = await deskSignedIn(facts({ daysLeft: 5 }));
    expect(desk.passwordNotice).toEqual({ kind: 'expires-soon', daysLeft: 5 });
    fake.push({ previews: [] });
    expect(desk.passwordNotice).not.toBeNull();
    fake.push({ session: { ...fake.snapshot.session, phase: 'signing-out' } });
    expect(desk.passwordNotice).not.toBeNull();
    fake.push({ session: signedOutSnapshot().session });
    expect(desk.passwordNotice).toBeNull();
    desk.dispose();
  });

  it('drops the notice when the agent dismisses it, and shows it again for a new sign-in', async () => {
    const { fake, desk } = await deskSignedIn(facts({ mustChange: true }));
    expect(desk.passwordNotice).toEqual({ kind: 'must-change' });
    desk.dismissPasswordNotice();
    expect(desk.passwordNotice).toBeNull();
    fake.push({ previews: [] });
    expect(desk.passwordNotice).toBeNull();
    fake.push({ session: signedOutSnapshot().session });
    fake.push({ session: sessionWith(facts({ mustChange: true }), t0 + 60_000) });
    expect(desk.passwordNotice).toEqual({ kind: 'must-change' });
    desk.dispose();
  });

  it('takes the facts from the snapshot, not from the sign-in answer', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    fake.respond('signIn', () => {
      fake.push({ session: sessionWith(facts()) });
      const value: SignedIn = {
        agentId: '1001',
        phone: '8001',
        signedInAt: t0,
        mustChangePassword: true,
        passwordDaysLeft: 2,
      };
      return { ok: true, value };
    });
    const desk = new DeskState(fake.api);
    await desk.load();
    expect((await desk.signIn({ agentId: '1001', password: 'secret', phone: '8001' })).ok).toBe(
      true,
    );
    expect(desk.passwordNotice).toBeNull();
    desk.dispose();
  });

  it('sets nothing when the sign-in fails', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    fake.fail('signIn', { kind: 'network', code: 'ECONNREFUSED', detail: 'connect refused' });
    const desk = new DeskState(fake.api);
    await desk.load();
    const result = await desk.signIn({ agentId: '1001', password: 'secret', phone: '8001' });
    expect(result.ok).toBe(false);
    expect(desk.passwordNotice).toBeNull();
    desk.dispose();
  });
});

describe('password notice on the desk', () => {
  it('tells the agent to change the password, as a status under the status bar', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    answerSignIn(fake, facts({ mustChange: true, daysLeft: 3 }));
    await signInThroughApp(fake);
    const notice = screen.getByTestId('password-notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.dataset['kind']).toBe('must-change');
    expect(notice.textContent).toContain(
      'The gateway asks you to change your password before calls will work. Change it in the CC platform, then sign in again.',
    );
    expect(notice.closest('header')).toBe(screen.getByTestId('desk').querySelector('header'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is there after a reload, with no sign-in in this renderer', async () => {
    const fake = new FakeDesk(
      makeSnapshot({ session: sessionWith(facts({ mustChange: true, daysLeft: 9 })) }),
    );
    window.desk = fake.api;
    render(App);
    await screen.findByTestId('desk');
    await tick();
    flushSync();
    expect(screen.getByTestId('password-notice').dataset['kind']).toBe('must-change');
  });

  it('counts the days left, closes on dismiss and stays closed', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    answerSignIn(fake, facts({ daysLeft: 3 }));
    await signInThroughApp(fake);
    expect(screen.getByTestId('password-notice').textContent).toContain(
      'Your password expires in 3 days.',
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss this notice' }));
    expect(screen.queryByTestId('password-notice')).toBeNull();
    fake.push({ previews: [] });
    flushSync();
    expect(screen.queryByTestId('password-notice')).toBeNull();
  });

  it('says one day and today in words', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    answerSignIn(fake, facts({ daysLeft: 1 }));
    await signInThroughApp(fake);
    expect(screen.getByTestId('password-notice').textContent).toContain(
      'Your password expires in 1 day.',
    );
    fake.push({ session: sessionWith(facts({ daysLeft: 0 }), t0 + 60_000) });
    flushSync();
    expect(screen.getByTestId('password-notice').textContent).toContain(
      'Your password expires today.',
    );
  });

  it('shows nothing when the password is far from expiry', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    answerSignIn(fake, facts({ daysLeft: 15 }));
    await signInThroughApp(fake);
    expect(screen.queryByTestId('password-notice')).toBeNull();
  });

  it('is gone after a sign-out and a plain sign-in later', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    answerSignIn(fake, facts({ daysLeft: 2 }));
    await signInThroughApp(fake);
    expect(screen.getByTestId('password-notice')).toBeTruthy();
    fake.push({ session: { ...signedOutSnapshot().session, lastSignOut: { kind: 'agent' } } });
    flushSync();
    await screen.findByTestId('sign-in-form');
    fake.push({ session: sessionWith(facts(), t0 + 60_000) });
    flushSync();
    await screen.findByTestId('desk');
    expect(screen.queryByTestId('password-notice')).toBeNull();
  });

  it('speaks Chinese when the language is zh-CN', async () => {
    const view = makeSettingsView({ values: makeSettings({ language: 'zh-CN' }) });
    const fake = new FakeDesk(signedOutSnapshot(), view);
    answerSignIn(fake, facts({ daysLeft: 7 }));
    await signInThroughApp(fake);
    expect(screen.getByTestId('password-notice').textContent).toContain(
      '您的密码将在 7 天后过期。',
    );
  });
});
