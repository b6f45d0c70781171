/**
 * Issue #13 §3 and §6 end to end, on the real desk core and the simulator: "Decline and go
 * not ready" by mouse, by its menu and by one keystroke, shown in the recent list; the
 * customer's data on screen from dialling through the finished-call summary, which gives way
 * to "No call" when the next preview is chosen.
 */
import { expect, test } from './fixtures';
import { callPreview, previewCard, signIn, t, waitForPhase } from './ui';

const customer = JSON.stringify({ name: 'Li Wei', account: 'ACC-20931', balance: '¥ 318.40' });

test('declines and goes not ready with the first reason, then with another from the menu', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const a = sim.injectPreview(agent.id, { numbers: ['5552001'] });
  const b = sim.injectPreview(agent.id, { numbers: ['5552002'] });
  await expect(previewCard(page, b.controlId)).toBeVisible();

  await previewCard(page, a.controlId).getByTestId('preview-decline-not-ready').click();
  const state = page.getByTestId('agent-state');
  await expect(state).toHaveAttribute('data-state', 'not-ready');
  await expect(state).toHaveAttribute('data-reason', '200');
  await expect(page.getByTestId('agent-state-reason')).toHaveText('Meeting');
  await expect(previewCard(page, a.controlId)).toHaveCount(0);
  const recent = page.getByTestId('recent-item').first();
  await expect(recent).toHaveAttribute('data-not-ready', 'true');
  await expect(recent).toContainText(t('recent.declinedNotReady', { reason: 'Meeting' }));

  const card = previewCard(page, b.controlId);
  await card.getByTestId('preview-decline-reasons').click();
  await card.locator('[data-testid="preview-decline-reason"][data-code="201"]').click();
  await expect(state).toHaveAttribute('data-reason', '201');
  await expect(page.getByTestId('agent-state-reason')).toHaveText('Training');
  await expect(page.getByTestId('recent-item').first()).toContainText(
    t('recent.declinedNotReady', { reason: 'Training' }),
  );
  // Not ready first (the dialler offers nobody in between), the reason change with prolong.
  const sent = sim
    .requests()
    .filter((r) => r.agentId === agent.id && /saybusy|cancelPreviewCallout/.test(r.path))
    .map((r) => `${r.path.split('/').at(-1) ?? ''}${r.query === '' ? '' : `?${r.query}`}`);
  expect(sent).toEqual([
    'saybusy?reason=200',
    'cancelPreviewCallout',
    'saybusy?reason=201&prolong=true',
    'cancelPreviewCallout',
  ]);
});

test('Ctrl+Shift+N declines the first preview and goes not ready in one keystroke', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const a = sim.injectPreview(agent.id, { numbers: ['5552101'] });
  await expect(previewCard(page, a.controlId)).toBeVisible();
  await page.keyboard.press('Control+Shift+N');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'not-ready');
  await expect(previewCard(page, a.controlId)).toHaveCount(0);
  await expect(page.getByTestId('recent-item').first()).toHaveAttribute('data-not-ready', 'true');
});

test("keeps the customer's data on screen through the call and in the finished-call summary", async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5552201'], callData: customer });
  const next = sim.injectPreview(agent.id, { numbers: ['5552202', '5552203'] });
  await callPreview(page, previewCard(page, controlId));
  await waitForPhase(page, 'customer-ringing');
  const data = page.getByTestId('call-customer');
  await expect(data).toContainText('Li Wei');
  await expect(data).toContainText('ACC-20931');
  await expect(previewCard(page, controlId)).toHaveCount(0);
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await expect(data).toContainText('¥ 318.40');

  // Hang up from the keyboard: the focus lands on the summary, not on the page.
  await page.getByTestId('call-hang-up').focus();
  await page.keyboard.press('Enter');
  const summary = page.getByTestId('call-summary');
  await expect(summary).toBeFocused();
  await expect(page.getByTestId('call-panel')).toHaveAttribute('data-view', 'summary');
  await expect(page.getByTestId('call-summary-outcome')).toContainText('Talked for');
  await expect(summary.getByTestId('call-customer')).toContainText('Li Wei');
  await expect(page.getByTestId('call-hang-up')).toHaveCount(0);

  // Choosing the next preview puts the summary away.
  await previewCard(page, next.controlId)
    .locator('[data-testid="number-chip"][data-number="5552203"] input')
    .check();
  await expect(page.getByTestId('call-none')).toBeVisible();
  await expect(page.getByTestId('call-panel')).toHaveAttribute('data-view', 'none');
});
