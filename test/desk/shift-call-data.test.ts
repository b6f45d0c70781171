/**
 * The customer's data stays with a call the desk did not dial (issue #13 §6): a call found
 * by re-sync shows what `callinfo` carried (gateway-protocol.md §5.7).
 */
import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from './support/desk-harness';

describe("a call found by re-sync keeps the customer's data", () => {
  it('shows the callinfo call data with a call the desk did not dial', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.status = { agentState: 7, isWorking: true };
    gw.callInfoValue = {
      callId: '1700000000-9',
      caller: '70101',
      called: '5550100',
      callFeature: 44,
      beginTime: null,
      callData: 'name=Ada Lovelace\naccount=ACC-1001',
    };
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toMatchObject({
      callId: '1700000000-9',
      number: '5550100',
      phase: 'talking',
      callData: {
        kind: 'fields',
        fields: [
          { key: 'name', value: 'Ada Lovelace' },
          { key: 'account', value: 'ACC-1001' },
        ],
      },
    });
  });
});
