import { describe, expect, it } from 'vitest';
import { CoalescingPublisher } from '../../main/desk/publisher';
import { FakeClock } from '../desk/support/fake-clock';

describe('CoalescingPublisher', () => {
  it('publishes a burst once, then at most once per interval, always with a trailing publish', async () => {
    const clock = new FakeClock();
    const published: number[] = [];
    const pub = new CoalescingPublisher(clock, 16, () => published.push(clock.now()));
    const t0 = clock.now();
    for (let i = 0; i < 100; i += 1) pub.markChanged();
    expect(published).toHaveLength(0); // never synchronous inside the caller
    await clock.advance(0);
    expect(published).toEqual([t0]);
    await clock.advance(5);
    pub.markChanged();
    await clock.advance(5);
    expect(published).toHaveLength(1);
    await clock.advance(6);
    expect(published).toEqual([t0, t0 + 16]);
    for (let ms = 0; ms < 100; ms += 1) {
      pub.markChanged();
      await clock.advance(1);
    }
    await clock.advance(50);
    const gaps = published.slice(1).map((t, i) => t - (published[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(16);
    expect(published.at(-1)).toBeGreaterThanOrEqual(t0 + 16 + 99);
  });

  it('cancel drops a pending publish', async () => {
    const clock = new FakeClock();
    let count = 0;
    const pub = new CoalescingPublisher(clock, 16, () => (count += 1));
    pub.markChanged();
    pub.cancel();
    await clock.advance(100);
    expect(count).toBe(0);
  });
});
