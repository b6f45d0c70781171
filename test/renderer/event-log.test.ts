import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import EventLog from '../../renderer/components/common/EventLog.svelte';
import { filterLog, logLimit, mergeLog } from '../../renderer/lib/event-log';
import { FakeDesk, makeLogEntry, makeSnapshot } from './fake-desk';
import { renderIn, setup } from './harness';

const latest = [
  makeLogEntry(9, { category: 'event', name: 'AgentEvent_Talking', summary: 'call 1 talking' }),
  makeLogEntry(10, { category: 'error', name: 'secondDialEx', summary: 'timeout' }),
];
const ring = [
  makeLogEntry(1, { category: 'command', name: 'login', summary: 'agent 1001' }),
  makeLogEntry(2, { category: 'connection', name: 'poll', summary: 'reconnecting' }),
  ...latest,
];

async function open() {
  const h = await setup(new FakeDesk(makeSnapshot({ log: { total: 4, latest } })));
  h.fake.respond('getEventLog', { ok: true, value: ring });
  renderIn(h, EventLog, {});
  const toggle = screen.getByRole('button', { name: /Event log/, expanded: false });
  await fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  await screen.findByText('login');
  return h.fake;
}

function rows(): string[] {
  return screen
    .getAllByTestId('event-log-row')
    .map((r) => r.querySelector('.name')?.textContent ?? '');
}

describe('event log', () => {
  it('fetches the whole ring when opened and lists newest first', async () => {
    const fake = await open();
    expect(fake.callsOf('getEventLog')).toHaveLength(1);
    expect(rows()).toEqual(['secondDialEx', 'AgentEvent_Talking', 'poll', 'login']);
  });

  it('filters by text and by category', async () => {
    await open();
    await fireEvent.input(screen.getByTestId('event-log-filter'), { target: { value: 'TALK' } });
    expect(rows()).toEqual(['AgentEvent_Talking']);
    await fireEvent.input(screen.getByTestId('event-log-filter'), { target: { value: '' } });
    await fireEvent.change(screen.getByTestId('event-log-category'), {
      target: { value: 'error' },
    });
    expect(rows()).toEqual(['secondDialEx']);
    expect(screen.getByTestId('event-log-count').textContent).toContain('Showing 1 of 4');
  });

  it('keeps the list bounded and deduplicated', () => {
    const many = Array.from({ length: logLimit + 50 }, (_, i) => makeLogEntry(i));
    const merged = mergeLog(many, [makeLogEntry(logLimit + 49), makeLogEntry(logLimit + 50)]);
    expect(merged).toHaveLength(logLimit);
    expect(merged[0]?.seq).toBe(logLimit + 50);
    expect(new Set(merged.map((e) => e.seq)).size).toBe(logLimit);
    expect(filterLog(merged, 'entry 549', 'event').map((e) => e.seq)).toEqual([549]);
  });
});
