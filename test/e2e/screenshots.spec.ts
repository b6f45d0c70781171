/**
 * Screenshots of each main screen in light and dark, under test-results/screens/ (and
 * docs/screenshots/ with UPDATE_SCREENSHOTS=1). Each test also checks that the screen shows
 * what its name says, so a picture of a broken screen is never taken for a good one.
 */
import { expect, test } from './fixtures';
import { saveBothSchemes } from './screens';
import {
  ids,
  offerSamplePreviews,
  openSettings,
  pressDigits,
  signIn,
  startTalking,
  waitForSentDigits,
} from './ui';

// The settings screen shows the default poll gap, not the suite's short one.
test.use({ deskSettings: { pollGapMs: 200 } });

test('screenshot: sign-in', async ({ deskPage: page }) => {
  await expect(page.getByTestId(ids.agentId)).toBeEnabled();
  await saveBothSchemes(page, 'sign-in');
});

test('screenshot: desk with previews', async ({ deskPage: page, agent, sim }) => {
  await signIn(page, agent);
  await offerSamplePreviews(page, sim, agent);
  await expect(page.getByTestId(ids.previewCard)).toHaveCount(3);
  await saveBothSchemes(page, 'desk-previews');
});

test('screenshot: call with the DTMF pad', async ({ deskPage: page, agent, sim }) => {
  await signIn(page, agent);
  const [first] = await offerSamplePreviews(page, sim, agent);
  if (first === undefined) throw new Error('no preview offered');
  await startTalking(page, sim, agent, first);
  await pressDigits(page, '1024#');
  await waitForSentDigits(page, '1024#');
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
