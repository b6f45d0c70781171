/**
 * Previews the dialler takes back (gateway-protocol.md §7.1 `AgentEvent_Release_Preview`,
 * §10.5 `200-036` at dial time; design.md §3 Previews): the card leaves the queue and the
 * recent list says "withdrawn", whether the event came first or the dial found out.
 */
import { expect, test } from './fixtures';
import { previewCard, signIn, t } from './ui';

test('a preview withdrawn by the dialler leaves the queue and shows as withdrawn', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, {
    numbers: ['5550801'],
    callData: 'name=Kept',
  });
  const card = previewCard(page, controlId);
  await expect(card).toBeVisible();
  sim.withdrawPreview(agent.id, controlId);
  await expect(card).toHaveCount(0);
  const recent = page.getByTestId('recent-item').first();
  await expect(recent).toHaveAttribute('data-outcome', 'withdrawn');
  await expect(recent).toContainText(t('recent.withdrawn'));
  // Nothing was sent for it: the gateway took it back on its own.
  expect(
    sim.requests().some((r) => r.agentId === agent.id && /previewcallout$/i.test(r.path)),
  ).toBe(false);
});

test('a preview withdrawn before the event arrived is withdrawn when the dial is refused', async ({
  deskPage: page,
  agent,
  sim,
  bridge,
}) => {
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550901'] });
  const card = previewCard(page, controlId);
  await expect(card).toBeVisible();

  // Hold back the events: the next poll hangs until the faults are cleared.
  const polls = (): number =>
    sim.requests().filter((r) => r.agentId === agent.id && /agentevent/i.test(r.path)).length;
  const before = polls();
  sim.addFault({ kind: 'hang', agentId: agent.id, path: 'agentevent', count: 0 });
  await expect.poll(polls, { timeout: 10_000 }).toBeGreaterThan(before);
  sim.withdrawPreview(agent.id, controlId);
  try {
    await card.getByTestId('preview-call').click();
    // previewCallout answered 200-036: the preview is gone (§10.5).
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId('recent-item').first()).toHaveAttribute(
      'data-outcome',
      'withdrawn',
    );
    const callouts = sim
      .requests()
      .filter((r) => r.agentId === agent.id && /previewcallout$/i.test(r.path));
    expect(callouts).toHaveLength(1);
    const dial = bridge.records.find((r) => r.kind === 'result' && r.channel === 'preview:dial');
    expect(dial?.text).toContain('200-036');
  } finally {
    sim.clearFaults();
  }
  // The late AgentEvent_Release_Preview changes nothing more.
  await expect(page.getByTestId('recent-item')).toHaveCount(1);
  await expect(page.getByTestId('call-panel')).toHaveAttribute('data-phase', 'none');
});
