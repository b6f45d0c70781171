import { afterEach, describe, expect, it } from 'vitest';
import { driftQueue, randomPreview } from './demo-previews';
import { startSimulator, type Simulator } from './index';
import { json, poll, pollEvents, signIn } from './test-client';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

describe('simulator demo mode', () => {
  it('builds realistic previews: 1–3 numbers, JSON or key=value call data', () => {
    for (let i = 0; i < 200; i += 1) {
      const p = randomPreview();
      expect(p.numbers.length).toBeGreaterThanOrEqual(1);
      expect(p.numbers.length).toBeLessThanOrEqual(3);
      expect(new Set(p.numbers).size).toBe(p.numbers.length);
      for (const n of p.numbers) expect(n).toMatch(/^\d{8,13}$/);
      if (p.variant === 'CallOut') expect(p.numbers.join(',').length).toBeLessThanOrEqual(24);
      const data = p.callData ?? '';
      const fields = data.startsWith('{')
        ? (JSON.parse(data) as Record<string, string>)
        : Object.fromEntries(data.split(';').map((kv) => kv.split('=')));
      expect(Object.keys(fields)).toEqual(
        expect.arrayContaining(['customerName', 'accountNo', 'amountDue']),
      );
    }
  });

  it('offers previews to idle agents and answers calls by itself', async () => {
    sim = await startSimulator({
      previewEveryMs: 20,
      autoAnswerMs: 5,
      callStepMs: 1,
      pollHoldMs: 200,
    });
    const a = await signIn(sim, '101');
    await pollEvents(sim, a, 2);
    const offer = await poll(sim, a);
    expect(offer?.eventType).toMatch(/^AgentEvent_Preview_CallOut(_Ex)?$/);
    const content = offer?.content as { controlid: string; dialeddigits: string };
    const called = content.dialeddigits.split(',')[0] ?? '';
    const r = await json(sim, 'PUT', 'voicecall/101/previewCallout', {
      guid: a.guid,
      body: { called, callcontrolid: content.controlid },
    });
    expect(r.retcode).toBe('0');
    const events = await pollEvents(sim, a, 5);
    expect(events.map((e) => e.eventType).at(-1)).toBe('AgentEvent_Talking');
  });

  it('lets the calls waiting drift in demo mode, the longest wait only while calls wait', async () => {
    const s = await startSimulator({ previewEveryMs: 5 });
    sim = s;
    const seen = new Set<number>();
    for (let i = 0; i < 60 && seen.size < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 10));
      for (const q of s.queues()) {
        seen.add(q.queueSize);
        expect(q.queueSize).toBeLessThanOrEqual(15);
        if (q.queueSize === 0) expect(q.queueTime).toBe(0);
        else expect(q.queueTime).toBeGreaterThan(0);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('drifts by at most two calls and grows the wait with time', () => {
    for (let i = 0; i < 500; i += 1) {
      const next = driftQueue({ queueSize: 4, queueTime: 30 }, 8);
      expect(Math.abs(next.queueSize - 4)).toBeLessThanOrEqual(2);
      expect(next.queueTime).toBe(38);
    }
    expect(driftQueue({ queueSize: 0, queueTime: 0 }, 8).queueTime).toBeLessThanOrEqual(60);
  });
});
