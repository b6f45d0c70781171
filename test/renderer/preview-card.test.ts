import { fireEvent, screen, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import PreviewQueue from '../../renderer/components/queue/PreviewQueue.svelte';
import { FakeDesk, makeCall, makePreview, makeSnapshot } from './fake-desk';
import { renderIn, setup } from './harness';

async function queue(
  snapshot = makeSnapshot({ previews: [makePreview('1536'), makePreview('1537')] }),
) {
  const h = await setup(new FakeDesk(snapshot));
  renderIn(h, PreviewQueue, {});
  const cards = screen.getAllByTestId('preview-card');
  return { h, fake: h.fake, cards };
}

describe('preview queue', () => {
  it('shows the control id, customer data and number chips of each card', async () => {
    const { cards } = await queue();
    expect(cards.map((c) => c.dataset['controlId'])).toEqual(['1536', '1537']);
    const first = within(cards[0]!);
    expect(first.getByText('Li Wei')).toBeTruthy();
    expect(first.getAllByTestId('number-chip').map((c) => c.dataset['number'])).toEqual([
      '13800000001',
      '13800000002',
    ]);
    expect((first.getAllByRole('radio')[0] as HTMLInputElement).checked).toBe(true);
  });

  it('calls the number the agent chose', async () => {
    const { fake, cards } = await queue();
    const card = within(cards[0]!);
    await fireEvent.click(card.getAllByRole('radio')[1]!);
    expect(card.getByTestId('preview-call').textContent).toContain('Call 13800000002');
    await fireEvent.click(card.getByTestId('preview-call'));
    expect(fake.callsOf('dialPreview')).toEqual([{ controlId: '1536', number: '13800000002' }]);
  });

  it('sends one request for a double click and disables Call while it is pending', async () => {
    const { fake, cards } = await queue();
    fake.hold('dialPreview');
    const call = within(cards[0]!).getByTestId('preview-call') as HTMLButtonElement;
    call.click();
    call.click();
    flushSync();
    expect(call.disabled).toBe(true);
    expect(within(cards[0]!).getByTestId('preview-dialling').textContent).toContain(
      'Dialling 13800000001',
    );
    await fireEvent.click(call);
    expect(fake.callsOf('dialPreview')).toHaveLength(1);
    fake.release('dialPreview');
  });

  it('declines the preview', async () => {
    const { fake, cards } = await queue();
    await fireEvent.click(within(cards[1]!).getByTestId('preview-decline'));
    expect(fake.callsOf('declinePreview')).toEqual([{ controlId: '1537' }]);
  });

  it('shows why Call is disabled while a call is up', async () => {
    const { cards } = await queue(
      makeSnapshot({ previews: [makePreview('1536')], call: makeCall() }),
    );
    const call = within(cards[0]!).getByTestId('preview-call') as HTMLButtonElement;
    expect(call.disabled).toBe(true);
    const reason = document.getElementById(call.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toContain('Finish the current call before calling.');
  });

  it('shows a dial failure next to the card in plain words', async () => {
    const { fake, cards } = await queue();
    fake.fail('dialPreview', {
      kind: 'gateway',
      retcode: '200-036',
      message: 'preview not exist',
      text: { en: 'The dialler already withdrew this customer.', zh: '外呼系统已撤回该客户。' },
    });
    await fireEvent.click(within(cards[0]!).getByTestId('preview-call'));
    const error = await within(cards[0]!).findByTestId('preview-error');
    expect(error.textContent).toContain('already withdrew');
    expect(error.textContent).toContain('200-036');
  });

  it('moves focus to the next card when the focused card goes away', async () => {
    const { fake, cards } = await queue();
    cards[0]!.focus();
    expect(document.activeElement).toBe(cards[0]);
    fake.push({ previews: [makePreview('1537')] });
    flushSync();
    await tick();
    const [next] = screen.getAllByTestId('preview-card');
    expect(next?.dataset['controlId']).toBe('1537');
    expect(document.activeElement).toBe(next);
  });

  it('moves focus to the queue heading when the last card goes away', async () => {
    const { fake, cards } = await queue(makeSnapshot({ previews: [makePreview('1536')] }));
    within(cards[0]!).getByTestId('preview-decline').focus();
    fake.push({ previews: [] });
    flushSync();
    await tick();
    expect(document.activeElement?.textContent).toBe('Previews');
    expect(screen.getByTestId('preview-empty')).toBeTruthy();
  });

  it('renders 16 KB of text customer data as plain text', async () => {
    const text = '<b>not html</b> ' + 'x'.repeat(16 * 1024);
    await queue(
      makeSnapshot({ previews: [makePreview('1', { callData: { kind: 'text', text } })] }),
    );
    const data = screen.getByTestId('call-data');
    expect(data.tagName).toBe('PRE');
    expect(data.textContent).toBe(text);
    expect(data.querySelector('b')).toBeNull();
  });
});
