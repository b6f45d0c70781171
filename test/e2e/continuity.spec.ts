/**
 * Continuity as the agent sees it (issue #11 §5): the gateway goes, the status bar says
 * "Signing in again", and the desk comes back without a single click — the password kept in
 * the main process only, never in the page, the bridge or the log.
 */
import { expectAccessible } from './a11y';
import { expect, test } from './fixtures';
import { saveBothSchemes } from './screens';
import { scanForSecrets } from './secrets';
import { ids, signIn, t } from './ui';
import { startSimulator } from '../simulator/index';

test('the agent sees "Signing in again" and then the desk, without touching anything', async ({
  deskPage: page,
  agent,
  sim,
  bridge,
}) => {
  await signIn(page, agent);
  const since = bridge.records.length;
  // The gateway stops: connections refused, then it comes back with no sessions (a restart).
  await sim.kill();
  const again = page.getByTestId('sign-in-again-status');
  await expect(again).toBeVisible({ timeout: 20_000 });
  await expect(again).toContainText(/Signing in again \(/);
  await expect(page.getByTestId(ids.banner)).toHaveAttribute('data-cause', 'signing-in-again');
  await expect(page.getByTestId(ids.banner)).toContainText(t('signIn.loss.gateway-down'));
  await expect(page.getByTestId('desk')).toBeVisible();
  await expect(page.getByTestId(ids.signInForm)).toHaveCount(0);
  await expect(page.getByTestId('sign-in-again')).toHaveAttribute('data-attempt', /^[1-9]/, {
    timeout: 20_000,
  });
  await expectAccessible(page, 'signing in again');
  await saveBothSchemes(page, 'signing-in-again');

  await sim.revive();
  await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'live', {
    timeout: 40_000,
  });
  await expect(page.getByTestId('sign-in-again')).toHaveCount(0);
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready', {
    timeout: 10_000,
  });
  await expect(page.getByTestId('sign-out')).toBeVisible();
  // Nothing the page sent did it: no sign-in, no "Sign in now".
  const sent = bridge.records.slice(since).filter((r) => r.kind === 'request');
  expect(sent.map((r) => r.channel).filter((c) => c.startsWith('session:'))).toEqual([]);
  // One plain sign-in by the desk itself after the restart, busy, never forced.
  const logins = sim
    .requests()
    .filter((r) => r.agentId === agent.id && /\/onlineagent\/\d+(\/forcelogin)?$/.test(r.path));
  expect(logins.map((r) => r.path.endsWith('forcelogin'))).toEqual([false, false]);

  await bridge.settled();
  const scan = await scanForSecrets(page, bridge.records, agent.password);
  expect(scan.hits, JSON.stringify(scan.hits, null, 2)).toEqual([]);
});

test('on the backup after the primary stops, and says so', async ({
  deskPage: page,
  agent,
  sim,
  agentDesk,
}) => {
  const backup = await startSimulator({
    pollHoldMs: 1_000,
    callStepMs: 10,
    agents: sim.agents,
    node: 1,
  });
  try {
    expect(agentDesk.settings.update({ backupGatewayUrl: backup.url }).ok).toBe(true);
    await signIn(page, agent);
    await expect(page.getByTestId('connection-backup')).toHaveCount(0);
    await sim.kill();
    await expect(page.getByTestId('connection-backup')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'live');
    expect(backup.sessions().map((s) => s.agentId)).toEqual([agent.id]);
    expect(sim.sessions()).toEqual([]);
  } finally {
    await sim.revive();
    await backup.stop();
  }
});

test('an automatic sign-in that finds the agent ID elsewhere asks; Sign in here brings the desk back', async ({
  deskPage: page,
  agent,
  sim,
  agentDesk,
  makeDesk,
}) => {
  await signIn(page, agent);
  // While this desk hears nothing, another desk forces the agent in (its ShutdownService is
  // lost with the old session); this desk then meets 100-006 and its plain sign-in 100-002.
  sim.addFault({ kind: 'hang', agentId: agent.id, path: 'agentevent', count: 0 });
  await expect
    .poll(() => sim.sessions().some((s) => s.agentId === agent.id && !s.pollHeld))
    .toBe(true);
  const elsewhere = makeDesk();
  const forced = await elsewhere.desk.signIn({
    agentId: agent.id,
    password: agent.password,
    phone: agent.phone,
    force: true,
  });
  expect(forced.ok).toBe(true);
  sim.clearFaults();
  agentDesk.desk.resume();
  const question = page.getByTestId('sign-in-retake');
  await expect(question).toBeVisible({ timeout: 20_000 });
  await expect(question).toContainText(t('signIn.retake.title'));
  await expect(page.getByTestId(ids.signOutReason)).toHaveAttribute('data-reason', 'elsewhere');
  await expectAccessible(page, 'the retake question');
  await saveBothSchemes(page, 'retake-question');
  await page.getByTestId('sign-in-retake-confirm').click();
  await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'live', {
    timeout: 20_000,
  });
  await expect
    .poll(() => elsewhere.desk.snapshot().session.lastSignOut?.kind, { timeout: 15_000 })
    .toBe('elsewhere');
});
