/**
 * What comes back after the desk signed in again by itself (issue #11 §3): the agent's chosen
 * state, the call if the gateway still has it, and nothing shown that is not true.
 */
import type { GatewayApi } from '../gateway/api';
import type { AfterCall } from '../gateway/types';
import type { AgentStateRequest, AgentView, DeskResult } from '../ipc/contract';
import type { DeskState } from './desk-state';
import { agentStateFromStatus, enterState } from './agent-state';
import { isCallActive } from './call-machine';
import { describeError } from './summaries';
import {
  BUSY_REASON_MAX,
  BUSY_REASON_MIN,
  REST_CAUSE_MAX,
  REST_SECONDS_MAX,
} from '../gateway/assumptions';

/**
 * The state the agent had chosen (not one the gateway imposed for a call): what the desk puts
 * back after signing in again. Rest keeps its end time, so the time left is restored.
 */
export type ChosenState =
  | { state: 'ready' }
  | { state: 'not-ready'; reason: number | null }
  | { state: 'rest'; endsAt: number | null; cause: number | null }
  | { state: 'wrap-up' };

/** The agent's choice in `agent`, or null when it shows none (on a call, unknown, signed out). */
export function chosenOf(agent: AgentView, now: number): ChosenState | null {
  const pending = agent.pending;
  if (pending !== null) {
    // Asked for and not confirmed yet: still the agent's choice.
    switch (pending.state) {
      case 'ready':
      case 'wrap-up':
        return { state: pending.state };
      case 'not-ready':
        return { state: 'not-ready', reason: pending.reason ?? null };
      case 'rest':
        return {
          state: 'rest',
          endsAt: now + pending.seconds * 1000,
          cause: pending.reason ?? null,
        };
    }
  }
  switch (agent.state) {
    case 'ready':
    case 'wrap-up':
      return { state: agent.state };
    case 'not-ready':
      return { state: 'not-ready', reason: agent.reason };
    case 'rest':
      return { state: 'rest', endsAt: agent.restEndsAt, cause: agent.reason };
    default:
      return null;
  }
}

/**
 * The one request that takes a busy sign-in (`status: 3`) to `chosen`, or null when busy is
 * already right (not ready with no reason the gateway takes, a rest of unknown length — never
 * ready when the agent was not). Rest asks for the time left (at least 1 s: an overdue rest is
 * still a rest, and the gateway's reminder comes at once).
 */
export function requestFor(chosen: ChosenState, now: number): AgentStateRequest | null {
  switch (chosen.state) {
    case 'ready':
    case 'wrap-up':
      return { state: chosen.state };
    case 'not-ready': {
      const r = chosen.reason;
      return r !== null && r >= BUSY_REASON_MIN && r <= BUSY_REASON_MAX
        ? { state: 'not-ready', reason: r }
        : null;
    }
    case 'rest': {
      if (chosen.endsAt === null) return null;
      const seconds = Math.min(
        REST_SECONDS_MAX,
        Math.max(1, Math.ceil((chosen.endsAt - now) / 1000)),
      );
      const cause = chosen.cause;
      return cause !== null && cause >= 0 && cause <= REST_CAUSE_MAX
        ? { state: 'rest', seconds, reason: cause }
        : { state: 'rest', seconds };
    }
  }
}

/** What restoring found and did, for the event log and the tests. */
export interface RestoreReport {
  /** The call shown at the loss: still up at the gateway, lost, or there was none. */
  call: 'continued' | 'lost' | 'none' | 'unknown';
  /** The gateway has a call the desk did not show (it is shown now). */
  otherCall: boolean;
  /** The state request sent, `after-call` when it waits for the call to end, or null. */
  state: AgentStateRequest | 'after-call' | null;
}

export interface RestoreInput {
  api: GatewayApi;
  state: DeskState;
  chosen: ChosenState | null;
  afterCall: AfterCall;
  /** Sends a state request the way the agent's own would go (pending until its event). */
  apply: (req: AgentStateRequest) => Promise<DeskResult<void>>;
  /** Still the session restoring (a newer loss or a sign-out makes it stale). */
  current: () => boolean;
}

/**
 * Restores after an automatic sign-in, in order:
 * 1. `agentstatus`: the state the gateway has now, and whether a call is up (`isWorking`,
 *    §3.8) — when it cannot answer nothing is decided and the agent stays busy;
 * 2. the call: a call up with the same id (`callinfo`, §5.7) continues — panel and keypad; a
 *    call shown but no longer up is ended "lost with the gateway" (Recent keeps it); a call the
 *    desk did not show is shown;
 * 3. the chosen state: with no call, the request that restores it from busy; with a call up,
 *    not ready / rest / wrap-up are sent now (the gateway applies them when the call ends,
 *    §6.1 state 9) and ready waits for the call's end. After a lost call, `afterCall:
 *    'wrap-up'` puts the agent in wrap-up as any ended call would.
 */
export async function restoreAfterSignIn(i: RestoreInput): Promise<RestoreReport> {
  const { api, state } = i;
  const status = await api.agentStatus();
  if (!i.current()) return { call: 'unknown', otherCall: false, state: null };
  if (!status.ok) {
    state.addLog(
      'error',
      'restore',
      `agentstatus: ${describeError(status.error)}; staying not ready`,
    );
    return { call: 'unknown', otherCall: false, state: null };
  }
  const now = state.now();
  const name = agentStateFromStatus(status.value.agentState);
  if (name !== 'unknown' && name !== 'signed-out' && state.agent.state !== name) {
    state.agent = enterState(state.agent, name, now);
    state.changed();
  }
  const shown = state.call;
  const wasUp = shown !== null && isCallActive(shown);
  let call: RestoreReport['call'] = wasUp ? 'lost' : 'none';
  let otherCall = false;
  if (status.value.isWorking) {
    const info = await api.callInfo();
    if (!i.current()) return { call: 'unknown', otherCall: false, state: null };
    const found = info.ok ? info.value : null;
    if (!info.ok) state.addLog('error', 'restore', `callinfo: ${describeError(info.error)}`);
    if (wasUp && (found === null || shown.callId === null || shown.callId === found.callId)) {
      call = 'continued';
      if (found !== null && shown.callId === null) {
        state.call = { ...shown, callId: found.callId };
        state.changed();
      }
    } else {
      if (wasUp) state.endCallLost();
      state.showForeignCall(found?.callId ?? '', found?.called ?? '', 'talking');
      otherCall = true;
    }
  } else if (wasUp) {
    state.endCallLost();
  }
  const callUp = status.value.isWorking;
  let chosen = i.chosen;
  if (call === 'lost' && i.afterCall === 'wrap-up' && chosen?.state === 'ready') {
    chosen = { state: 'wrap-up' };
  }
  if (chosen === null) return { call, otherCall, state: null };
  if (callUp && chosen.state === 'ready') return { call, otherCall, state: 'after-call' };
  const req = requestFor(chosen, state.now());
  if (req === null) return { call, otherCall, state: null };
  const r = await i.apply(req);
  if (!r.ok && i.current()) {
    state.addLog('error', 'restore', `${req.state} not restored: ${describeError(r.error)}`);
  }
  return { call, otherCall, state: req };
}
