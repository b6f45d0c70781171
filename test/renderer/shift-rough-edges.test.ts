/**
 * The rough edges a keyboard and screen-reader user found (issue #13 §5), each pinned by a
 * test: focus kept in Settings while saving; no "Required" on a field only passed through;
 * disclosures that are buttons with an expanded state; a headed sign-in form whose settings
 * button says what it opens; distinct Chinese words for the agent state and the call phase.
 */
import { fireEvent, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SettingsDialog from '../../renderer/components/common/SettingsDialog.svelte';
import SignIn from '../../renderer/components/session/SignIn.svelte';
import { en } from '../../renderer/lib/i18n/en';
import { zhCN } from '../../renderer/lib/i18n/zh-CN';
import { FakeDesk, makeSnapshot, signedOutSnapshot } from './fake-desk';
import { renderApp, renderIn, setup } from './harness';

afterEach(() => {
  delete window.desk;
});

describe('settings: focus stays in the dialog while saving', () => {
  it('keeps the focus on Save, so Escape still closes and Tab stays inside', async () => {
    const h = await setup(new FakeDesk(makeSnapshot()));
    let closed = 0;
    renderIn(h, SettingsDialog, { onClose: () => (closed += 1) });
    await fireEvent.input(screen.getByTestId('settings-pollGapMs'), { target: { value: '300' } });
    h.fake.hold('updateSettings');
    const save = screen.getByTestId('settings-save') as HTMLButtonElement;
    save.focus();
    await fireEvent.click(save);
    flushSync();
    expect(save.textContent).toContain('Saving…');
    expect(save.disabled).toBe(false);
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(save);
    // A second press while saving sends nothing more.
    await fireEvent.click(save);
    h.fake.release('updateSettings', { ok: true, value: h.fake.settingsView });
    await screen.findByText('Settings saved.');
    expect(h.fake.callsOf('updateSettings')).toHaveLength(1);
    expect(document.activeElement).toBe(save);
    // Tab from the last control wraps inside the dialog; Escape closes it.
    await fireEvent.keyDown(save, { key: 'Tab' });
    expect(screen.getByTestId('settings-dialog').contains(document.activeElement)).toBe(true);
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(closed).toBe(1);
  });
});

describe('sign-in screen', () => {
  async function screenWith() {
    const h = await setup(new FakeDesk(signedOutSnapshot()));
    let opened = 0;
    renderIn(h, SignIn, { onOpenSettings: () => (opened += 1) });
    return { opened: () => opened };
  }

  it('does not mark the untouched Agent ID invalid when the agent opens the settings', async () => {
    const s = await screenWith();
    const agent = screen.getByTestId('sign-in-agent-id');
    expect(document.activeElement).toBe(agent);
    const settings = screen.getByRole('button', { name: 'Settings and language' });
    agent.blur();
    await fireEvent.blur(agent);
    settings.focus();
    await fireEvent.click(settings);
    expect(s.opened()).toBe(1);
    expect(agent.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByText('Required')).toBeNull();
  });

  it('still says Required for a field the agent emptied, and for all on submit', async () => {
    await screenWith();
    const agent = screen.getByTestId('sign-in-agent-id');
    await fireEvent.input(agent, { target: { value: '1' } });
    await fireEvent.input(agent, { target: { value: '' } });
    expect(agent.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.submit(screen.getByTestId('sign-in-form'));
    expect(screen.getAllByText('Required')).toHaveLength(3);
  });

  it('has a heading that names the form, and says what its settings button opens', async () => {
    await screenWith();
    const form = screen.getByRole('form', { name: 'Sign in' });
    expect(form).toBe(screen.getByTestId('sign-in-form'));
    expect(screen.getByRole('heading', { name: 'Sign in', level: 2 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Settings and language' })).toBeTruthy();
  });
});

describe('disclosures are buttons with an expanded state', () => {
  it('Keyboard shortcuts, Change state and Event log', async () => {
    const fake = new FakeDesk(makeSnapshot());
    await renderApp(fake);
    expect(document.querySelector('details, summary')).toBeNull();
    for (const name of ['Keyboard shortcuts', 'Change state', /Event log/]) {
      const button = screen.getByRole('button', { name, expanded: false });
      await fireEvent.click(button);
      expect(button.getAttribute('aria-expanded')).toBe('true');
      const panel = document.getElementById(button.getAttribute('aria-controls') ?? '');
      expect(panel?.hidden).toBe(false);
      await fireEvent.click(button);
      expect(button.getAttribute('aria-expanded')).toBe('false');
    }
  });
});

describe('Chinese wording', () => {
  it('tells the agent state during a call apart from the call phase', () => {
    expect(zhCN['agent.busy']).not.toBe(zhCN['call.phase.talking']);
    expect(en['agent.busy']).not.toBe(en['call.phase.talking']);
    // No two agent states read the same either.
    const states = Object.entries(zhCN).filter(
      ([k]) => /^agent\.[a-z-]+$/.test(k) && k !== 'agent.reason',
    );
    expect(new Set(states.map(([, v]) => v)).size).toBe(states.length);
  });
});
