import type { AgentStateName, AgentStateRequest, AgentView } from '../ipc/contract';
import type { GatewayApi } from '../gateway/api';
import type { GatewayError, GatewayEvent, Result } from '../gateway/types';

/** The agent view before the first state event. */
export function initialAgent(now: number, state: AgentStateName = 'unknown'): AgentView {
  return {
    state,
    since: now,
    reason: null,
    bySupervisor: false,
    restEndsAt: null,
    restOverdue: false,
    pending: null,
  };
}

/**
 * The agent is now in `state`: a fresh time in state, no rest reminder, and a request for
 * exactly this state is confirmed (its pending mark goes).
 */
export function enterState(
  view: AgentView,
  state: AgentStateName,
  now: number,
  reason: number | null = null,
): AgentView {
  const pending = view.pending?.state === state ? null : view.pending;
  return {
    ...view,
    state,
    since: now,
    reason,
    bySupervisor: false,
    restEndsAt: null,
    restOverdue: false,
    pending,
  };
}

/**
 * Agent state from EVENTS only (design.md §2, gateway-protocol.md §3.6 and §7.3): an HTTP
 * `0` means accepted, the event means done. Returns the same object when nothing changed.
 */
export function applyAgentEvent(view: AgentView, ev: GatewayEvent, now: number): AgentView {
  let next = view;
  switch (ev.kind) {
    case 'state-force-ready':
      // §7.3 [sample]: a supervisor made the agent ready (issue #13 §2: shown as such).
      next = { ...enterState(view, 'ready', now), bySupervisor: true };
      break;
    case 'state-ready':
    case 'state-not-ready-cancelled':
    case 'state-rest-cancelled':
    case 'state-work-cancelled':
      next = enterState(view, 'ready', now);
      break;
    case 'state-not-ready':
      next = enterState(view, 'not-ready', now, ev.reason);
      break;
    case 'state-force-not-ready':
      // §7.3: a QC inspector forced the agent busy; shown as set by a supervisor.
      next = { ...enterState(view, 'not-ready', now, ev.reason), bySupervisor: true };
      break;
    case 'state-rest': {
      const asked = view.pending?.state === 'rest' ? view.pending.seconds : null;
      next = {
        ...enterState(view, 'rest', now, ev.reason),
        restEndsAt: asked === null ? null : now + asked * 1000,
      };
      break;
    }
    case 'state-rest-timeout':
      // A reminder only: the agent stays in rest (§3.6).
      next = view.state === 'rest' ? { ...view, restOverdue: true } : view;
      break;
    case 'state-work':
    case 'state-work-set':
      next = enterState(view, 'wrap-up', now);
      break;
    case 'agent-busy':
    case 'agent-occupied':
      next = view.state === 'busy' ? view : enterState(view, 'busy', now);
      break;
    default:
      return view;
  }
  return next;
}

/** `agentstatus.agentState` (§6.1) to our state name; 9 (pre-rest) is a call with rest pending. */
export function agentStateFromStatus(agentState: number): AgentStateName {
  switch (agentState) {
    case 2:
      return 'signed-out';
    case 3:
      return 'not-ready';
    case 4:
    case 6:
      return 'ready';
    case 5:
      return 'wrap-up';
    case 7:
    case 9:
      return 'busy';
    case 8:
      return 'rest';
    default:
      return 'unknown';
  }
}

/**
 * The one gateway command for a requested state (§3.6): ready cancels whatever the agent
 * is in (the C# sample's idle button uses cancelbusy), not-ready changes the reason with
 * `prolong` when already busy.
 *
 * Ready from wrap-up is `sayfree` (§3.6: documented from wrap-up, answered by
 * `AgentState_CancelWork_Success`), not the samples-only `cancelwork`. This is the desk's one
 * way out of wrap-up — after `afterCall: 'wrap-up'` or a site that forces wrap-up after each
 * call (§3.1) — and the screen stays in wrap-up until that event says otherwise.
 */
export function commandFor(
  api: GatewayApi,
  req: AgentStateRequest,
  current: AgentStateName,
): { name: string; run: () => Promise<Result<void, GatewayError>> } {
  switch (req.state) {
    case 'ready':
      if (current === 'not-ready') return { name: 'cancelBusy', run: () => api.cancelBusy() };
      if (current === 'rest') return { name: 'cancelRest', run: () => api.cancelRest() };
      return { name: 'sayFree', run: () => api.sayFree() };
    case 'not-ready':
      return {
        name: 'sayBusy',
        run: () => api.sayBusy(req.reason, current === 'not-ready' ? true : undefined),
      };
    case 'rest':
      // Already resting: a new time or cause replaces the rest with `prolong` (§3.6).
      return {
        name: 'rest',
        run: () => api.rest(req.seconds, req.reason ?? 0, current === 'rest' ? true : undefined),
      };
    case 'wrap-up':
      return { name: 'work', run: () => api.work() };
  }
}

/** The desk's own bounds on a state request (payloads are schema-checked already). */
export function checkStateRequest(req: AgentStateRequest): string | null {
  if (req.state === 'not-ready' && req.reason !== undefined) {
    if (!Number.isInteger(req.reason) || req.reason < 200 || req.reason > 250) {
      return 'busy reason must be 200–250';
    }
  }
  if (req.state === 'rest') {
    if (!Number.isInteger(req.seconds) || req.seconds < 1 || req.seconds > 86_399) {
      return 'rest seconds must be 1–86399';
    }
    if (
      req.reason !== undefined &&
      (!Number.isInteger(req.reason) || req.reason < 0 || req.reason > 255)
    ) {
      return 'rest reason must be 0–255';
    }
  }
  return null;
}
