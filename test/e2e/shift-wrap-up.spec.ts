/**
 * After-call work end to end (issue #13 §1): the call ends in wrap-up, the desk shows the
 * running time with the customer's summary, no preview can be called, previews wait in the
 * queue visibly, Ready ends it with one key; with an administrator's maximum the countdown
 * runs, Extend works once, and the desk makes the agent ready by itself, saying why.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { SimDriver } from './ui';
import { callPreview, previewCard, signIn, waitForPhase } from './ui';
import type { SimAgent } from '../simulator/types';

/**
 * A call that ends in wrap-up. With the site's "after a call: wrap-up" (`afterCall`) the
 * gateway puts the agent there by itself; otherwise (`ask`) the agent asks for it during the
 * call and the gateway applies it at the end.
 */
async function callEndingInWrapUp(
  page: Page,
  sim: SimDriver,
  agent: SimAgent,
  ask = false,
): Promise<void> {
  const { controlId } = sim.injectPreview(agent.id, {
    numbers: ['5552501'],
    callData: 'name=Ada Lovelace\naccount=ACC-1001',
  });
  await callPreview(page, previewCard(page, controlId));
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  if (ask) {
    await page.getByTestId('agent-state-change').click();
    await page.getByTestId('agent-state-wrap-up').click();
    await expect(page.getByTestId('agent-state-pending')).toHaveText('After this call: Wrap-up');
  }
  await page.getByTestId('call-hang-up').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'wrap-up');
}

/** What the gateway was asked to leave wrap-up with. */
const readyRequests = (
  sim: { requests(): Array<{ agentId: string | null; path: string }> },
  id: string,
) =>
  sim
    .requests()
    .filter((r) => r.agentId === id && /\/(sayfree|cancelwork)$/.test(r.path))
    .map((r) => r.path.split('/').at(-1));

test.use({ deskSettings: { afterCall: 'wrap-up' } });

test('wrap-up after a call: a running time, previews wait, Ready with one key', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const waiting = sim.injectPreview(agent.id, { numbers: ['5552502'] });
  await expect(previewCard(page, waiting.controlId)).toBeVisible();
  await callEndingInWrapUp(page, sim, agent);
  const panel = page.getByTestId('wrap-up');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('wrap-up-elapsed')).toHaveText(/^Wrap-up for 0:0\d$/);
  // No maximum set: no countdown and nothing to extend.
  await expect(page.getByTestId('wrap-up-countdown')).toHaveCount(0);
  await expect(page.getByTestId('wrap-up-extend')).toHaveCount(0);
  // The finished call and its customer stay beside it.
  await expect(page.getByTestId('call-summary')).toContainText('Ada Lovelace');
  // The waiting preview is visible but cannot be called.
  const card = previewCard(page, waiting.controlId);
  await expect(card.getByTestId('preview-call')).toBeDisabled();
  await expect(card).toContainText('Finish wrap-up before the next call.');
  await expect(page.getByTestId('wrap-up-waiting')).toContainText('1 preview waits');

  await page.keyboard.press('F2');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
  await expect(panel).toHaveCount(0);
  await expect(card.getByTestId('preview-call')).toBeEnabled();
  expect(readyRequests(sim, agent.id)).toEqual(['sayfree']);
});

test.describe('where the site leaves the agent ready after a call', () => {
  test.use({ deskSettings: { afterCall: 'ready' } });

  test('wrap-up asked for during the call comes at its end, with the same panel', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await signIn(page, agent);
    await callEndingInWrapUp(page, sim, agent, true);
    await expect(page.getByTestId('wrap-up')).toBeVisible();
    await page.getByTestId('wrap-up-ready-button').click();
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
  });
});

test.describe('with an administrator maximum of 4 s', () => {
  test.use({ deskSettings: { afterCall: 'wrap-up', wrapUpMaxSeconds: 4 } });

  test('counts down, extends once, then makes the agent ready by itself and logs why', async ({
    deskPage: page,
    agent,
    agentDesk,
    sim,
  }) => {
    await signIn(page, agent);
    await callEndingInWrapUp(page, sim, agent);
    await expect(page.getByTestId('wrap-up-ends-in')).toHaveText(/^Ready by itself in 0:0[1-4]$/);
    const extend = page.getByRole('button', { name: 'Extend by 0:04' });
    await extend.click();
    await expect(page.getByTestId('wrap-up-extended')).toHaveText('Extended once');
    await expect(page.getByTestId('wrap-up')).toHaveAttribute('data-extended', 'true');
    // Ready by itself when the extended time runs out.
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready', {
      timeout: 15_000,
    });
    const reason = agentDesk.desk
      .eventLog()
      .find((e) => e.name === 'wrap-up' && e.summary.includes('maximum'));
    expect(reason?.summary).toBe('wrap-up maximum of 8 s reached (extended once): ready by itself');
  });
});
