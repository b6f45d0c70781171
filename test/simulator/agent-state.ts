/**
 * Agent state operations (gateway-protocol.md §3.6, §3.8, §6.1). State follows events: each
 * change is applied when its event is emitted. A state asked for during a call is kept and
 * applied when the call ends (pre-rest shows as state 9).
 */
import { queryParam, readBool, readInt, type AuthContext } from './context';
import { emit } from './events';
import { fail, ok, type Reply } from './reply';
import type { Session, SimState } from './state';
import type { ForceNotReadyOptions } from './types';

/** §6.1 values used here. */
export const STATE = { busy: 3, idle: 4, work: 5, talking: 7, rest: 8, preRest: 9 } as const;

/**
 * Whether a preview may be offered now: not in wrap-up (§9 rule 17) and no active call; a
 * held call does not prevent an offer (§9 rule 5). Offers made meanwhile wait
 * (`Session.deferred`).
 */
export function canOffer(s: Session): boolean {
  return s.state !== STATE.work && (s.call === null || s.call.phase === 'held');
}

/** Send the offers that waited, once the agent can be offered previews again. */
export function offerDeferred(s: Session): void {
  if (!canOffer(s)) return;
  const waiting = [...s.deferred.values()];
  s.deferred.clear();
  for (const offer of waiting) offer();
}

function enterBusy(gw: SimState, s: Session, reason: number): void {
  s.busyReason = reason;
  s.setState(STATE.busy, Date.now());
  emit(gw, s, 'AgentState_SetNotReady_Success', { reason: String(reason) });
  offerDeferred(s);
}

/**
 * Rest for `seconds` (§3.6). A prolonged rest starts its time again; `Rest_Timeout` is a
 * reminder only: the agent stays in rest.
 */
function enterRest(gw: SimState, s: Session, seconds: number, cause: number): void {
  s.setState(STATE.rest, Date.now());
  if (s.restTimer !== null) s.cancel(s.restTimer);
  s.restTimer = s.later(seconds * 1000, () => {
    s.restTimer = null;
    emit(gw, s, 'AgentState_Rest_Timeout');
  });
  emit(gw, s, 'AgentState_SetRest_Success', { reason: String(cause) });
  offerDeferred(s);
}

function enterIdle(gw: SimState, s: Session, event: string): void {
  s.setState(STATE.idle, Date.now());
  emit(gw, s, event);
  offerDeferred(s);
}

/**
 * An inspector's forced busy (§7.3, §9 rule 14): busy with reason 3, announced by
 * `AgentState_Force_SetNotReady` (content `{reason}` or null, undocumented §10.20).
 */
function enterForcedBusy(gw: SimState, s: Session, reason: string | null): void {
  s.busyReason = reason === null ? 3 : Number(reason);
  s.setState(STATE.busy, Date.now());
  emit(gw, s, 'AgentState_Force_SetNotReady', reason === null ? null : { reason });
  offerDeferred(s);
}

/**
 * Force the agent not ready (control API, `forceNotReady` option): at once, or when the
 * call ends. Throws when the agent is not signed in or the reason is not digits.
 */
export function forceNotReady(gw: SimState, agentId: string, o: ForceNotReadyOptions = {}): void {
  const s = gw.sessions.get(agentId);
  if (s === undefined) throw new Error(`agent ${agentId} is not signed in`);
  const reason = o.reason === undefined ? (gw.opts.forceNotReadyNull ? null : '3') : o.reason;
  if (reason !== null && (typeof reason !== 'string' || !/^\d{1,3}$/.test(reason))) {
    throw new Error('reason must be 1-3 digits or null');
  }
  if (s.inCall()) s.afterCall = { kind: 'forced-busy', reason };
  else enterForcedBusy(gw, s, reason);
}

/**
 * A supervisor forces the agent idle (`AgentState_Force_Ready`, §7.3 [sample]; content
 * undocumented, null here): at once, or in place of the call's final state event. A
 * pre-rest asked for during the call is dropped.
 */
export function forceReady(gw: SimState, agentId: string): void {
  const s = gw.sessions.get(agentId);
  if (s === undefined) throw new Error(`agent ${agentId} is not signed in`);
  if (s.inCall()) {
    s.afterCall = { kind: 'forced-ready' };
    if (s.state === STATE.preRest) s.setState(STATE.talking, Date.now());
    return;
  }
  enterIdle(gw, s, 'AgentState_Force_Ready');
}

/**
 * The rest time runs out now (tests and demos cannot wait the 60 s and more a desk asks):
 * `AgentState_Rest_Timeout` at once, as its timer would send it; the agent stays in rest
 * (§3.6). Throws when the agent is not signed in or not resting.
 */
export function restTimeout(gw: SimState, agentId: string): void {
  const s = gw.sessions.get(agentId);
  if (s === undefined) throw new Error(`agent ${agentId} is not signed in`);
  if (s.state !== STATE.rest || s.restTimer === null) {
    throw new Error(`agent ${agentId} is not resting (or the rest time is already over)`);
  }
  s.cancel(s.restTimer);
  s.restTimer = null;
  emit(gw, s, 'AgentState_Rest_Timeout');
}

