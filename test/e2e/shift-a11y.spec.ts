/**
 * axe-core on the screens issue #13 adds, in English and in Simplified Chinese, light and
 * dark (§8): the decline reasons menu, the state menu, not ready with a reason, rest with its
 * time left and when it is over, the finished-call summary with the customer's data, and
 * wrap-up with its countdown beside the queue glance.
 */

test.use({ deskSettings: { wrapUpMaxSeconds: 300 } });
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { expect, test } from './fixtures';
import type { Simulator } from '../simulator/types';
import { callPreview, offerSamplePreviews, previewCard, signIn, waitForPhase } from './ui';
import type { SimAgent } from '../simulator/types';

async function screens(page: Page, sim: Simulator, agent: SimAgent, lang: string): Promise<void> {
  // Fourteen axe scans (seven screens, light and dark) take a minute or more on a busy machine.
  test.slow();
  await signIn(page, agent);
  const [first] = await offerSamplePreviews(page, sim, agent);
  if (first === undefined) throw new Error('no preview offered');
  const card = previewCard(page, first);

  await card.getByTestId('preview-decline-reasons').click();
  await expect(card.getByTestId('preview-decline-reasons-menu')).toBeVisible();
  await expectAccessible(page, `decline reasons menu (${lang})`);
  await page.keyboard.press('Escape');

  await page.getByTestId('agent-state-change').click();
  await expect(page.getByTestId('agent-state-menu')).toBeVisible();
  await expectAccessible(page, `state menu (${lang})`);
  await page.locator('[data-testid="agent-state-reason-option"][data-code="202"]').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-reason', '202');
  await expectAccessible(page, `not ready with a reason (${lang})`);

  await page.getByTestId('agent-state-change').click();
  await page.getByTestId('agent-state-start-rest').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'rest');
  await expectAccessible(page, `rest with its time left (${lang})`);
  sim.restTimeout(agent.id);
  await expect(page.getByTestId('agent-rest-overdue')).toBeVisible();
  await expectAccessible(page, `rest time over (${lang})`);
  await page.getByTestId('agent-ready').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');

  await callPreview(page, card);
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await page.getByTestId('call-hang-up').click();
  await expect(page.getByTestId('call-summary')).toBeVisible();
  await expectAccessible(page, `finished-call summary (${lang})`);

  // After-call work with its maximum: the wrap-up panel and the status bar's Ready.
  await page.getByTestId('agent-state-change').click();
  await page.getByTestId('agent-state-wrap-up').click();
  await expect(page.getByTestId('wrap-up-countdown')).toBeVisible();
  await expect(page.getByTestId('queue-glance')).toBeVisible();
  await expectAccessible(page, `wrap-up with its countdown, and the queue glance (${lang})`);
}

test('the new screens have no serious accessibility violation in English', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await screens(page, sim, agent, 'en');
});

test.describe('in Chinese', () => {
  test.use({ deskSettings: { language: 'zh-CN', wrapUpMaxSeconds: 300 } });

  test('the new screens have no serious accessibility violation in Chinese', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await screens(page, sim, agent, 'zh-CN');
  });
});
