/**
 * axe-core on the main screens (design.md §5: screen-reader labels, keyboard operation):
 * no serious or critical violation, in light and dark. The violations are printed in full.
 */
import { expectAccessible } from './a11y';
import { expect, test } from './fixtures';
import { ids, offerSamplePreviews, openSettings, signIn, startTalking } from './ui';

test('the sign-in screen has no serious accessibility violation', async ({ deskPage: page }) => {
  await expect(page.getByTestId(ids.agentId)).toBeEnabled();
  await expectAccessible(page, 'sign-in');
});

test('the desk with previews has no serious accessibility violation', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  await offerSamplePreviews(page, sim, agent);
  await expectAccessible(page, 'desk with previews');
});

test('the call with the DTMF pad has no serious accessibility violation', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const [first] = await offerSamplePreviews(page, sim, agent);
  if (first === undefined) throw new Error('no preview offered');
  await startTalking(page, sim, agent, first);
  await expectAccessible(page, 'call with the DTMF pad');
});

test('the settings dialog has no serious accessibility violation', async ({
  deskPage: page,
  agent,
}) => {
  await signIn(page, agent);
  await openSettings(page);
  await expectAccessible(page, 'settings');
});
