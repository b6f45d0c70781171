/**
 * The rough edges found with the keyboard and a screen reader (issue #13 §5), end to end in
 * Chromium: focus kept in Settings after Save, no "Required" on a field the agent never
 * touched, disclosures that are buttons, clean button names with aria-keyshortcuts, a headed
 * sign-in form, and the Chinese agent state told apart from the call phase.
 */
import { expect, test } from './fixtures';
import { callPreview, ids, openSettings, previewCard, signIn, t, waitForPhase } from './ui';

test('Save in Settings keeps the focus in the dialog, so Escape still closes it', async ({
  deskPage: page,
  agent,
}) => {
  await signIn(page, agent);
  const dialog = await openSettings(page);
  await dialog.getByTestId('settings-pollGapMs').fill('300');
  const save = dialog.getByTestId('settings-save');
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(t('settings.saved'))).toBeVisible();
  await expect(save).toBeFocused();
  // Tab stays in the dialog …
  await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
  // … and Escape closes it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('opening Settings from the sign-in screen does not mark the untouched Agent ID invalid', async ({
  deskPage: page,
}) => {
  const agentId = page.getByTestId(ids.agentId);
  await expect(agentId).toBeFocused();
  await page.getByRole('button', { name: t('signIn.settingsButton') }).click();
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(agentId).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText(t('validate.required'))).toHaveCount(0);
  // It still complains when the agent submits the empty form.
  await page.getByTestId(ids.submit).click();
  await expect(agentId).toHaveAttribute('aria-invalid', 'true');
});

test('the sign-in form has a heading and its settings button says what it opens', async ({
  deskPage: page,
}) => {
  await expect(page.getByRole('form', { name: t('signIn.title') })).toBeVisible();
  await expect(page.getByRole('heading', { name: t('signIn.title'), level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: t('signIn.settingsButton') })).toBeVisible();
});

test('disclosures are buttons with an expanded state, and buttons are named without key caps', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  await expect(page.locator('details, summary')).toHaveCount(0);
  for (const name of [t('status.help'), t('status.change'), t('log.title')]) {
    const button = page.getByRole('button', { name, expanded: false });
    await button.click();
    await expect(page.getByRole('button', { name, expanded: true })).toBeVisible();
    await page.getByRole('button', { name, expanded: true }).click();
  }
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['02088886666'] });
  const card = previewCard(page, controlId);
  const call = card.getByRole('button', { name: 'Call 02088886666', exact: true });
  await expect(call).toHaveAttribute('aria-keyshortcuts', 'Control+Enter');
  await expect(card.getByRole('button', { name: t('queue.decline'), exact: true })).toHaveAttribute(
    'aria-keyshortcuts',
    'Control+Shift+D',
  );
  await callPreview(page, card);
  await waitForPhase(page, 'customer-ringing');
  await expect(page.getByRole('button', { name: t('call.hangUp'), exact: true })).toHaveAttribute(
    'aria-keyshortcuts',
    'Control+Shift+H',
  );
});

test.describe('in Chinese', () => {
  test.use({ deskSettings: { language: 'zh-CN' } });

  test('the agent state during a call reads differently from the call phase', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await signIn(page, agent);
    const { controlId } = sim.injectPreview(agent.id, { numbers: ['5552401'] });
    await callPreview(page, previewCard(page, controlId));
    await waitForPhase(page, 'customer-ringing');
    sim.callAction(agent.id, 'answer');
    await waitForPhase(page, 'talking');
    const state = page.getByTestId('agent-state-name');
    const phase = page.getByTestId('call-phase');
    await expect(state).toHaveText(t('agent.busy', {}, 'zh-CN'));
    await expect(phase).toHaveText(t('call.phase.talking', {}, 'zh-CN'));
    expect(await state.textContent()).not.toBe((await phase.textContent())?.trim());
  });
});
