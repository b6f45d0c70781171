/**
 * Issue #9 on the real screen, the real desk core and the simulator: a dial whose answer was
 * lost keeps its preview (Call again or Decline, gateway-protocol §5.1, item 12); wrap-up
 * after a call comes with one key back to ready (§3.1, §3.6, item 7); a preview announced
 * without numbers waits without Call (§7.1, item 2); a release that could mean either preview
 * marks both and the dial decides (§7.1, item 3). Each new screen is scanned with axe in light
 * and dark.
 */
import { expectAccessible } from './a11y';
import { expect, test } from './fixtures';
import { callPreview, hangUp, previewCard, signIn, startTalking, t, waitForPhase } from './ui';

const callouts = (
  sim: { requests(): Array<{ agentId: string | null; path: string }> },
  id: string,
) => sim.requests().filter((r) => r.agentId === id && /\/previewCallout$/.test(r.path));

test.describe('a dial whose answer was lost', () => {
  test('keeps the preview with "may not have reached the gateway", then Call again goes through', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await signIn(page, agent);
    const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550701', '5550702'] });
    const card = previewCard(page, controlId);
    await expect(card).toBeVisible();
    // The load balancer answers 503: the gateway never saw the dial.
    sim.addFault({ kind: 'http-error', status: 503, agentId: agent.id, path: 'previewCallout' });
    await callPreview(page, card, '5550702');
    const note = card.getByTestId('preview-dial-uncertain');
    await expect(note).toHaveText(t('queue.dialUncertain', { number: '5550702' }));
    await expect(card.getByTestId('preview-error')).toContainText('HTTP 503');
    await expect(card.getByTestId('preview-call')).toContainText(
      t('queue.callAgain', { number: '5550702' }),
    );
    await expect(page.getByTestId('call-panel')).toHaveAttribute('data-phase', 'none');
    // The desk asked the gateway whether a call started, and never dialled again by itself.
    await expect
      .poll(
        () =>
          sim.requests().filter((r) => r.agentId === agent.id && /agentstatus$/.test(r.path))
            .length,
      )
      .toBeGreaterThan(0);
    expect(callouts(sim, agent.id)).toHaveLength(1);
    await expectAccessible(page, 'preview whose dial may not have reached the gateway');

    await card.getByTestId('preview-call').click();
    await waitForPhase(page, 'customer-ringing');
    await expect(card).toHaveCount(0);
    expect(callouts(sim, agent.id)).toHaveLength(2);
  });

  test('lets the agent decline it instead', async ({ deskPage: page, agent, sim }) => {
    await signIn(page, agent);
    const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550711'] });
    const card = previewCard(page, controlId);
    await expect(card).toBeVisible();
    // The connection drops before any answer (the client never retries a command).
    sim.addFault({ kind: 'drop', agentId: agent.id, path: 'previewCallout' });
    await callPreview(page, card);
    await expect(card.getByTestId('preview-dial-uncertain')).toBeVisible();
    await card.getByTestId('preview-decline').click();
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId('recent-item').first()).toHaveAttribute(
      'data-outcome',
      'declined',
    );
    expect(callouts(sim, agent.id)).toHaveLength(1);
    expect(
      sim
        .requests()
        .filter((r) => r.agentId === agent.id && /\/cancelPreviewCallout$/.test(r.path)),
    ).toHaveLength(1);
  });
});

test.describe('wrap-up after each call', () => {
  test.use({ deskSettings: { afterCall: 'wrap-up' } });

  test('shows wrap-up after the call and goes back to ready with F2, when the gateway says so', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await signIn(page, agent);
    const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550721'] });
    await expect(previewCard(page, controlId)).toBeVisible();
    await startTalking(page, sim, agent, controlId);
    await hangUp(page);
    const state = page.getByTestId('agent-state');
    await expect(state).toHaveAttribute('data-state', 'wrap-up');
    const ready = page.getByTestId('wrap-up-ready-button');
    await expect(ready).toContainText(t('status.ready'));
    await expectAccessible(page, 'wrap-up with Ready');

    await page.keyboard.press('F2');
    await expect(state).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('wrap-up-ready')).toHaveCount(0);
    const paths = sim
      .requests()
      .filter((r) => r.agentId === agent.id)
      .map((r) => r.path);
    // §3.6: ready from wrap-up is sayfree (documented), never the samples-only cancelwork.
    expect(paths.filter((p) => p.endsWith('/sayfree'))).toHaveLength(1);
    expect(paths.some((p) => p.endsWith('/cancelwork'))).toBe(false);
  });
});

test.describe('previews the gateway describes in parts (§7.1)', () => {
  test('shows a preview waiting for its numbers, without Call, until they arrive', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await signIn(page, agent);
    // AgentEvent_Preview with empty digits first, the CallOut_Ex with the numbers 3 s later.
    const { controlId } = sim.injectPreview(agent.id, {
      numbers: ['5550731', '5550732'],
      previewEvent: 'preview-then-callout',
      detailsAfterMs: 3_000,
    });
    const card = previewCard(page, controlId);
    await expect(card.getByTestId('preview-awaiting')).toHaveText(t('queue.awaitingNumbers'));
    await expect(card.getByTestId('preview-call')).toHaveCount(0);
    await expect(card.getByTestId('preview-decline')).toBeEnabled();
    await expectAccessible(page, 'preview waiting for its numbers');
    await expect(card.getByTestId('preview-awaiting')).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByTestId('preview-card')).toHaveCount(1);
    await callPreview(page, card, '5550732');
    await waitForPhase(page, 'customer-ringing');
  });

  test('marks both previews when a release could mean either, and the dial decides', async ({
    deskPage: page,
    agent,
    sim,
  }) => {
    await signIn(page, agent);
    const kept = sim.injectPreview(agent.id, { numbers: ['5550741'] });
    const gone = sim.injectPreview(agent.id, { numbers: ['5550742'] });
    await expect(page.getByTestId('preview-card')).toHaveCount(2);
    sim.withdrawPreview(agent.id, gone.controlId); // one AgentEvent_Release_Preview, no id
    const keptCard = previewCard(page, kept.controlId);
    const goneCard = previewCard(page, gone.controlId);
    await expect(keptCard.getByTestId('preview-may-be-withdrawn')).toHaveText(
      t('queue.mayBeWithdrawn'),
    );
    await expect(goneCard.getByTestId('preview-may-be-withdrawn')).toBeVisible();
    await expectAccessible(page, 'previews that may have been withdrawn');
    // The withdrawn one: the gateway answers 200-036 and it leaves as withdrawn.
    await callPreview(page, goneCard);
    await expect(goneCard).toHaveCount(0);
    await expect(page.getByTestId('recent-item').first()).toHaveAttribute(
      'data-outcome',
      'withdrawn',
    );
    // The healthy one was never lost: it dials.
    await callPreview(page, keptCard);
    await waitForPhase(page, 'customer-ringing');
  });
});
