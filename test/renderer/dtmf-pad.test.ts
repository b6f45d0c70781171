import { fireEvent, screen } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import DtmfPad from '../../renderer/components/dialpad/DtmfPad.svelte';
import { FakeDesk, makeCall, makeSnapshot } from './fake-desk';
import { renderIn, setup } from './harness';

async function pad(call = makeCall()) {
  const h = await setup(new FakeDesk(makeSnapshot({ call })));
  renderIn(h, DtmfPad, {});
  return h.fake;
}

function sent(fake: FakeDesk): string[] {
  return fake.callsOf('sendDigits').map((r) => (r as { digits: string }).digits);
}

function paste(target: Element, text: string): Promise<boolean> {
  return fireEvent.paste(target, { clipboardData: { getData: () => text } });
}

describe('DTMF pad', () => {
  it('sends the key clicked, including * and #', async () => {
    const fake = await pad();
    await fireEvent.click(screen.getByTestId('dtmf-key-1'));
    await fireEvent.click(screen.getByTestId('dtmf-key-star'));
    await fireEvent.click(screen.getByTestId('dtmf-key-hash'));
    expect(sent(fake)).toEqual(['1', '*', '#']);
  });

  it('sends digits typed anywhere on the desk, in order', async () => {
    const fake = await pad();
    for (const key of ['4', '2', '#', 'a', 'Enter'])
      await fireEvent.keyDown(document.body, { key });
    expect(sent(fake)).toEqual(['4', '2', '#']);
  });

  it('leaves digits typed into a text field alone', async () => {
    const fake = await pad();
    const input = document.createElement('input');
    document.body.append(input);
    await fireEvent.keyDown(input, { key: '5' });
    await fireEvent.keyDown(document.body, { key: '5', ctrlKey: true });
    expect(sent(fake)).toEqual([]);
    input.remove();
  });

  it('sends a pasted number without its separators', async () => {
    const fake = await pad();
    await paste(document.body, ' 138-0013 (8000)#\n');
    expect(sent(fake)).toEqual(['13800138000#']);
  });

  it('refuses a paste with other characters, says why, and sends nothing', async () => {
    const fake = await pad();
    await paste(document.body, '12ab34');
    expect(sent(fake)).toEqual([]);
    expect(screen.getByTestId('dtmf-paste-note').textContent).toContain('a b');
  });

  it('shows sent, sending and queued digits, masked on request', async () => {
    await pad(
      makeCall({ dtmf: { sent: '123', inFlight: '4', queued: '56#', unsent: '', error: null } }),
    );
    expect(screen.getByTestId('dtmf-sent').textContent).toBe('123');
    expect(screen.getByTestId('dtmf-in-flight').textContent).toBe('4');
    expect(screen.getByTestId('dtmf-queued').textContent).toBe('56#');
    const mask = screen.getByTestId('dtmf-mask');
    await fireEvent.click(mask);
    expect(mask.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('dtmf-sent').textContent).toBe('•••');
    expect(screen.getByTestId('dtmf-queued').textContent).toBe('•••');
  });

  it('shows unsent digits with the reason', async () => {
    await pad(
      makeCall({
        dtmf: {
          sent: '1',
          inFlight: '',
          queued: '',
          unsent: '23',
          error: { kind: 'timeout', phase: 'request' },
        },
      }),
    );
    expect(screen.getByTestId('dtmf-unsent').textContent).toBe('23');
    expect(screen.getByTestId('dtmf-error').textContent).toContain('did not answer in time');
  });

  it('is disabled with an explanation when no call is talking', async () => {
    const fake = await pad(makeCall({ phase: 'customer-ringing', talkingSince: null }));
    const key = screen.getByTestId('dtmf-key-1') as HTMLButtonElement;
    expect(key.disabled).toBe(true);
    expect(screen.getByTestId('dtmf-explanation').textContent).toContain(
      'works while you are talking',
    );
    await fireEvent.keyDown(document.body, { key: '1' });
    await paste(document.body, '123');
    expect(sent(fake)).toEqual([]);
  });

  it('takes the focus when a call starts', async () => {
    const h = await setup(new FakeDesk(makeSnapshot({ call: null })));
    renderIn(h, DtmfPad, {});
    h.fake.push({ call: makeCall({ phase: 'dialling', talkingSince: null }) });
    flushSync();
    await tick();
    expect(document.activeElement).toBe(screen.getByTestId('dtmf-pad'));
  });
});
