/**
 * Sign-in through the real desk core and the simulator (design.md §3 sign-in flow): a plain
 * sign-in, and the forced one when the agent ID is signed in on another desk (100-002 →
 * the question → forcelogin).
 */
import { expect, test } from './fixtures';
import { ids, signIn, submitSignIn, t } from './ui';

test('signs in with agent ID, password and phone and shows the live desk', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await expect(page.getByTestId(ids.agentId)).toBeEnabled();
  await page.getByLabel(t('signIn.agentId')).fill(agent.id);
  await page.getByLabel(t('signIn.password')).fill(agent.password);
  await page.getByLabel(t('signIn.phone')).fill(agent.phone);
  await page.getByRole('button', { name: t('signIn.submit'), exact: true }).click();

  await expect(page.getByTestId(ids.signInForm)).toHaveCount(0);
  await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'live');
  await expect(page.getByTestId('status-agent-id')).toContainText(agent.id);
  const session = sim.sessions().find((s) => s.agentId === agent.id);
  expect(session, 'the simulator has a session for the agent').toBeDefined();
  // resetskill/true follows the login (gateway-protocol.md §2.6).
  const paths = sim
    .requests()
    .filter((r) => r.agentId === agent.id)
    .map((r) => r.path);
  expect(paths.some((p) => /resetskill\/true$/i.test(p))).toBe(true);
});

test('asks before ending a session signed in elsewhere, then signs in here', async ({
  deskPage: page,
  agent,
  sim,
  makeDesk,
}) => {
  const elsewhere = makeDesk();
  const first = await elsewhere.desk.signIn({
    agentId: agent.id,
    password: agent.password,
    phone: agent.phone,
  });
  expect(first.ok, JSON.stringify(first)).toBe(true);

  await submitSignIn(page, agent);
  const question = page.getByRole('alertdialog');
  await expect(question).toBeVisible();
  await expect(question).toContainText(t('signIn.force.title'));
  await expect(question).toContainText(agent.id);
  // Nothing forced yet: the gateway only answered 100-002 to the plain login.
  expect(sim.requests().some((r) => r.agentId === agent.id && /forcelogin/i.test(r.path))).toBe(
    false,
  );

  await page.getByRole('button', { name: t('signIn.force.confirm') }).click();
  await expect(page.getByTestId(ids.signInForm)).toHaveCount(0);
  await expect(page.getByTestId(ids.health)).toHaveAttribute('data-health', 'live');
  expect(
    sim.requests().filter((r) => r.agentId === agent.id && /forcelogin/i.test(r.path)),
  ).toHaveLength(1);

  // The other desk's session ended: the gateway either queues AgentOther_ShutdownService
  // for it or refuses its Guid (100-006/000-003) — §2.3. Either way it learns that another
  // session holds the agent ID (a Guid-less agentstatus, or its own sign-in answered
  // 100-002) and says so; it never signs in again by itself (issue #11).
  await expect
    .poll(() => elsewhere.desk.snapshot().session.lastSignOut?.kind, { timeout: 15_000 })
    .toBe('elsewhere');
  expect(elsewhere.desk.snapshot().session.phase).toBe('signed-out');
});

test('cancelling the question keeps the other session and the form', async ({
  deskPage: page,
  agent,
  sim,
  makeDesk,
}) => {
  const elsewhere = makeDesk();
  const first = await elsewhere.desk.signIn({
    agentId: agent.id,
    password: agent.password,
    phone: agent.phone,
  });
  expect(first.ok, JSON.stringify(first)).toBe(true);
  await submitSignIn(page, agent);
  await page.getByTestId('sign-in-force-cancel').click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByTestId(ids.submit)).toBeEnabled();
  expect(sim.requests().some((r) => r.agentId === agent.id && /forcelogin/i.test(r.path))).toBe(
    false,
  );
  expect(elsewhere.desk.snapshot().session.phase).toBe('signed-in');
});

test('a wrong password is refused in plain words', async ({ deskPage: page, agent }) => {
  await submitSignIn(page, { ...agent, password: 'not-the-password' });
  const error = page.getByTestId(ids.signInError);
  await expect(error).toBeVisible();
  // 100-004 (gateway-protocol.md §8), shown with its plain-words text and code.
  await expect(error).toContainText('100-004');
  await expect(page.getByTestId(ids.signInForm)).toBeVisible();
});

test('signs in and out again from the status bar', async ({ deskPage: page, agent }) => {
  await signIn(page, agent);
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId(ids.signInForm)).toBeVisible();
  await expect(page.getByTestId(ids.signOutReason)).toHaveAttribute('data-reason', 'agent');
});
