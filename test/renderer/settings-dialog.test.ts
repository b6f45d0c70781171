import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SettingsDialog from '../../renderer/components/common/SettingsDialog.svelte';
import type { SettingsView } from '../../main/ipc/contract';
import { FakeDesk, makeSettingsView, makeSnapshot } from './fake-desk';
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
    expect(screen.getByTestId('settings-locked-gatewayUrl').textContent).toContain(
      'Set by your administrator',
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
    expect(error.textContent).toContain('locked by your administrator');
  });
});
