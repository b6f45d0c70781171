/**
 * Synthetic snapshot parts for DOM-size measurements (test/bench/renderer.bench.ts): shapes
 * the core would publish (contract.ts), in numbers the core itself never reaches — its
 * preview queue is bounded — to see how the renderer scales. Never used for behaviour tests.
 */
import type { EventLogEntry, PreviewView } from '../../main/ipc/contract';

/** The i-th of many synthetic previews: 1–3 numbers and a three-field customer table. */
export function syntheticPreview(i: number, receivedAt: number): PreviewView {
  return {
    controlId: String(8_000_000_000 + i),
    numbers: ['5550100', '5550101', '5550102'].slice(0, 1 + (i % 3)),
    callData: {
      kind: 'fields',
      fields: [
        { key: 'name', value: `Customer ${i}` },
        { key: 'account', value: `ACC-${100_000 + i}` },
        { key: 'balance', value: `${(i * 13.7).toFixed(2)}` },
      ],
    },
    variant: 'CallOut_Ex',
    receivedAt,
    dialling: null,
    declining: false,
    countdown: null,
    mayBeWithdrawn: false,
    dialUncertain: null,
  };
}

/** The newest `count` of `total` events, oldest first, as the desk's ring holds them. */
export function syntheticLog(total: number, count: number, at: number): EventLogEntry[] {
  return Array.from({ length: count }, (_, k) => ({
    seq: total - count + 1 + k,
    at,
    category: k % 7 === 0 ? ('command' as const) : ('event' as const),
    name: k % 7 === 0 ? 'setAgentState' : 'AgentState_Ready',
    summary: `synthetic event ${total - count + 1 + k}`,
  }));
}
