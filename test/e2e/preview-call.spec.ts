/**
 * The preview-to-call flow (design.md §3 Previews, Dial, Call, DTMF) through the real core
 * and the simulator: choose a number, call, talk, send DTMF by mouse and keyboard, hang up;
 * decline; a failed call with its cause.
 */
import { expect, test } from './fixtures';
import {
  callPreview,
  clickDigits,
  hangUp,
  ids,
  pressDigits,
  previewCard,
  signIn,
  waitForPhase,
  waitForSentDigits,
} from './ui';

const customer = JSON.stringify({ name: 'Ada Lovelace', account: 'ACC-1001', balance: '42.50' });

test('calls a one-number preview, sends DTMF by mouse and keyboard, and hangs up', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550101'], callData: customer });
  const card = previewCard(page, controlId);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('call-data')).toContainText('Ada Lovelace');
  await expect(card.getByTestId('number-chip')).toHaveCount(1);

  await callPreview(page, card);
  // The simulator rings the customer and waits for the test to answer (autoAnswerMs null).
  await waitForPhase(page, 'customer-ringing');
  await expect(page.getByTestId('dtmf-key-1')).toBeDisabled();
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await expect(page.getByTestId('call-number')).toHaveText('5550101');

  await clickDigits(page, '12*');
  await pressDigits(page, '3#0*');
  await waitForSentDigits(page, '12*3#0*');
  await expect(page.getByTestId(ids.dtmfQueued)).not.toContainText(/[0-9*#]/);
  // Exactly these digits reached the gateway, in order, nothing doubled (§5.3, `#` as %23).
  const calls = sim.dtmf(agent.id).calls;
  expect(calls).toHaveLength(1);
  expect(calls[0]?.requests.join('')).toBe('12*3#0*');
  for (const request of calls[0]?.requests ?? []) expect(request.length).toBeLessThanOrEqual(24);

  await hangUp(page);
  await expect(page.getByTestId('recent-item').first()).toHaveAttribute('data-outcome', 'called');
  const callouts = sim
    .requests()
    .filter((r) => r.agentId === agent.id && /previewcallout$/i.test(r.path));
  expect(callouts).toHaveLength(1);
});

test('calls the chosen number of a three-number preview with the exact control ID', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  // Above 2^53: only an exact digit string survives the trip (design.md §3 Previews).
  const controlId = '9007199254740993';
  sim.injectPreview(agent.id, {
    numbers: ['5550201', '5550202', '5550203'],
    callData: 'name=Grace Hopper\naccount=ACC-2002',
    controlId,
    controlIdAsNumber: true,
  });
  const card = previewCard(page, controlId);
  await expect(card.getByTestId('number-chip')).toHaveCount(3);
  await expect(card.getByTestId('call-data')).toContainText('Grace Hopper');

  await callPreview(page, card, '5550203');
  await waitForPhase(page, 'customer-ringing');
  const callouts = sim
    .requests()
    .filter((r) => r.agentId === agent.id && /previewcallout$/i.test(r.path));
  expect(callouts).toHaveLength(1);
  expect(callouts[0]?.body).toMatch(/"called"\s*:\s*"5550203"/);
  expect(callouts[0]?.body).toMatch(new RegExp(`"callcontrolid"\\s*:\\s*"?${controlId}"?[,}]`));

  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await expect(page.getByTestId('call-number')).toHaveText('5550203');
  sim.callAction(agent.id, 'customer-hangup');
  await waitForPhase(page, 'ended');
});

test('a double click on Call places exactly one call', async ({ deskPage: page, agent, sim }) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550301'] });
  await previewCard(page, controlId).getByTestId('preview-call').dblclick();
  await waitForPhase(page, 'customer-ringing');
  const callouts = sim
    .requests()
    .filter((r) => r.agentId === agent.id && /previewcallout$/i.test(r.path));
  expect(callouts).toHaveLength(1);
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await hangUp(page);
});

test('declines a preview: the card leaves and the gateway is told once', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550401', '5550402'] });
  const card = previewCard(page, controlId);
  await card.getByTestId('preview-decline').click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('recent-item').first()).toHaveAttribute('data-outcome', 'declined');
  const cancels = sim
    .requests()
    .filter((r) => r.agentId === agent.id && /cancelpreviewcallout$/i.test(r.path));
  expect(cancels).toHaveLength(1);
  expect(cancels[0]?.body).toContain(controlId);
  expect(
    sim
      .requests()
      .some(
        (r) => r.agentId === agent.id && /previewcallout$/i.test(r.path) && !/cancel/i.test(r.path),
      ),
  ).toBe(false);
});

test('shows the failure cause when the call cannot be connected', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550501'] });
  await callPreview(page, previewCard(page, controlId));
  await waitForPhase(page, 'customer-ringing');
  // OUTBOUND_DETECT_EVENT carries the cause (§7.2; the protocol's example is 1552).
  sim.callAction(agent.id, 'fail', { cause: 1552, description: 'Called party busy' });
  await waitForPhase(page, 'failed');
  const failure = page.getByTestId('call-failure');
  await expect(failure).toContainText('1552');
  await expect(failure).toContainText('Called party busy');
  await expect(page.getByTestId('recent-item').first()).toHaveAttribute('data-outcome', 'called');
  await expect(page.getByTestId('dtmf-key-1')).toBeDisabled();
});

test('works previews from the keyboard: Ctrl+Enter calls, Ctrl+Shift+H hangs up, Ctrl+Shift+D declines', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const first = sim.injectPreview(agent.id, { numbers: ['5551001'] });
  await expect(previewCard(page, first.controlId)).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await pressDigits(page, '#5');
  await waitForSentDigits(page, '#5');
  await page.keyboard.press('Control+Shift+H');
  await waitForPhase(page, 'ended');

  const second = sim.injectPreview(agent.id, { numbers: ['5551002'] });
  await expect(previewCard(page, second.controlId)).toBeVisible();
  await page.keyboard.press('Control+Shift+D');
  await expect(previewCard(page, second.controlId)).toHaveCount(0);
  const cancels = sim
    .requests()
    .filter((r) => r.agentId === agent.id && /cancelpreviewcallout$/i.test(r.path));
  expect(cancels).toHaveLength(1);
  expect(sim.dtmf(agent.id).calls[0]?.requests.join('')).toBe('#5');
});

test('holds and resumes the call; the keypad pauses while on hold', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5551401'] });
  await callPreview(page, previewCard(page, controlId));
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');

  await page.getByTestId('call-hold').click();
  await waitForPhase(page, 'held');
  await expect(page.getByTestId('dtmf-key-5')).toBeDisabled();
  expect(sim.requests().some((r) => r.agentId === agent.id && /\/hold$/i.test(r.path))).toBe(true);

  await page.getByTestId('call-hold').click();
  await waitForPhase(page, 'talking');
  await clickDigits(page, '5');
  await waitForSentDigits(page, '5');
  await hangUp(page);
});
