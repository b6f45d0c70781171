/**
 * Liveness as the agent sees it (design.md §3 Liveness): the gateway going away and coming
 * back, and sessions the gateway ended. Every stop is a visible state with its reason.
 */
import { expect, test } from './fixtures';
import { ids, signIn, t } from './ui';

test.describe('with automatic sign-in off (autoSignInMinutes 0)', () => {
  // The desk as before issue #11: nothing kept, every end shown on the sign-in screen.
  test.use({ deskSettings: { autoSignInMinutes: 0 } });

  test('shows reconnecting while the gateway is down, then the lost session after its restart', async ({
    deskPage: page,
    agent,
    agentDesk,
    sim,
  }) => {
    await signIn(page, agent);
    await sim.kill();
    // Refused connections: live → degraded → reconnecting with backoff (0.5 s doubling to 5 s).
    const banner = page.getByTestId(ids.banner);
    await expect(banner).toHaveAttribute('data-health', 'reconnecting', { timeout: 20_000 });
    await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'reconnecting');
    await expect(banner).toContainText(t('health.reconnecting'));

    // A restarted gateway has no sessions: the old Guid gets 100-006 (§9.3). Once confirmed
    // (updateGuid and agentstatus refused three times, §2.2) the session is lost, signed out
    // with the reason (§3 Liveness) — not a silent re-sign-in, which would need the password
    // the desk does not keep.
    await sim.revive();
    await expect(page.getByTestId(ids.signInForm)).toBeVisible({ timeout: 20_000 });
    const reason = page.getByTestId(ids.signOutReason);
    await expect(reason).toHaveAttribute('data-reason', 'kicked');
    const snapshot = agentDesk.desk.snapshot();
    expect(snapshot.session.lastSignOut).toEqual({
      kind: 'kicked',
      retcode: '100-006',
      confirmed: { attempts: 3, seconds: expect.any(Number) },
    });
    const confirmed =
      snapshot.session.lastSignOut?.kind === 'kicked'
        ? snapshot.session.lastSignOut.confirmed
        : undefined;
    await expect(reason).toContainText(
      t('signIn.lastSignOut.kickedConfirmed', {
        attempts: confirmed?.attempts ?? 0,
        seconds: confirmed?.seconds ?? 0,
      }),
    );
    expect(snapshot.connection.health).toBe('lost');
  });

  test('a session the gateway no longer knows (100-006) returns to sign-in with the reason', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await signIn(page, agent);
    sim.addFault({ kind: 'kill-session', agentId: agent.id });
    // First the desk checks, and says so (§2.2): one 100-006 is not the end of a session.
    await expect(page.getByTestId(ids.banner)).toHaveAttribute('data-cause', 'checking-session');
    await expect(page.getByTestId(ids.signInForm)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId(ids.signOutReason)).toHaveAttribute('data-reason', 'kicked');
    await expect(page.getByTestId(ids.signOutReason)).toContainText('100-006');
    // The agent can sign in again straight away.
    await signIn(page, agent);
  });
});

test('a session ended by a supervisor returns to sign-in with the reason, never signed in again', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  // The simulator hands AgentOther_ShutdownService to a held poll (§2.3, §7.3); a Guid-less
  // agentstatus then finds no other session: a supervisor (issue #11 §3).
  await expect
    .poll(() => sim.sessions().some((s) => s.agentId === agent.id && s.pollHeld))
    .toBe(true);
  sim.kick(agent.id);
  await expect(page.getByTestId(ids.signInForm)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId(ids.signOutReason)).toHaveAttribute('data-reason', 'supervisor');
  await expect(page.getByTestId(ids.signOutReason)).toContainText(
    t('signIn.lastSignOut.supervisor'),
  );
  await page.waitForTimeout(1_500);
  expect(sim.sessions().filter((s) => s.agentId === agent.id)).toEqual([]);
});

test('a short gateway outage is ridden out without signing the agent out', async ({
  deskPage: page,
  agent,
  sim,
  bridge,
}) => {
  await signIn(page, agent);
  const before = bridge.records.length;
  // Two polls answered by the balancer with 503: transport errors, not session errors.
  sim.addFault({
    kind: 'http-error',
    status: 503,
    agentId: agent.id,
    path: 'agentevent',
    count: 2,
  });
  // The screen was told (a push said so), however briefly it showed.
  await expect
    .poll(() =>
      bridge.records
        .slice(before)
        .some((r) => r.kind === 'push' && /"health":"(degraded|reconnecting)"/.test(r.text)),
    )
    .toBe(true);
  await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'live', {
    timeout: 20_000,
  });
  await expect(page.getByTestId(ids.signInForm)).toHaveCount(0);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550601'] });
  await expect(page.locator(`[data-control-id="${controlId}"]`)).toBeVisible();
});
