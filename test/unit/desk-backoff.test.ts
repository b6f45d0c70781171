import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../main/desk/backoff';

describe('backoffDelayMs', () => {
  it('starts at 0.5 s and doubles up to 5 s without jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 30].map((a) => backoffDelayMs(a, mid))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });

  it('jitters by ±20 %', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(400);
    expect(backoffDelayMs(0, () => 0.999999)).toBe(600);
    expect(backoffDelayMs(10, () => 0)).toBe(4000);
    expect(backoffDelayMs(10, () => 0.999999)).toBe(6000);
  });
});
