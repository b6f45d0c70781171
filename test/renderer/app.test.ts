import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../renderer/App.svelte';
import { watchPreviewAlerts } from '../../renderer/lib/preview-alerts';
import { DeskState } from '../../renderer/lib/state/desk-state.svelte';
import { I18n } from '../../renderer/lib/state/i18n.svelte';
import {
  FakeDesk,
  makeCall,
  makePreview,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  signedOutSnapshot,
} from './fake-desk';

afterEach(() => {
  delete window.desk;
  vi.unstubAllGlobals();
});

async function app(fake: FakeDesk) {
  window.desk = fake.api;
  render(App);
  await tick();
  await tick();
  flushSync();
}

describe('App', () => {
  it('explains, instead of crashing, when there is no bridge', () => {
    render(App);
    expect(screen.getByTestId('no-bridge').textContent).toContain('cannot start');
  });

  it('shows sign-in while signed out and the desk once the snapshot says signed in', async () => {
    const fake = new FakeDesk(signedOutSnapshot());
    await app(fake);
    expect(await screen.findByTestId('sign-in-form')).toBeTruthy();
    fake.push(makeSnapshot({ seq: 10 }));
    flushSync();
    expect(screen.getByTestId('desk')).toBeTruthy();
    expect(screen.queryByTestId('sign-in-form')).toBeNull();
  });

  it('calls, declines and hangs up from the keyboard', async () => {
    const fake = new FakeDesk(
      makeSnapshot({ previews: [makePreview('1536'), makePreview('1537')] }),
    );
    await app(fake);
    await screen.findByTestId('desk');
    await fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    expect(fake.callsOf('dialPreview')).toEqual([{ controlId: '1536', number: '13800000001' }]);
    await fireEvent.keyDown(window, { key: 'D', ctrlKey: true, shiftKey: true });
    expect(fake.callsOf('declinePreview')).toEqual([{ controlId: '1536' }]);
    await fireEvent.keyDown(window, { key: 'H', ctrlKey: true, shiftKey: true });
    expect(fake.callsOf('hangUp')).toEqual([]);
    fake.push({ call: makeCall() });
    flushSync();
    await fireEvent.keyDown(window, { key: 'H', ctrlKey: true, shiftKey: true });
    expect(fake.callsOf('hangUp')).toHaveLength(1);
  });

  it('opens settings from the status bar and pauses shortcuts while it is open', async () => {
    const fake = new FakeDesk(makeSnapshot({ previews: [makePreview('1536')] }));
    await app(fake);
    await fireEvent.click(await screen.findByTestId('open-settings'));
    expect(screen.getByTestId('settings-dialog')).toBeTruthy();
    await fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    expect(fake.callsOf('dialPreview')).toEqual([]);
  });

  it('applies the theme and language settings to the page', async () => {
    const view = makeSettingsView({ values: makeSettings({ theme: 'dark', language: 'zh-CN' }) });
    await app(new FakeDesk(makeSnapshot(), view));
    await screen.findByTestId('desk');
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByTestId('sign-out').textContent).toContain('签出');
  });

  it('toggles the shortcut list with F1 and closes it with Escape, focus back on its button', async () => {
    await app(new FakeDesk());
    const toggle = await screen.findByTestId('help-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('help-popover')).toBeNull();
    await fireEvent.keyDown(window, { key: 'F1' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const help = screen.getByTestId('help-popover');
    expect(toggle.getAttribute('aria-controls')).toBe(help.id);
    await fireEvent.keyDown(help, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it("sets not ready with one of the administrator's reasons", async () => {
    const fake = new FakeDesk();
    await app(fake);
    await fireEvent.click(await screen.findByTestId('agent-state-change'));
    const option = screen
      .getAllByTestId('agent-state-reason-option')
      .find((b) => b.dataset['code'] === '201')!;
    expect(option.textContent).toContain('Training');
    await fireEvent.click(option);
    expect(fake.callsOf('setAgentState')).toEqual([{ state: 'not-ready', reason: 201 }]);
  });
});

describe('preview alerts', () => {
  function watch(fake: FakeDesk, hidden: boolean, sound = false) {
    const desk = new DeskState(fake.api);
    const doc = {
      visibilityState: hidden ? 'hidden' : 'visible',
      hasFocus: () => !hidden,
    } as Document;
    const errors: unknown[] = [];
    const stop = watchPreviewAlerts({
      api: fake.api,
      desk,
      i18n: new I18n(() => 'en'),
      settings: () => makeSettings({ notifyOnPreview: true, soundOnPreview: sound }),
      doc,
      report: (_m, e) => errors.push(e),
    });
    return { desk, stop, errors };
  }

  it('asks the shell to notify when a preview arrives in the background', async () => {
    const fake = new FakeDesk();
    const { desk, stop } = watch(fake, true);
    await desk.load();
    fake.push({ previews: [makePreview('1', { numbers: ['13900001111'] })] });
    expect(fake.callsOf('notifyAgent')).toEqual([
      { kind: 'preview', title: 'New preview', body: 'Customer 13900001111 is waiting.' },
    ]);
    stop();
  });

  it('does not notify while the agent is looking at the desk', async () => {
    const fake = new FakeDesk();
    const { desk, stop } = watch(fake, false);
    await desk.load();
    fake.push({ previews: [makePreview('1')] });
    expect(fake.callsOf('notifyAgent')).toEqual([]);
    stop();
  });

  it('falls back to a Web Notification only when permission was already granted', async () => {
    const shown: string[] = [];
    class FakeNotification {
      static permission = 'granted';
      constructor(title: string) {
        shown.push(title);
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    const fake = new FakeDesk();
    fake.fail('notifyAgent', { kind: 'refused', reason: 'not-available' });
    const { desk, stop } = watch(fake, true);
    await desk.load();
    fake.push({ previews: [makePreview('1')] });
    await Promise.resolve();
    await Promise.resolve();
    expect(shown).toEqual(['New preview']);
    FakeNotification.permission = 'default';
    fake.push({ previews: [makePreview('1'), makePreview('2')] });
    await Promise.resolve();
    await Promise.resolve();
    expect(shown).toEqual(['New preview']);
    stop();
  });

  it('plays a generated tone when sound is on', async () => {
    const started: number[] = [];
    const node = () => ({
      connect: (next: unknown) => next,
      frequency: { value: 0 },
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      start: (at: number) => started.push(at),
      stop: () => undefined,
      type: '',
    });
    vi.stubGlobal(
      'AudioContext',
      class {
        currentTime = 0;
        destination = {};
        createOscillator = node;
        createGain = node;
      },
    );
    const fake = new FakeDesk();
    const { desk, stop, errors } = watch(fake, true, true);
    await desk.load();
    fake.push({ previews: [makePreview('1')] });
    expect(errors).toEqual([]);
    expect(started).toHaveLength(2);
    stop();
  });
});
