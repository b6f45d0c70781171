import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SignIn from '../../renderer/components/session/SignIn.svelte';
import { FakeDesk, makeSettingsView, signedOutSnapshot } from './fake-desk';
import { renderIn, setup } from './harness';

async function signInScreen(fake = new FakeDesk(signedOutSnapshot())) {
  const h = await setup(fake);
  let settingsOpened = 0;
  renderIn(h, SignIn, { onOpenSettings: () => (settingsOpened += 1) });
  return { h, opened: () => settingsOpened };
}

describe('sign-in screen', () => {
  it('validates the agent ID and phone as the agent types', async () => {
    await signInScreen();
    const agent = screen.getByTestId('sign-in-agent-id');
    await fireEvent.input(agent, { target: { value: '99' } });
    expect(agent.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Use digits only, from 101 to 999999')).toBeTruthy();
    await fireEvent.input(agent, { target: { value: '1001' } });
    expect(agent.getAttribute('aria-invalid')).toBe('false');

    const phone = screen.getByTestId('sign-in-phone');
    await fireEvent.input(phone, { target: { value: '80a1' } });
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.input(phone, { target: { value: '+8613800000000' } });
    expect(phone.getAttribute('aria-invalid')).toBe('false');

    const password = screen.getByTestId('sign-in-password');
    await fireEvent.input(password, { target: { value: 'x'.repeat(33) } });
    expect(screen.getByText('At most 32 characters')).toBeTruthy();
  });

  it('fills in the agent ID and phone main remembered since the settings were loaded', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    const h = await setup(fake); // the renderer's settings copy: nothing remembered yet
    // Main remembered them at a sign-in since (e.g. the agent was then kicked).
    fake.settingsView = {
      ...fake.settingsView,
      values: { ...fake.settingsView.values, rememberedAgentId: '1001', rememberedPhone: '8001' },
    };
    renderIn(h, SignIn, { onOpenSettings: () => undefined });
    const agent = screen.getByTestId('sign-in-agent-id') as HTMLInputElement;
    await vi.waitFor(() => expect(agent.value).toBe('1001'));
    expect((screen.getByTestId('sign-in-phone') as HTMLInputElement).value).toBe('8001');
    expect(document.activeElement).toBe(screen.getByTestId('sign-in-password'));
  });

  it('does not send a request while a field is invalid', async () => {
    const { h } = await signInScreen();
    await fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(h.fake.callsOf('signIn')).toHaveLength(0);
    expect(screen.getAllByText('Required').length).toBeGreaterThanOrEqual(3);
  });

  it('asks before forcing the sign-in and then signs in with force', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    fake.respond('signIn', (req) =>
      (req as { force?: boolean }).force
        ? { ok: true, value: {} }
        : { ok: false, error: { kind: 'already-signed-in' } },
    );
    await signInScreen(fake);
    await fireEvent.input(screen.getByTestId('sign-in-agent-id'), { target: { value: '1001' } });
    await fireEvent.input(screen.getByTestId('sign-in-password'), { target: { value: 'secret' } });
    await fireEvent.input(screen.getByTestId('sign-in-phone'), { target: { value: '8001' } });
    await fireEvent.click(screen.getByTestId('sign-in-submit'));

    const question = await screen.findByTestId('sign-in-force');
    expect(question.textContent).toContain('Sign in here and end the other session?');
    expect(document.activeElement).toBe(screen.getByTestId('sign-in-force-confirm'));
    await fireEvent.click(screen.getByTestId('sign-in-force-confirm'));
    expect(fake.callsOf('signIn')).toEqual([
      { agentId: '1001', password: 'secret', phone: '8001' },
      { agentId: '1001', password: 'secret', phone: '8001', force: true },
    ]);
  });

  it('shows gateway errors in the words of the retcode, with the code small', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    fake.fail('signIn', {
      kind: 'gateway',
      retcode: '100-015',
      message: 'force login not allowed',
      text: { en: 'Forcing the sign-in is not allowed.', zh: '不允许强制签入。' },
    });
    await signInScreen(fake);
    await fireEvent.input(screen.getByTestId('sign-in-agent-id'), { target: { value: '1001' } });
    await fireEvent.input(screen.getByTestId('sign-in-password'), { target: { value: 'pw' } });
    await fireEvent.input(screen.getByTestId('sign-in-phone'), { target: { value: '8001' } });
    await fireEvent.click(screen.getByTestId('sign-in-submit'));
    const error = await screen.findByTestId('sign-in-error');
    expect(error.textContent).toContain('Forcing the sign-in is not allowed.');
    expect(error.textContent).toContain('code 100-015');
  });

  it('uses its own words for network errors', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    fake.fail('signIn', { kind: 'network', code: 'ECONNREFUSED', detail: 'connect refused' });
    await signInScreen(fake);
    await fireEvent.input(screen.getByTestId('sign-in-agent-id'), { target: { value: '1001' } });
    await fireEvent.input(screen.getByTestId('sign-in-password'), { target: { value: 'pw' } });
    await fireEvent.input(screen.getByTestId('sign-in-phone'), { target: { value: '8001' } });
    await fireEvent.click(screen.getByTestId('sign-in-submit'));
    const error = await screen.findByTestId('sign-in-error');
    expect(error.textContent).toContain('The gateway cannot be reached.');
    expect(error.textContent).toContain('ECONNREFUSED');
  });

  it('offers "remember password" only when the OS can save it', async () => {
    await signInScreen();
    expect(screen.queryByTestId('sign-in-remember')).toBeNull();
  });

  it('offers "remember password" and sends the choice when it can', async () => {
    const fake = new FakeDesk(signedOutSnapshot(), makeSettingsView({ canSavePassword: true }));
    await signInScreen(fake);
    await fireEvent.click(screen.getByTestId('sign-in-remember'));
    await fireEvent.input(screen.getByTestId('sign-in-agent-id'), { target: { value: '1001' } });
    await fireEvent.input(screen.getByTestId('sign-in-password'), { target: { value: 'pw' } });
    await fireEvent.input(screen.getByTestId('sign-in-phone'), { target: { value: '8001' } });
    await fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(fake.callsOf('signIn')[0]).toMatchObject({ rememberPassword: true });
  });

  it('shows why the last session ended', async () => {
    const fake = new FakeDesk(
      signedOutSnapshot({
        session: {
          phase: 'signed-out',
          agentId: null,
          phone: null,
          signedInAt: null,
          lastSignOut: { kind: 'kicked', retcode: '100-006' },
          password: null,
          signInAgain: null,
          retake: null,
        },
      }),
    );
    await signInScreen(fake);
    const notice = screen.getByTestId('sign-out-reason');
    expect(notice.dataset['reason']).toBe('kicked');
    expect(notice.textContent).toContain('signed in elsewhere');
    expect(notice.textContent).toContain('100-006');
  });

  it('links to settings when no gateway is set', async () => {
    const view = makeSettingsView();
    const fake = new FakeDesk(signedOutSnapshot(), {
      ...view,
      values: { ...view.values, gatewayUrl: '' },
    });
    const { opened } = await signInScreen(fake);
    await fireEvent.click(screen.getByTestId('sign-in-open-settings'));
    expect(opened()).toBe(1);
  });
});
