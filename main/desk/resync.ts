import type { GatewayApi } from '../gateway/api';
import type { GatewayError } from '../gateway/types';
import type { DeskState } from './desk-state';
import { agentStateFromStatus, enterState } from './agent-state';
import { isCallActive } from './call-machine';
import { parseCallData } from './call-data';
import { describeError } from './summaries';

/** What re-sync found that the desk must act on. */
export type ResyncOutcome =
  | { kind: 'done' }
  | { kind: 'stale' }
  | { kind: 'call-gone' }
  | { kind: 'lost'; detail: string }
  | { kind: 'signed-out'; retcode: string; error: GatewayError };

/**
 * After a reconnect or a resume, the screen is not trusted until agentstatus (§3.8) and
 * callinfo (§5.7) agree with it (design.md §3 Liveness): a call we thought up that the
 * gateway no longer has has ended; a call the gateway has that we do not show is shown;
 * the agent state comes from `agentState` (§6.1). `current()` says whether this run is
 * still the latest for the same session.
 */
export async function resync(
  api: GatewayApi,
  state: DeskState,
  why: string,
  current: () => boolean,
): Promise<ResyncOutcome> {
  state.connection = { ...state.connection, resyncing: true };
  state.addLog('connection', 'resync', `re-sync after ${why}`);
  const [status, info] = await Promise.all([api.agentStatus(), api.callInfo()]);
  if (!current()) return { kind: 'stale' };
  state.connection = { ...state.connection, resyncing: false };
  state.changed();
  for (const r of [status, info]) {
    if (!r.ok && r.error.kind === 'signed-out') {
      return { kind: 'signed-out', retcode: r.error.retcode, error: r.error };
    }
    if (!r.ok) state.addLog('error', 'resync', describeError(r.error));
  }
  if (status.ok) {
    const name = agentStateFromStatus(status.value.agentState);
    if (name === 'signed-out')
      return { kind: 'lost', detail: 'the gateway reports the agent signed out' };
    const a = state.agent;
    if (a.state !== name && name !== 'unknown') {
      state.agent = enterState(a, name, state.now());
      state.changed();
    }
  }
  if (info.ok) {
    if (info.value === null) {
      if (state.endCallGone()) return { kind: 'call-gone' };
    } else if (!isCallActive(state.call)) {
      const { callId, called, callData } = info.value;
      state.showForeignCall(callId, called, 'talking', parseCallData(callData));
    }
  }
  return { kind: 'done' };
}
