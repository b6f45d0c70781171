import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsNotice } from '../../main/ipc/contract';
import App from '../../renderer/App.svelte';
import { SettingsState } from '../../renderer/lib/state/settings-state.svelte';
import {
  FakeDesk,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  signedOutSnapshot,
} from './fake-desk';

afterEach(() => {
  delete window.desk;
});

const corrupt: SettingsNotice = {
  kind: 'corrupt-file-kept-aside',
  keptAs: '/home/agent/.config/agent-desk/settings.json.corrupt-1764147600000',
};
const policyProblems = [
  { origin: '/etc/agent-desk/defaults.json', key: 'pollGapMs', detail: 'must be a number' },
  { origin: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Agent Desk', key: 'theme', detail: 'x' },
];

/** A fake whose getSettings carries the notice once, then never again (as main does). */
function onceFake(notice: SettingsNotice, snapshot = signedOutSnapshot()): FakeDesk {
  const fake = new FakeDesk(snapshot, makeSettingsView({ notice }));
  fake.respond('getSettings', () => {
    const value = fake.settingsView;
    fake.settingsView = { ...value, notice: null };
    return { ok: true, value };
  });
  return fake;
}

async function app(fake: FakeDesk): Promise<void> {
  window.desk = fake.api;
  render(App);
  await tick();
  await tick();
  flushSync();
}

describe('SettingsState notice', () => {
  it('keeps the one-time notice across later reads and saves until dismissed', async () => {
    const fake = onceFake(corrupt);
    const settings = new SettingsState(fake.api);
    await settings.load();
    expect(settings.notice).toEqual(corrupt);
    await settings.load();
    expect(settings.view?.notice).toBeNull();
    expect(settings.notice).toEqual(corrupt);
    const saved = await settings.save(makeSettings({ pollGapMs: 500 }));
    expect(saved.ok && saved.value.notice).toBeNull();
    expect(settings.notice).toEqual(corrupt);
    settings.dismissNotice();
    expect(settings.notice).toBeNull();
    await settings.load();
    expect(settings.notice).toBeNull();
  });
});

describe('settings notice at start-up', () => {
  it('shows on the sign-in screen without opening settings, and closes when dismissed', async () => {
    const fake = onceFake(corrupt);
    await app(fake);
    const notice = await screen.findByTestId('settings-notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.dataset['kind']).toBe('corrupt-file-kept-aside');
    expect(notice.textContent).toContain(
      `The settings file was damaged. It was kept as ${corrupt.keptAs} and defaults are in use.`,
    );
    expect(screen.getByTestId('sign-in-form').contains(notice)).toBe(true);
    expect(screen.queryByTestId('settings-dialog')).toBeNull();
    await fireEvent.click(screen.getByTestId('settings-notice-dismiss'));
    expect(screen.queryByTestId('settings-notice')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Settings and language' }));
    expect(screen.getByTestId('settings-dialog')).toBeTruthy();
    expect(screen.queryByTestId('settings-dialog-notice')).toBeNull();
  });

  it('names ignored policy entries on the desk and in the dialog, never their values', async () => {
    const fake = new FakeDesk(signedOutSnapshot(), makeSettingsView({ policyProblems }));
    await app(fake);
    expect((await screen.findByTestId('settings-notice')).textContent).toContain(
      "2 of your organisation's settings could not be used and are ignored (pollGapMs, theme). Details are in Settings.",
    );
    fake.push(makeSnapshot({ seq: 10 }));
    flushSync();
    const banner = screen.getByTestId('settings-notice');
    expect(screen.getByTestId('desk').querySelector('header')?.contains(banner)).toBe(true);
    expect(banner.dataset['kind']).toBe('policy-problems');
    await fireEvent.click(screen.getByTestId('open-settings'));
    const items = screen.getAllByTestId('settings-policy-problem').map((li) => li.textContent);
    expect(items[0]).toContain('pollGapMs');
    expect(items[0]).toContain('must be a number');
    expect(items[0]).toContain('/etc/agent-desk/defaults.json');
    // The dialog lists the problems itself: no second notice saying "see Settings" there.
    expect(screen.queryByTestId('settings-dialog-notice')).toBeNull();
    // Closed, the banner stays closed for these problems and comes back for new ones.
    await fireEvent.click(screen.getByTestId('settings-notice-dismiss'));
    expect(screen.queryByTestId('settings-notice')).toBeNull();
    fake.pushSettings(makeSettingsView({ policyProblems: policyProblems.slice(0, 1) }));
    flushSync();
    expect(screen.getByTestId('settings-notice').textContent).toContain('(pollGapMs)');
  });

  it('dismissed in the dialog, it is gone from the desk too', async () => {
    await app(onceFake(corrupt, makeSnapshot()));
    await screen.findByTestId('desk');
    expect(screen.getByTestId('settings-notice')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('open-settings'));
    await fireEvent.click(screen.getByTestId('settings-dialog-notice-dismiss'));
    expect(screen.queryByTestId('settings-dialog-notice')).toBeNull();
    expect(screen.queryByTestId('settings-notice')).toBeNull();
  });

  it('shows no banner when main has nothing to say', async () => {
    await app(new FakeDesk(signedOutSnapshot()));
    await screen.findByTestId('sign-in-form');
    expect(screen.queryByTestId('settings-notice')).toBeNull();
  });

  it('is written in Chinese when the language is zh-CN', async () => {
    const fake = new FakeDesk(
      signedOutSnapshot(),
      makeSettingsView({ notice: corrupt, values: makeSettings({ language: 'zh-CN' }) }),
    );
    await app(fake);
    const notice = await screen.findByTestId('settings-notice');
    expect(notice.textContent).toContain(`设置文件已损坏，已另存为 ${corrupt.keptAs}`);
    expect(screen.getByTestId('settings-notice-dismiss').getAttribute('aria-label')).toBe(
      '关闭此提示',
    );
  });
});
