/**
 * The main process is the single source of truth (design.md §2): a reloaded renderer asks
 * for the snapshot and is whole again — still signed in, the preview and the call intact.
 */
import { expect, test } from './fixtures';
import { callPreview, ids, previewCard, signIn, waitForPhase } from './ui';

test('a reloaded page shows the same desk, preview and call again', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const waiting = sim.injectPreview(agent.id, {
    numbers: ['5551101'],
    callData: 'name=Still here',
  });
  const calling = sim.injectPreview(agent.id, { numbers: ['5551102'] });
  await callPreview(page, previewCard(page, calling.controlId));
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');

  await page.reload();
  await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'live');
  await expect(previewCard(page, waiting.controlId)).toContainText('Still here');
  await waitForPhase(page, 'talking');
  await expect(page.getByTestId('call-number')).toHaveText('5551102');
  await expect(page.getByTestId(ids.signInForm)).toHaveCount(0);
});
