/**
 * The optional preview countdown (design.md §3 Previews: off by default; the action when it
 * ends is `none`, `dial-first` or `decline`), set through the real settings.
 */
import { expect, test } from './fixtures';
import { previewCard, signIn, t, waitForPhase } from './ui';

test.describe('with a 5 s countdown that declines', () => {
  test.use({ deskSettings: { countdownSeconds: 5, countdownAction: 'decline' } });

  test('declines the preview when the countdown ends', async ({ deskPage: page, agent, sim }) => {
    await signIn(page, agent);
    const { controlId } = sim.injectPreview(agent.id, { numbers: ['5551201'] });
    const card = previewCard(page, controlId);
    await expect(card.getByTestId('preview-countdown')).toBeVisible();
    await expect(card).toHaveCount(0, { timeout: 15_000 });
    const recent = page.getByTestId('recent-item').first();
    await expect(recent).toHaveAttribute('data-outcome', 'declined');
    await expect(recent).toContainText(t('recent.declinedAuto'));
    const cancels = sim
      .requests()
      .filter((r) => r.agentId === agent.id && /cancelpreviewcallout$/i.test(r.path));
    expect(cancels).toHaveLength(1);
  });
});

test.describe('with a 5 s countdown that dials', () => {
  test.use({ deskSettings: { countdownSeconds: 5, countdownAction: 'dial-first' } });

  test('calls the first number when the countdown ends', async ({ deskPage: page, agent, sim }) => {
    await signIn(page, agent);
    const { controlId } = sim.injectPreview(agent.id, { numbers: ['5551301', '5551302'] });
    await expect(previewCard(page, controlId).getByTestId('preview-countdown')).toBeVisible();
    await waitForPhase(page, 'customer-ringing', 15_000);
    await expect(page.getByTestId('call-number')).toHaveText('5551301');
    sim.callAction(agent.id, 'answer');
    await waitForPhase(page, 'talking');
  });
});
