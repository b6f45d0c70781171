import { fireEvent, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import SettingsDialog from '../../renderer/components/common/SettingsDialog.svelte';
import type { SettingsView } from '../../main/ipc/contract';
import {
  FakeDesk,
  fakePolicyOrigin,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
} from './fake-desk';
import { renderIn, setup } from './harness';

async function dialog(view: SettingsView = makeSettingsView()) {
  const h = await setup(new FakeDesk(makeSnapshot(), view));
  let closed = 0;
  renderIn(h, SettingsDialog, { onClose: () => (closed += 1) });
  return { fake: h.fake, closed: () => closed };
}

function field(key: string): HTMLInputElement {
  return screen.getByTestId(`settings-${key}`) as HTMLInputElement;
}

describe('settings dialog', () => {
  it('shows errors next to the fields and does not save invalid values', async () => {
    const { fake } = await dialog();
    await fireEvent.input(field('gatewayUrl'), { target: { value: 'http://gw:8043/path' } });
    expect(screen.getByTestId('settings-error-gatewayUrl').textContent).toContain('https://host');
    await fireEvent.input(field('pollGapMs'), { target: { value: '20' } });
    await fireEvent.input(field('pinSha256'), { target: { value: 'abc' } });
    await fireEvent.input(field('countdownSeconds'), { target: { value: '3' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([]);
    expect(screen.getByTestId('settings-error-pollGapMs')).toBeTruthy();
    expect(screen.getByTestId('settings-error-pinSha256')).toBeTruthy();
    expect(screen.getByTestId('settings-error-countdownSeconds')).toBeTruthy();
    expect(field('pollGapMs').getAttribute('aria-invalid')).toBe('true');
  });

  it('saves only the fields that changed, converted to numbers', async () => {
    const { fake } = await dialog();
    await fireEvent.input(field('pollGapMs'), { target: { value: '500' } });
    await fireEvent.input(field('countdownSeconds'), { target: { value: '30' } });
    await fireEvent.change(field('countdownAction'), { target: { value: 'decline' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([
      { pollGapMs: 500, countdownSeconds: 30, countdownAction: 'decline' },
    ]);
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
  });

  it('sets the poll timeout (15–600 s) and what happens after a call (§4.1, §3.1)', async () => {
    const { fake } = await dialog();
    expect(field('pollTimeoutSeconds').value).toBe('40');
    expect((screen.getByTestId('settings-afterCall') as HTMLSelectElement).value).toBe('ready');
    await fireEvent.input(field('pollTimeoutSeconds'), { target: { value: '10' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([]);
    expect(screen.getByTestId('settings-error-pollTimeoutSeconds').textContent).toContain(
      'from 15 to 600',
    );
    await fireEvent.input(field('pollTimeoutSeconds'), { target: { value: '90' } });
    await fireEvent.change(screen.getByTestId('settings-afterCall'), {
      target: { value: 'wrap-up' },
    });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([
      { pollTimeoutSeconds: 90, afterCall: 'wrap-up' },
    ]);
  });

  it('sets how long the desk signs in again by itself: 0–120 minutes, 0 = never (issue #11)', async () => {
    const { fake } = await dialog();
    expect(field('autoSignInMinutes').value).toBe('10');
    await fireEvent.input(field('autoSignInMinutes'), { target: { value: '121' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([]);
    expect(screen.getByTestId('settings-error-autoSignInMinutes').textContent).toContain(
      'from 0 to 120',
    );
    await fireEvent.input(field('autoSignInMinutes'), { target: { value: '0' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([{ autoSignInMinutes: 0 }]);
  });

  it('makes locked fields read-only with a note and never sends them', async () => {
    const { fake } = await dialog(makeSettingsView({ locked: ['gatewayUrl', 'language'] }));
    expect(field('gatewayUrl').readOnly).toBe(true);
    expect(screen.getByTestId('settings-locked-gatewayUrl').textContent).toBe(
      'Managed by your organisation',
    );
    expect(screen.getByTestId('settings-locked-language').textContent).toBe(
      'Managed by your organisation',
    );
    expect((screen.getByTestId('settings-language') as HTMLSelectElement).disabled).toBe(true);
    expect(field('caFile').readOnly).toBe(false);
    await fireEvent.input(field('caFile'), { target: { value: '/etc/ca.pem' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([{ caFile: '/etc/ca.pem' }]);
  });

  it('tests the unsaved address and lists each step with its time and verdict', async () => {
    const view = makeSettingsView();
    const h = await dialog(view);
    h.fake.respond('testConnection', {
      ok: true,
      value: {
        ok: false,
        steps: [
          { name: 'dns', ok: true, skipped: false, durationMs: 4, detail: '10.0.0.5' },
          { name: 'tls', ok: false, skipped: false, durationMs: 31, detail: 'self-signed' },
          { name: 'sign-in', ok: false, skipped: true, durationMs: 0, detail: '' },
        ],
      },
    });
    await fireEvent.input(field('gatewayUrl'), { target: { value: 'https://gw2:8043' } });
    await fireEvent.click(screen.getByTestId('settings-test-connection'));
    expect(h.fake.callsOf('testConnection')[0]).toMatchObject({ gatewayUrl: 'https://gw2:8043' });
    const steps = await screen.findAllByTestId('settings-test-step');
    expect(steps.map((s) => s.dataset['verdict'])).toEqual(['ok', 'failed', 'skipped']);
    expect(steps[1]?.textContent).toContain('31 ms');
    expect(steps[1]?.textContent).toContain('self-signed');
    expect(screen.getByTestId('settings-test-verdict').dataset['ok']).toBe('false');
  });

  it('closes on Escape', async () => {
    const { closed } = await dialog();
    await fireEvent.keyDown(screen.getByTestId('settings-dialog'), { key: 'Escape' });
    expect(closed()).toBe(1);
  });

  it('shows a refused save next to the buttons', async () => {
    const { fake } = await dialog();
    fake.fail('updateSettings', { kind: 'refused', reason: 'setting-locked', detail: 'pollGapMs' });
    await fireEvent.input(field('pollGapMs'), { target: { value: '300' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    const error = await screen.findByTestId('settings-save-error');
    expect(error.textContent).toContain('This setting is managed by your organisation.');
  });

  it('shows, on request, where each value comes from', async () => {
    const values = makeSettings({ theme: 'dark', pollGapMs: 400 });
    const view = makeSettingsView({ values, locked: ['gatewayUrl'] });
    view.sources.theme = { kind: 'agent' };
    view.sources.pollGapMs = { kind: 'recommended', origin: '/etc/agent-desk/policies.json' };
    await dialog(view);
    expect(screen.queryByTestId('settings-source-theme')).toBeNull();
    await fireEvent.click(screen.getByTestId('settings-show-sources'));
    expect(screen.getByTestId('settings-locked-gatewayUrl').textContent).toBe(
      `Managed by your organisation (${fakePolicyOrigin})`,
    );
    expect(screen.getByTestId('settings-source-theme').textContent).toBe('Your choice');
    expect(screen.getByTestId('settings-source-pollGapMs').textContent).toBe(
      'Recommended by your organisation (/etc/agent-desk/policies.json)',
    );
    expect(screen.getByTestId('settings-source-countdownAction').textContent).toBe(
      'Built-in default',
    );
  });

  it('locks a field at once when a policy arrives while the dialog is open', async () => {
    const { fake } = await dialog();
    await fireEvent.input(field('caFile'), { target: { value: '/etc/my-ca.pem' } });
    const managed = makeSettings({ gatewayUrl: 'https://managed.example:8043' });
    fake.pushSettings(makeSettingsView({ values: managed, locked: ['gatewayUrl'] }));
    flushSync();
    expect(field('gatewayUrl').value).toBe('https://managed.example:8043');
    expect(field('gatewayUrl').readOnly).toBe(true);
    expect(screen.getByTestId('settings-locked-gatewayUrl').textContent).toBe(
      'Managed by your organisation',
    );
    // The agent's unsaved edit of another field is kept, and only it is saved.
    expect(field('caFile').value).toBe('/etc/my-ca.pem');
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(fake.callsOf('updateSettings')).toEqual([{ caFile: '/etc/my-ca.pem' }]);
  });

  it('offers hardware acceleration with the restart hint, locked by policy on VDI', async () => {
    const values = makeSettings({ hardwareAcceleration: false });
    await dialog(makeSettingsView({ values, locked: ['hardwareAcceleration'] }));
    const box = screen.getByTestId('settings-hardwareAcceleration') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.disabled).toBe(true);
    const described = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toContain('Takes effect the next time Agent Desk starts.');
    expect(described?.textContent).toContain('Managed by your organisation');
  });

  it('says the certificate is trusted through the system store, in Chinese too', async () => {
    const values = makeSettings({ language: 'zh-CN' });
    const h = await dialog(makeSettingsView({ values }));
    h.fake.respond('testConnection', {
      ok: true,
      value: {
        ok: true,
        steps: [{ name: 'tls', ok: true, skipped: false, durationMs: 9, detail: 'trusted' }],
        trust: {
          anchor: 'system',
          issuer: 'Contoso Root CA',
          systemStore: { available: true, count: 61 },
          siteCaFile: null,
          pin: 'match',
          problem: null,
        },
      },
    });
    await fireEvent.click(screen.getByTestId('settings-test-connection'));
    const trust = await screen.findByTestId('settings-test-trust');
    expect(trust.dataset['anchor']).toBe('system');
    expect(trust.textContent).toContain('通过本机证书存储信任（根证书 Contoso Root CA）。');
    expect(trust.textContent).toContain('证书与固定值一致。');
  });

  it('says what to do about an untrusted certificate', async () => {
    const h = await dialog();
    h.fake.respond('testConnection', {
      ok: true,
      value: {
        ok: false,
        steps: [{ name: 'tls', ok: false, skipped: false, durationMs: 9, detail: 'NOT trusted' }],
        trust: {
          anchor: null,
          issuer: 'Contoso Issuing CA 2',
          systemStore: { available: false, count: 0 },
          siteCaFile: null,
          pin: 'none',
          problem: 'untrusted',
        },
      },
    });
    await fireEvent.click(screen.getByTestId('settings-test-connection'));
    const trust = await screen.findByTestId('settings-test-trust');
    expect([...trust.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Not trusted: no trusted CA issued it. Ask IT to install the CA "Contoso Issuing CA 2" in the system certificate store, or set it as the site CA file.',
      "This computer's certificate store could not be read: only the built-in roots and the site CA file are trusted.",
    ]);
  });
});
