import { fireEvent, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import SettingsDialog from '../../renderer/components/common/SettingsDialog.svelte';
import CallPanel from '../../renderer/components/call/CallPanel.svelte';
import ErrorNote from '../../renderer/components/common/ErrorNote.svelte';
import { en } from '../../renderer/lib/i18n/en';
import { zhCN } from '../../renderer/lib/i18n/zh-CN';
import { format, I18n } from '../../renderer/lib/state/i18n.svelte';
import { FakeDesk, makeCall, makeSnapshot } from './fake-desk';
import { renderIn, setup } from './harness';

describe('catalogues', () => {
  it('have the same keys and the same placeholders in English and Chinese', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(names(zhCN[key]), key).toEqual(names(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Call {number}', { number: '123' })).toBe('Call 123');
    expect(format('Call {number}', {})).toBe('Call {number}');
    const i18n = new I18n(() => 'zh-CN');
    expect(i18n.t('queue.call', { number: '138' })).toBe('拨打 138');
    expect(i18n.textLang).toBe('zh');
  });
});

describe('language switch', () => {
  it('switches the whole screen to Chinese when the setting is saved', async () => {
    const h = await setup(new FakeDesk(makeSnapshot({ call: makeCall() })));
    renderIn(h, CallPanel, {});
    renderIn(h, SettingsDialog, { onClose: () => undefined });
    expect(screen.getByTestId('call-phase').textContent).toContain('Talking');
    await fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'zh-CN' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByText('设置已保存。');
    expect(h.fake.callsOf('updateSettings')).toEqual([{ language: 'zh-CN' }]);
    expect(screen.getByTestId('call-phase').textContent).toContain('通话中');
    expect(screen.getByTestId('call-hang-up').textContent).toContain('挂断');
  });

  it('shows gateway words in the current language', async () => {
    const h = await setup();
    const error = {
      kind: 'gateway' as const,
      retcode: '100-007',
      message: 'agent not logged in',
      text: { en: 'You are not signed in.', zh: '座席未签入。' },
    };
    renderIn(h, ErrorNote, { error });
    expect(screen.getByTestId('error').textContent).toContain('You are not signed in.');
    h.fake.settingsView = {
      ...h.fake.settingsView,
      values: { ...h.fake.settingsView.values, language: 'zh-CN' },
    };
    await h.ctx.settings.load();
    flushSync();
    expect(screen.getByTestId('error').textContent).toContain('座席未签入。');
    expect(screen.getByTestId('error').textContent).toContain('代码 100-007');
  });
});
