/**
 * Decline choices on a preview card (issue #13 §3): Decline, and "Decline and go not ready"
 * with the first of the administrator's reasons or another one from its menu; each one
 * keystroke; the recent list says which. The key caps never leak into the buttons' names (§5).
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import PreviewQueue from '../../renderer/components/queue/PreviewQueue.svelte';
import RecentList from '../../renderer/components/queue/RecentList.svelte';
import type { RecentPreview } from '../../main/ipc/contract';
import {
  FakeDesk,
  makePreview,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  t0,
} from './fake-desk';
import { renderApp, renderIn, setup } from './harness';

afterEach(() => {
  delete window.desk;
});

async function queue(
  fake = new FakeDesk(makeSnapshot({ previews: [makePreview('1536'), makePreview('1537')] })),
) {
  const h = await setup(fake);
  renderIn(h, PreviewQueue, {});
  return { h, fake: h.fake, cards: screen.getAllByTestId('preview-card') };
}

describe('decline choices', () => {
  it('declines and goes not ready with the first reason, named on the button', async () => {
    const { fake, cards } = await queue();
    const button = within(cards[1]!).getByTestId('preview-decline-not-ready');
    expect(button.textContent).toContain('Decline, not ready: Meeting');
    await fireEvent.click(button);
    expect(fake.callsOf('declinePreview')).toEqual([
      { controlId: '1537', notReady: { reason: 200 } },
    ]);
  });

  it('offers every other reason in a menu, each one click away', async () => {
    const { fake, cards } = await queue();
    const card = within(cards[0]!);
    const more = card.getByTestId('preview-decline-reasons');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.textContent).toContain('Decline and go not ready with another reason');
    await fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const items = card.getAllByTestId('preview-decline-reason');
    expect(items.map((i) => i.textContent)).toEqual(['Meeting', 'Training', 'Paperwork']);
    await fireEvent.click(items[2]!);
    expect(fake.callsOf('declinePreview')).toEqual([
      { controlId: '1536', notReady: { reason: 203 } },
    ]);
    expect(more.getAttribute('aria-expanded')).toBe('false');
  });

  it('goes not ready without a reason when the administrator set none', async () => {
    const view = makeSettingsView({ values: makeSettings({ notReadyReasons: [] }) });
    const { fake, cards } = await queue(
      new FakeDesk(makeSnapshot({ previews: [makePreview('1536')] }), view),
    );
    const card = within(cards[0]!);
    expect(card.queryByTestId('preview-decline-reasons')).toBeNull();
    const button = card.getByTestId('preview-decline-not-ready');
    expect(button.textContent).toContain('Decline and go not ready');
    await fireEvent.click(button);
    expect(fake.callsOf('declinePreview')).toEqual([{ controlId: '1536', notReady: {} }]);
  });

  it('names Call, Decline and Decline-not-ready without their key caps, which go to aria-keyshortcuts', async () => {
    const { cards } = await queue();
    const first = within(cards[0]!);
    const call = first.getByRole('button', { name: 'Call 13800000001' });
    expect(call.getAttribute('aria-keyshortcuts')).toBe('Control+Enter');
    const decline = first.getByRole('button', { name: 'Decline' });
    expect(decline.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+D');
    const notReady = first.getByRole('button', { name: 'Decline, not ready: Meeting' });
    expect(notReady.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+N');
    // The key caps are still shown, to sighted agents, on the card the shortcuts act on.
    expect(call.textContent).toContain('Enter');
    const second = within(cards[1]!);
    expect(second.getByTestId('preview-call').hasAttribute('aria-keyshortcuts')).toBe(false);
  });

  it('declines and goes not ready with one keystroke (Ctrl+Shift+N), plain decline with Ctrl+Shift+D', async () => {
    const fake = new FakeDesk(
      makeSnapshot({ previews: [makePreview('1536'), makePreview('1537')] }),
    );
    await renderApp(fake);
    await fireEvent.keyDown(window, { key: 'N', ctrlKey: true, shiftKey: true });
    expect(fake.callsOf('declinePreview')).toEqual([
      { controlId: '1536', notReady: { reason: 200 } },
    ]);
    fake.push({ previews: [makePreview('1537')] });
    flushSync();
    await fireEvent.keyDown(window, { key: 'D', ctrlKey: true, shiftKey: true });
    expect(fake.callsOf('declinePreview').at(-1)).toEqual({ controlId: '1537' });
  });
});

describe('recent list', () => {
  const recent = (outcome: RecentPreview['outcome'], n: number): RecentPreview => ({
    controlId: String(n),
    numbers: ['5550100'],
    receivedAt: t0,
    endedAt: t0 + n,
    outcome,
  });

  it('says which decline was used, with the reason by name', async () => {
    const h = await setup(
      new FakeDesk(
        makeSnapshot({
          recent: [
            recent({ kind: 'declined', auto: false }, 1),
            recent({ kind: 'declined', auto: false, andNotReady: { reason: 201 } }, 2),
            recent({ kind: 'declined', auto: false, andNotReady: { reason: null } }, 3),
            recent({ kind: 'declined', auto: false, andNotReady: { reason: 240 } }, 4),
          ],
        }),
      ),
    );
    renderIn(h, RecentList, {});
    const items = screen.getAllByTestId('recent-item');
    expect(items.map((i) => i.querySelector('.what')?.textContent)).toEqual([
      'Declined, then not ready: Reason 240',
      'Declined, then not ready',
      'Declined, then not ready: Training',
      'Declined',
    ]);
    expect(items.map((i) => i.dataset['notReady'] ?? '')).toEqual(['true', 'true', 'true', '']);
  });
});
