/**
 * Not ready with a reason and rest with a time (issue #13 §2), end to end: the menu by
 * keyboard, the reason by name and the time in state in the status bar, a reason change sent
 * with `prolong`, rest with the chosen cause and duration and its time left, and a rest asked
 * for during a call shown as coming after it, then applied at the call's end.
 */
import { expect, test } from './fixtures';
import { callPreview, previewCard, signIn, t, waitForPhase } from './ui';

const busyRequests = (
  sim: { requests(): Array<{ agentId: string | null; path: string; query: string }> },
  id: string,
) =>
  sim
    .requests()
    .filter(
      (r) => r.agentId === id && /saybusy|\/rest\/|cancelbusy|cancelrest|sayfree/.test(r.path),
    )
    .map(
      (r) =>
        `${r.path.split('/onlineagent/')[1]?.split('/').slice(1).join('/') ?? ''}${r.query === '' ? '' : `?${r.query}`}`,
    );

test('picks a not-ready reason from the keyboard and changes it with prolong', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const change = page.getByRole('button', { name: 'Change state' });
  await change.focus();
  await page.keyboard.press('Enter');
  await expect(change).toHaveAttribute('aria-expanded', 'true');
  // The focus is in the menu; Tab to "Training" and press Enter.
  const training = page.locator('[data-testid="agent-state-reason-option"][data-code="201"]');
  for (
    let i = 0;
    i < 10 && !(await training.evaluate((el) => el === el.ownerDocument.activeElement));
    i += 1
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(training).toBeFocused();
  await page.keyboard.press('Enter');
  const state = page.getByTestId('agent-state');
  await expect(state).toHaveAttribute('data-state', 'not-ready');
  await expect(page.getByTestId('agent-state-reason')).toHaveText('Training');
  await expect(page.getByTestId('agent-state-time')).toHaveText(/^for 0:0\d$/);
  await expect(change).toBeFocused();

  await change.click();
  await page.locator('[data-testid="agent-state-reason-option"][data-code="204"]').click();
  await expect(page.getByTestId('agent-state-reason')).toHaveText('System problem');
  expect(busyRequests(sim, agent.id)).toEqual([
    'saybusy?reason=201',
    'saybusy?reason=204&prolong=true',
  ]);

  // One key back to Ready.
  await page.keyboard.press('F2');
  await expect(state).toHaveAttribute('data-state', 'ready');
});

test('rests with the chosen cause and duration and shows the time left', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  await page.getByTestId('agent-state-change').click();
  await page.locator('[data-testid="agent-state-rest-cause"][data-code="2"]').check();
  await page.locator('[data-testid="agent-state-rest-minutes"][data-minutes="15"]').check();
  await page.getByTestId('agent-state-start-rest').click();
  const state = page.getByTestId('agent-state');
  await expect(state).toHaveAttribute('data-state', 'rest');
  await expect(page.getByTestId('agent-state-reason')).toHaveText('Lunch');
  await expect(page.getByTestId('agent-state-time')).toHaveText(/^1[45]:\d\d left$/);
  expect(busyRequests(sim, agent.id)).toEqual(['rest/900/2']);
  await page.getByTestId('agent-ready').click();
  await expect(state).toHaveAttribute('data-state', 'ready');
});

test('a rest asked for during a call is shown as coming after it, then applied', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5552301'] });
  await callPreview(page, previewCard(page, controlId));
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await page.getByTestId('agent-state-change').click();
  await page.getByTestId('agent-state-start-rest').click();
  await expect(page.getByTestId('agent-state-pending')).toHaveText('After this call: Rest');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'busy');
  await page.getByTestId('call-hang-up').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'rest');
  await expect(page.getByTestId('agent-state-pending')).toHaveCount(0);
  await expect(page.getByTestId('agent-state-time')).toHaveText(/^[45]:\d\d left$/);
});

test('"rest time is over" when the gateway says so, with one key back to Ready', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  await page.getByTestId('agent-state-change').click();
  await page.getByTestId('agent-state-start-rest').click();
  const state = page.getByTestId('agent-state');
  await expect(state).toHaveAttribute('data-state', 'rest');
  // The gateway's AgentState_Rest_Timeout (a reminder: the agent is still resting).
  sim.restTimeout(agent.id);
  await expect(page.getByTestId('agent-rest-overdue')).toHaveText(t('status.restOverdue'));
  await expect(state).toHaveAttribute('data-overdue', 'true');
  await expect(state).toHaveAttribute('data-state', 'rest');
  await page.keyboard.press('F2');
  await expect(state).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('agent-rest-overdue')).toHaveCount(0);
});

for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(`a supervisor's forced state (${lang})`, () => {
    test.use({ deskSettings: { language: lang } });

    test('is shown as set by a supervisor, not ready and ready alike', async ({
      deskPage: page,
      agent,
      sim,
    }) => {
      await signIn(page, agent);
      const state = page.getByTestId('agent-state');
      const note = page.getByTestId('agent-state-by-supervisor');
      sim.forceNotReady(agent.id);
      await expect(state).toHaveAttribute('data-state', 'not-ready');
      await expect(note).toHaveText(t('agent.bySupervisor', {}, lang));
      sim.forceReady(agent.id);
      await expect(state).toHaveAttribute('data-state', 'ready');
      await expect(note).toHaveText(t('agent.bySupervisor', {}, lang));
      await page.getByTestId('agent-state-change').click();
      await page.locator('[data-testid="agent-state-reason-option"][data-code="200"]').click();
      await expect(state).toHaveAttribute('data-reason', '200');
      await expect(note).toHaveCount(0);
    });
  });
}
