import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { DeskState } from '../../renderer/lib/state/desk-state.svelte';
import type { DeskApi } from '../../main/ipc/contract';
import { FakeDesk, makePreview, makeSnapshot } from './fake-desk';

describe('DeskState', () => {
  it('keeps the newest snapshot when pushes and the start-up answer cross', async () => {
    const fake = new FakeDesk(makeSnapshot({ seq: 5 }));
    const desk = new DeskState(fake.api);
    fake.push({ previews: [makePreview('1')] }); // seq 6
    await desk.load(); // answers seq 6 now; an older answer must not win
    fake.respond('getSnapshot', { ok: true, value: makeSnapshot({ seq: 3 }) });
    await desk.load();
    expect(desk.snapshot?.seq).toBe(6);
    expect(desk.snapshot?.previews.map((p) => p.controlId)).toEqual(['1']);
    desk.dispose();
  });

  it('returns the same pending result for a second dial of the same preview', async () => {
    const fake = new FakeDesk(makeSnapshot({ previews: [makePreview('1536')] }));
    const desk = new DeskState(fake.api);
    await desk.load();
    fake.hold('dialPreview');
    const first = desk.dial('1536', '13800000001');
    const second = desk.dial('1536', '13800000001');
    expect(first).toBe(second);
    expect(desk.isPending('dial:1536')).toBe(true);
    fake.release('dialPreview', { ok: false, error: { kind: 'refused', reason: 'preview-busy' } });
    const result = await first;
    expect(result.ok).toBe(false);
    expect(fake.callsOf('dialPreview')).toHaveLength(1);
    expect(desk.isPending('dial:1536')).toBe(false);
    expect(desk.errorOf('dial:1536')).toEqual({ kind: 'refused', reason: 'preview-busy' });
    desk.dispose();
  });

  it('sends every DTMF press, even while one is in flight', async () => {
    const fake = new FakeDesk();
    const desk = new DeskState(fake.api);
    fake.hold('sendDigits');
    void desk.sendDigits('1');
    void desk.sendDigits('2');
    expect(fake.callsOf('sendDigits')).toEqual([{ digits: '1' }, { digits: '2' }]);
    fake.release('sendDigits');
    desk.dispose();
  });

  it('turns a bridge that throws into a visible internal error', async () => {
    const fake = new FakeDesk();
    const api: DeskApi = { ...fake.api, hangUp: () => Promise.reject(new Error('ipc gone')) };
    const desk = new DeskState(api);
    const result = await desk.hangUp();
    expect(result).toEqual({ ok: false, error: { kind: 'internal', detail: 'ipc gone' } });
    expect(desk.errorOf('hangUp')).toEqual({ kind: 'internal', detail: 'ipc gone' });
    desk.dispose();
  });

  it('remembers the chosen number only while the preview offers it', async () => {
    const fake = new FakeDesk(
      makeSnapshot({ previews: [makePreview('9', { numbers: ['1', '2'] })] }),
    );
    const desk = new DeskState(fake.api);
    await desk.load();
    expect(desk.chosenNumber('9')).toBe('1');
    desk.choose('9', '2');
    expect(desk.chosenNumber('9')).toBe('2');
    fake.push({ previews: [makePreview('9', { numbers: ['1'] })] });
    flushSync();
    expect(desk.chosenNumber('9')).toBe('1');
    expect(desk.chosenNumber('missing')).toBeNull();
    desk.dispose();
  });

  it('stops listening on dispose', async () => {
    const fake = new FakeDesk();
    const desk = new DeskState(fake.api);
    await desk.load();
    desk.dispose();
    fake.push({ previews: [makePreview('1')] });
    expect(desk.snapshot?.previews).toEqual([]);
  });
});
