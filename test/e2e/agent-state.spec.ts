/**
 * Agent state from the status bar (design.md §3 Agent state): the state changes when the
 * gateway's event confirms it, not when the request is answered.
 */
import { expect, test } from './fixtures';
import { signIn } from './ui';

test('sets not ready with a reason and back to ready from the status bar', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const state = page.getByTestId('agent-state');
  await expect(state).toHaveAttribute('data-state', 'ready');

  await page.getByTestId('agent-state-change').click();
  await page.locator('[data-testid="agent-state-reason-option"][data-code="201"]').click();
  await expect(state).toHaveAttribute('data-state', 'not-ready');
  // saybusy with the reason (§3.6).
  const busy = sim.requests().filter((r) => r.agentId === agent.id && /saybusy/i.test(r.path));
  expect(busy).toHaveLength(1);
  expect(`${busy[0]?.path}?${busy[0]?.query}`).toContain('reason=201');

  await page.getByTestId('agent-state-change').click();
  await page.getByTestId('agent-state-ready').click();
  await expect(state).toHaveAttribute('data-state', 'ready');
});