/** Wrap-up after a call: `autoenteridle: false`, or forced (§3.1, §9 rule 17). */
function wrapUpAfterCall(gw: SimState, s: Session): boolean {
  return !s.autoEnterIdle || (gw.opts.afterCall === 'wrap-up' && s.releasePhone);
}

/**
 * The last event of a call (§9 rules 9 and 17): the state asked for meanwhile, else Work
 * (wrap-up) or Ready.
 */
export function afterCallState(gw: SimState, s: Session): void {
  const next = s.afterCall;
  s.afterCall = null;
  if (next?.kind === 'busy') enterBusy(gw, s, next.reason);
  else if (next?.kind === 'forced-busy') enterForcedBusy(gw, s, next.reason);
  else if (next?.kind === 'forced-ready') enterIdle(gw, s, 'AgentState_Force_Ready');
  else if (next?.kind === 'rest') enterRest(gw, s, next.seconds, next.cause);
  else if (next?.kind === 'work' || wrapUpAfterCall(gw, s)) {
    s.setState(STATE.work, Date.now());
    emit(gw, s, next === null ? 'AgentState_Work' : 'AgentState_SetWork_Success');
  } else enterIdle(gw, s, 'AgentState_Ready');
}

/** `sayfree`: from busy, wrap-up or rest back to idle; already idle is a no-op. */
export function sayFree(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  if (s.inCall()) return fail('100-009');
  if (s.state === STATE.busy) enterIdle(gw, s, 'AgentState_CancelNotReady_Success');
  else if (s.state === STATE.work) enterIdle(gw, s, 'AgentState_CancelWork_Success');
  else if (s.state === STATE.rest) enterIdle(gw, s, 'AgentState_CancelRest_Success');
  return ok('{}');
}

/** `saybusy?reason&prolong`: reason empty/0 or 200–250; busy again only with prolong. */
export function sayBusy(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  const rawReason = queryParam(ctx.query, 'reason');
  const reason = rawReason === undefined || rawReason === '' ? 0 : readInt(rawReason);
  const prolong = readBool(queryParam(ctx.query, 'prolong'), false);
  if (reason === null || (reason !== 0 && (reason < 200 || reason > 250)) || prolong === null) {
    return fail('000-002');
  }
  if (s.inCall()) {
    s.afterCall = { kind: 'busy', reason };
    return ok('{}');
  }
  if (s.state === STATE.busy && !prolong) return fail('100-009');
  enterBusy(gw, s, reason);
  return ok('{}');
}

/** `cancelbusy`: only from busy (or a busy pending after the call). */
export function cancelBusy(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  if (s.afterCall?.kind === 'busy') {
    s.afterCall = null;
    return ok('{}');
  }
  if (s.state !== STATE.busy) return fail('100-009');
  enterIdle(gw, s, 'AgentState_CancelNotReady_Success');
  return ok('{}');
}

/** `rest/{seconds}/{cause}?prolong`: 1–86399 s, cause 0–255; during a call → pre-rest. */
export function rest(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  const seconds = readInt(ctx.params[0]);
  const cause = readInt(ctx.params[1]);
  const prolong = readBool(queryParam(ctx.query, 'prolong'), false);
  if (seconds === null || seconds < 1 || seconds > 86399) return fail('000-002');
  if (cause === null || cause > 255 || prolong === null) return fail('000-002');
  if (s.inCall()) {
    s.afterCall = { kind: 'rest', seconds, cause };
    s.setState(STATE.preRest, Date.now());
    return ok('{}');
  }
  if (s.state === STATE.rest && !prolong) return fail('100-009');
  enterRest(gw, s, seconds, cause);
  return ok('{}');
}

/** `cancelrest`: from rest, or withdraw a pre-rest during a call. */
export function cancelRest(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  if (s.state === STATE.preRest) {
    s.afterCall = null;
    s.setState(STATE.talking, Date.now());
    emit(gw, s, 'AgentState_CancelRest_Success');
    return ok('{}');
  }
  if (s.state !== STATE.rest) return fail('100-009');
  enterIdle(gw, s, 'AgentState_CancelRest_Success');
  return ok('{}');
}

/** `work`: enter wrap-up (after the call when in one). */
export function work(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  if (s.inCall()) {
    s.afterCall = { kind: 'work' };
    return ok('{}');
  }
  if (s.state !== STATE.work) {
    s.setState(STATE.work, Date.now());
    emit(gw, s, 'AgentState_SetWork_Success');
  }
  return ok('{}');
}

/** `cancelwork`: leave wrap-up. */
export function cancelWork(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  if (s.state !== STATE.work) return fail('100-009');
  enterIdle(gw, s, 'AgentState_CancelWork_Success');
  return ok('{}');
}

/** `autoenteridle/{flag}` and `autoanswer/{flag}`: `true`, or any other 1–5 chars = false. */
export function setFlag(ctx: AuthContext, flag: 'autoEnterIdle' | 'autoAnswer'): Reply {
  const value = ctx.params[0] ?? '';
  if (value.length < 1 || value.length > 5) return fail('000-002');
  ctx.session[flag] = value === 'true';
  return ok('{}');
}

/** `agentstatus` (§3.8). */
export function agentStatus(ctx: AuthContext): Reply {
  const s = ctx.session;
  return ok(JSON.stringify({ agentState: s.state, isWorking: s.inCall() }));
}
