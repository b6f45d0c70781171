import { describe, expect, it } from 'vitest';
import { EVENT_LOG_CAPACITY, EventLog, maskDigits } from '../../main/desk/event-log';

describe('EventLog', () => {
  it('keeps the newest 500 entries in order and counts all', () => {
    const log = new EventLog();
    for (let i = 1; i <= 1234; i += 1) log.add(i, 'event', 'E', `entry ${i}`);
    const all = log.entries();
    expect(log.total).toBe(1234);
    expect(all).toHaveLength(EVENT_LOG_CAPACITY);
    expect(all[0]?.seq).toBe(1234 - EVENT_LOG_CAPACITY + 1);
    expect(all.at(-1)?.summary).toBe('entry 1234');
    expect(log.latest(50).map((e) => e.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => 1185 + i),
    );
  });

  it('returns copies and caps summaries', () => {
    const log = new EventLog(3);
    log.add(1, 'command', 'x', 'y'.repeat(1000));
    const [first] = log.entries();
    expect(first?.summary.length).toBe(300);
    if (first !== undefined) first.summary = 'changed';
    expect(log.entries()[0]?.summary).not.toBe('changed');
  });

  it('masks DTMF digits', () => {
    expect(maskDigits('12#*')).toBe('••••');
  });
});

describe('EventLog.latest', () => {
  it('returns the newest entries in order before and after the ring wraps', () => {
    const log = new EventLog(5);
    log.add(1, 'event', 'E', '1');
    log.add(2, 'event', 'E', '2');
    expect(log.latest(3).map((e) => e.seq)).toEqual([1, 2]);
    for (let i = 3; i <= 13; i += 1) log.add(i, 'event', 'E', String(i));
    expect(log.latest(3).map((e) => e.seq)).toEqual([11, 12, 13]);
    expect(log.latest(50).map((e) => e.seq)).toEqual([9, 10, 11, 12, 13]);
  });
});
