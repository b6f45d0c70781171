/**
 * The settings dialog against the real settings service: validation before save (a bad
 * gateway address is refused with a message and never reaches the core), the language
 * switch (Simplified Chinese shows at once).
 */
import { expect, test } from './fixtures';
import type { PageWindow } from './page-types';
import { ids, openSettingsFromSignIn, t } from './ui';

test('shows the saved gateway in the settings dialog', async ({ deskPage: page, sim }) => {
  const dialog = await openSettingsFromSignIn(page);
  await expect(dialog.getByTestId('settings-gatewayUrl')).toHaveValue(sim.url);
  await expect(dialog.getByTestId('settings-language')).toHaveValue('en');
});

test('refuses a gateway address that is not https with a message next to the field', async ({
  deskPage: page,
  agentDesk,
  bridge,
  sim,
}) => {
  const dialog = await openSettingsFromSignIn(page);
  const url = dialog.getByTestId('settings-gatewayUrl');
  await url.fill('http://gateway.example:8043/agentgateway');
  await dialog.getByTestId('settings-save').click();

  await expect(dialog.getByTestId('settings-error-gatewayUrl')).toHaveText(t('validate.url'));
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(t('settings.invalid'))).toBeVisible();
  // Refused before the core: no update crossed the bridge, the saved value is unchanged.
  expect(bridge.records.filter((r) => r.channel === 'settings:update')).toEqual([]);
  expect(agentDesk.settings.values().gatewayUrl).toBe(sim.url);
});

test('the core refuses a bad address even when the page sends it', async ({
  deskPage: page,
  agentDesk,
  sim,
}) => {
  // The renderer's own check is a convenience; the guard in main is the barrier.
  const result = await page.evaluate(() => {
    const desk = (globalThis as unknown as PageWindow).desk;
    if (desk === undefined) throw new Error('window.desk is missing');
    return desk.updateSettings({ gatewayUrl: 'http://gateway.example:8043' });
  });
  expect(result.ok).toBe(false);
  expect(result.ok ? null : result.error.kind).toBe('invalid-request');
  expect(agentDesk.settings.values().gatewayUrl).toBe(sim.url);
});

test('switches the language to Simplified Chinese while running', async ({
  deskPage: page,
  agentDesk,
}) => {
  await expect(page.getByTestId(ids.submit)).toHaveText(t('signIn.submit'));
  const dialog = await openSettingsFromSignIn(page);
  await dialog.getByTestId('settings-language').selectOption('zh-CN');
  await dialog.getByTestId('settings-save').click();

  await expect(
    dialog.getByRole('heading', { name: t('settings.title', {}, 'zh-CN') }),
  ).toBeVisible();
  await expect.poll(() => agentDesk.settings.values().language).toBe('zh-CN');
  await dialog.getByLabel(t('common.close', {}, 'zh-CN'), { exact: true }).click();
  await expect(page.getByTestId(ids.submit)).toHaveText(t('signIn.submit', {}, 'zh-CN'));
  await expect(page.getByText(t('signIn.agentId', {}, 'zh-CN'), { exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
