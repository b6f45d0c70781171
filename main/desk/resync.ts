import type { GatewayApi } from '../gateway/api';
import type { CallInfo, GatewayError } from '../gateway/types';
import type { DeskState } from './desk-state';
import { agentStateFromStatus, enterState } from './agent-state';
import { isCallActive } from './call-machine';
import { parseCallData } from './call-data';
import { describeError } from './summaries';

/** What re-sync found that the desk must act on. */
export type ResyncOutcome =
  | { kind: 'done' }
  | { kind: 'stale' }
  /** The call the desk showed has ended (another may be shown in its place). */
  | { kind: 'call-gone' }
  | { kind: 'lost'; detail: string }
  | { kind: 'signed-out'; error: Extract<GatewayError, { kind: 'signed-out' }> };

/**
 * After a reconnect, a resume or a refused sign-out, the screen is not trusted until the
 * gateway confirms it (design.md §3 Liveness, gateway-protocol.md §5.7, §3.8):
 * 1. `agentstatus` decides whether a call is up (`isWorking`), and the agent state (§6.1);
 * 2. only when a call is up, `callinfo` gives its details, compared by call id: the same call
 *    is updated, a different one replaces a stale view;
 * 3. when no call is up, any `callinfo` result would be a finished call: it is never asked
 *    for, a call still shown is ended, and nothing is shown as live.
 * This holds under either reading of `isNoContainLastCall` (§10.17). When `agentstatus`
 * cannot answer, the screen is left as it is (nothing is decided on a guess).
 * `current()` says whether this run is still the latest for the same session.
 */
export async function resync(
  api: GatewayApi,
  state: DeskState,
  why: string,
  current: () => boolean,
): Promise<ResyncOutcome> {
  state.connection = { ...state.connection, resyncing: true };
  state.addLog('connection', 'resync', `re-sync after ${why}`);
  const done = (outcome: ResyncOutcome): ResyncOutcome => {
    if (outcome.kind === 'stale') return outcome;
    state.connection = { ...state.connection, resyncing: false };
    state.changed();
    return outcome;
  };
  const status = await api.agentStatus();
  if (!current()) return { kind: 'stale' };
  if (!status.ok) {
    if (status.error.kind === 'signed-out')
      return done({ kind: 'signed-out', error: status.error });
    state.addLog('error', 'resync', `agentstatus: ${describeError(status.error)}`);
    return done({ kind: 'done' });
  }
  const name = agentStateFromStatus(status.value.agentState);
  if (name === 'signed-out') {
    return done({ kind: 'lost', detail: 'the gateway reports the agent signed out' });
  }
  const a = state.agent;
  if (a.state !== name && name !== 'unknown') {
    state.agent = enterState(a, name, state.now());
    state.changed();
  }
  if (!status.value.isWorking) {
    // A dial of ours still unanswered: the call may simply not have started yet.
    if (dialInFlight(state)) return done({ kind: 'done' });
    // Rule 3: no call is up; a call still shown has ended.
    return done(state.endCallGone() ? { kind: 'call-gone' } : { kind: 'done' });
  }
  const info = await api.callInfo();
  if (!current()) return { kind: 'stale' };
  if (!info.ok) {
    if (info.error.kind === 'signed-out') return done({ kind: 'signed-out', error: info.error });
    state.addLog('error', 'resync', `callinfo: ${describeError(info.error)}`);
  }
  return done(showWorkingCall(state, info.ok ? info.value : null));
}

/** The call shown is a dial whose previewCallout has not answered yet. */
function dialInFlight(state: DeskState): boolean {
  const call = state.call;
  if (call?.phase !== 'dialling' || call.controlId === null) return false;
  return state.previews.get(call.controlId)?.dialling != null;
}

/** Rule 2: a call is up; `info` (may be null: no details) says which. */
function showWorkingCall(state: DeskState, info: CallInfo | null): ResyncOutcome {
  const shown = state.call;
  if (isCallActive(shown) && shown !== null) {
    if (info === null || shown.callId === null || shown.callId === info.callId) {
      if (info !== null && shown.callId === null) {
        state.call = { ...shown, callId: info.callId };
        state.changed();
      }
      return { kind: 'done' };
    }
    // A different call: the one shown is stale (ended, or another took its place).
    state.addLog('connection', 'resync', `call ${shown.callId} replaced by ${info.callId}`);
    state.endCallGone();
    state.showForeignCall(info.callId, info.called, 'talking', parseCallData(info.callData));
    return { kind: 'call-gone' };
  }
  // The gateway has a call the desk does not show: show it (number unknown without details).
  // Its call data too, so the customer is on screen (issue #13 §6).
  state.showForeignCall(
    info?.callId ?? '',
    info?.called ?? '',
    'talking',
    parseCallData(info?.callData ?? ''),
  );
  return { kind: 'done' };
}
