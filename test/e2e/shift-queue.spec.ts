/**
 * The queue glance end to end (issue #13 §4): per skill, calls waiting, the longest wait and
 * the agents available, from the simulator's `queryacdstat`; hidden without an error when the
 * gateway refuses; axe-clean in both languages.
 */
import { expectAccessible } from './a11y';
import { expect, test } from './fixtures';
import { signIn } from './ui';

test('shows each skill with calls waiting, the longest wait and agents available', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  sim.setQueue(2, { queueSize: 4, queueTime: 95, availAgents: 1, loggedOnAgents: 6 });
  try {
    await signIn(page, agent);
    const panel = page.getByRole('region', { name: 'Queue' });
    await expect(panel).toBeVisible({ timeout: 10_000 });
    const row = panel.locator('[data-testid="queue-glance-skill"][data-skill-id="2"]');
    await expect(row.getByRole('rowheader')).toHaveText('Collections');
    await expect(row.getByTestId('queue-glance-waiting')).toHaveText('4');
    await expect(row.getByTestId('queue-glance-longest')).toHaveText('1:35');
    await expect(row.getByTestId('queue-glance-available')).toHaveText('1');
    await expect(panel.getByTestId('queue-glance-skill')).toHaveCount(3);
    await expectAccessible(page, 'queue glance (en)');
  } finally {
    sim.setQueue(2, { queueSize: null, queueTime: null, availAgents: null, loggedOnAgents: null });
  }
});

test('is hidden, with no error, when the gateway refuses queryacdstat', async ({
  deskPage: page,
  agent,
  agentDesk,
  sim,
}) => {
  sim.addFault({
    kind: 'retcode',
    retcode: '100-007',
    path: '/queryacdstat',
    agentId: agent.id,
    count: 0,
  });
  try {
    await signIn(page, agent);
    await expect
      .poll(() => agentDesk.desk.eventLog().some((e) => e.name === 'queue-glance'), {
        timeout: 10_000,
      })
      .toBe(true);
    await expect(page.getByTestId('queue-glance')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    sim.clearFaults();
  }
});

test.describe('in Chinese', () => {
  test.use({ deskSettings: { language: 'zh-CN' } });

  test('the queue glance is labelled in Chinese and axe-clean', async ({
    deskPage: page,
    agent,
  }) => {
    await signIn(page, agent);
    const panel = page.getByRole('region', { name: '队列' });
    await expect(panel).toBeVisible({ timeout: 10_000 });
    await expect(panel.getByRole('columnheader')).toHaveText([
      '技能队列',
      '排队',
      '最长等待',
      '空闲坐席',
    ]);
    await expectAccessible(page, 'queue glance (zh-CN)');
  });
});
