/**
 * The call panel (issue #13 §5, §6): the customer's data stays on screen with the call, the
 * finished call turns into a summary with its outcome that is plainly not live, it gives way
 * to "No call" once the agent chooses the next preview, and after Hang up the focus lands on
 * the summary instead of dropping to the page.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import CallPanel from '../../renderer/components/call/CallPanel.svelte';
import PreviewQueue from '../../renderer/components/queue/PreviewQueue.svelte';
import { FakeDesk, makeCall, makePreview, makeSnapshot, t0 } from './fake-desk';
import { renderIn, setup } from './harness';

const customer = {
  kind: 'fields' as const,
  fields: [
    { key: 'name', value: 'Li Wei' },
    { key: 'balance', value: '¥ 318.40' },
  ],
};

describe('call panel', () => {
  it("shows the customer's data during the call", async () => {
    const h = await setup(new FakeDesk(makeSnapshot({ call: makeCall({ callData: customer }) })));
    renderIn(h, CallPanel, {});
    const data = within(screen.getByTestId('call-customer'));
    expect(data.getByText('Li Wei')).toBeTruthy();
    expect(data.getByText('¥ 318.40')).toBeTruthy();
    expect(screen.getByTestId('call-panel').dataset['view']).toBe('live');
  });

  it.each([
    [{ phase: 'ended' as const, talkingSince: t0, endedAt: t0 + 83_000 }, 'Talked for 1:23'],
    [{ phase: 'ended' as const, talkingSince: null, endedAt: t0 + 9_000 }, 'Not answered'],
    [
      {
        phase: 'failed' as const,
        talkingSince: null,
        endedAt: t0 + 4_000,
        failure: { cause: 1552, description: 'Called party busy', event: 'call-out-fail' },
      },
      'Call failed',
    ],
  ])('turns a finished call into a summary: %j', async (end, outcome) => {
    const h = await setup(
      new FakeDesk(makeSnapshot({ call: makeCall({ callData: customer, ...end }) })),
    );
    renderIn(h, CallPanel, {});
    const panel = screen.getByTestId('call-panel');
    expect(panel.dataset['view']).toBe('summary');
    const summary = within(screen.getByTestId('call-summary'));
    expect(summary.getByRole('heading', { name: 'Last call — finished' })).toBeTruthy();
    expect(screen.getByTestId('call-summary-outcome').textContent?.trim()).toBe(outcome);
    expect(summary.getByText('Li Wei')).toBeTruthy();
    // Nothing of a live call: no phase, no timer, no hang-up.
    expect(screen.queryByTestId('call-phase')).toBeNull();
    expect(screen.queryByTestId('call-timer')).toBeNull();
    expect(screen.queryByTestId('call-hang-up')).toBeNull();
  });

  it('goes back to "No call" when the agent chooses the next preview', async () => {
    const h = await setup(
      new FakeDesk(
        makeSnapshot({
          call: makeCall({ phase: 'ended', endedAt: t0 + 60_000 }),
          previews: [makePreview('1537')],
        }),
      ),
    );
    renderIn(h, CallPanel, {});
    renderIn(h, PreviewQueue, {});
    expect(screen.getByTestId('call-summary')).toBeTruthy();
    const card = within(screen.getByTestId('preview-card'));
    await fireEvent.click(card.getAllByRole('radio')[1]!);
    expect(screen.queryByTestId('call-summary')).toBeNull();
    expect(screen.getByTestId('call-none')).toBeTruthy();
    // A later call shows again (live, then its own summary).
    h.fake.push({ call: makeCall({ startedAt: t0 + 90_000 }) });
    flushSync();
    expect(screen.getByTestId('call-panel').dataset['view']).toBe('live');
    h.fake.push({
      call: makeCall({ startedAt: t0 + 90_000, phase: 'ended', endedAt: t0 + 99_000 }),
    });
    flushSync();
    expect(screen.getByTestId('call-summary')).toBeTruthy();
  });

  it('keeps the focus on Hang up while it runs and moves it to the summary when the call ends', async () => {
    const h = await setup(new FakeDesk(makeSnapshot({ call: makeCall() })));
    renderIn(h, CallPanel, {});
    h.fake.hold('hangUp');
    const hang = screen.getByTestId('call-hang-up');
    hang.focus();
    await fireEvent.click(hang);
    flushSync();
    // Not `disabled`: a disabled button would drop the focus to the page.
    expect(hang.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(hang);
    await fireEvent.click(hang);
    expect(h.fake.callsOf('hangUp')).toHaveLength(1);
    h.fake.push({ call: makeCall({ phase: 'ended', endedAt: t0 + 30_000 }) });
    h.fake.release('hangUp');
    flushSync();
    await tick();
    expect(document.activeElement).toBe(screen.getByTestId('call-summary'));
  });

  it('leaves the focus alone when the agent is elsewhere as the call ends', async () => {
    const h = await setup(
      new FakeDesk(makeSnapshot({ call: makeCall(), previews: [makePreview('1537')] })),
    );
    renderIn(h, CallPanel, {});
    renderIn(h, PreviewQueue, {});
    const chip = screen.getAllByRole('radio')[0] as HTMLInputElement;
    chip.focus();
    h.fake.push({ call: makeCall({ phase: 'ended', endedAt: t0 + 30_000 }) });
    flushSync();
    await tick();
    expect(document.activeElement).toBe(chip);
  });
});
