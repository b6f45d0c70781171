import { describe, expect, it } from 'vitest';
import { commandChannels, pushChannel } from '../../main/ipc/contract';

describe('IPC channel names', () => {
  it('are unique and follow domain:verb-noun', () => {
    const names = [...Object.values(commandChannels), pushChannel];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });
});
