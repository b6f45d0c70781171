/**
 * Screenshots of each main screen in light and dark, under test-results/screens/ (and
 * docs/screenshots/ with UPDATE_SCREENSHOTS=1). Each test also checks that the screen shows
 * what its name says, so a picture of a broken screen is never taken for a good one.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { saveBothSchemes } from './screens';
import {
  ids,
  offerSamplePreviews,
  openSettings,
  pressDigits,
  signIn,
  signedInWithPreviews,
  startTalking,
  waitForSentDigits,
} from './ui';

// The settings screen shows the default poll gap, not the suite's short one.
test.use({ deskSettings: { pollGapMs: 200 } });

/** Fixed queue figures, so every picture of the desk shows the same glance. */
test.beforeEach(({ sim }) => {
  sim.setQueue(1, { queueSize: 0, queueTime: 0, availAgents: 3, loggedOnAgents: 9 });
  sim.setQueue(2, { queueSize: 4, queueTime: 95, availAgents: 1, loggedOnAgents: 6 });
  sim.setQueue(3, { queueSize: 1, queueTime: 12, availAgents: 2, loggedOnAgents: 5 });
});

/** The desk is complete once the queue glance has its first figures (2 s after sign-in). */
async function glance(page: Page): Promise<void> {
  await expect(page.getByTestId('queue-glance')).toBeVisible({ timeout: 10_000 });
}

test('screenshot: sign-in', async ({ deskPage: page }) => {
  await expect(page.getByTestId(ids.agentId)).toBeEnabled();
  await saveBothSchemes(page, 'sign-in');
});

test('screenshot: desk with previews', async ({ deskPage: page, agent, sim }) => {
  await signIn(page, agent);
  await offerSamplePreviews(page, sim, agent);
  await expect(page.getByTestId(ids.previewCard)).toHaveCount(3);
  await glance(page);
  await saveBothSchemes(page, 'desk-previews');
});

test('screenshot: call with the DTMF pad', async ({ deskPage: page, agent, sim }) => {
  const first = await signedInWithPreviews(page, sim, agent);
  await startTalking(page, sim, agent, first);
  await pressDigits(page, '1024#');
  await waitForSentDigits(page, '1024#');
  await glance(page);
  await saveBothSchemes(page, 'call-dtmf');
});

test('screenshot: settings', async ({ deskPage: page, agent }) => {
  await signIn(page, agent);
  await openSettings(page);
  await saveBothSchemes(page, 'settings');
});

test.describe('with automatic sign-in off', () => {
  // These two screens show the ends the desk does not sign in again from by itself.
  test.use({ deskSettings: { pollGapMs: 200, autoSignInMinutes: 0 } });

  test('screenshot: signed out with the reason', async ({ deskPage: page, agent, sim }) => {
    await signIn(page, agent);
    sim.addFault({ kind: 'kill-session', agentId: agent.id });
    await expect(page.getByTestId(ids.signOutReason)).toHaveAttribute('data-reason', 'kicked', {
      timeout: 20_000,
    });
    await saveBothSchemes(page, 'signed-out-kicked');
  });

  test('screenshot: reconnecting banner', async ({ deskPage: page, agent, sim }) => {
    await signIn(page, agent);
    await sim.kill();
    try {
      await expect(page.getByTestId(ids.banner)).toHaveAttribute('data-health', 'reconnecting', {
        timeout: 20_000,
      });
      await saveBothSchemes(page, 'reconnecting');
    } finally {
      await sim.revive();
    }
  });
});

test('screenshot: the compact desk beside a CRM (400 px wide), in a call', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await page.setViewportSize({ width: 400, height: 760 });
  const first = await signedInWithPreviews(page, sim, agent);
  await startTalking(page, sim, agent, first);
  await page.getByTestId('call-panel').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('call-customer')).toContainText('Li Wei');
  await glance(page);
  await saveBothSchemes(page, 'desk-compact');
});

test('screenshot: not ready with a reason, the state menu open', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  await offerSamplePreviews(page, sim, agent);
  await page.getByTestId('agent-state-change').click();
  await page.locator('[data-testid="agent-state-reason-option"][data-code="201"]').click();
  await expect(page.getByTestId('agent-state-reason')).toHaveText('Training');
  await page.getByTestId('agent-state-change').click();
  await expect(page.getByTestId('agent-state-menu')).toBeVisible();
  await glance(page);
  await saveBothSchemes(page, 'not-ready-reason');
});

test('screenshot: rest with the time left', async ({ deskPage: page, agent, sim }) => {
  await signIn(page, agent);
  await offerSamplePreviews(page, sim, agent);
  await page.getByTestId('agent-state-change').click();
  await page.locator('[data-testid="agent-state-rest-cause"][data-code="2"]').check();
  await page.locator('[data-testid="agent-state-rest-minutes"][data-minutes="30"]').check();
  await page.getByTestId('agent-state-start-rest').click();
  await expect(page.getByTestId('agent-state-time')).toHaveText(/left$/);
  await glance(page);
  await saveBothSchemes(page, 'rest');
});

test.describe('with wrap-up after each call and a 2-minute maximum', () => {
  test.use({ deskSettings: { pollGapMs: 200, afterCall: 'wrap-up', wrapUpMaxSeconds: 120 } });

  test('screenshot: wrap-up after a call, previews waiting', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    const first = await signedInWithPreviews(page, sim, agent);
    await startTalking(page, sim, agent, first);
    await page.getByTestId('call-hang-up').click();
    await expect(page.getByTestId('wrap-up')).toBeVisible();
    await expect(page.getByTestId('wrap-up-ends-in')).toBeVisible();
    await glance(page);
    await saveBothSchemes(page, 'wrap-up');
  });
});
