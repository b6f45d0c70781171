/**
 * Session rules (gateway-protocol.md §2, §9.2–§9.4): Guid minting and rotation, the check
 * every non-sign-in request passes, and the ways a session ends.
 */
import { randomUUID } from 'node:crypto';
import { emit } from './events';
import { fail, type Reply } from './reply';
import type { Session, SimState } from './state';
import type { EndReason, GuidState } from './types';

/** A new Guid in the documented shape `<uuid>.AgentGateway<node>` (§2.1). */
export function mintGuid(gw: SimState): string {
  return `${randomUUID()}.AgentGateway${gw.opts.node}`;
}

/** This node's load-balancer cookie, `SIMLB=node<node>` (§1.2, §10.4). */
export function lbCookie(gw: SimState): string {
  return `SIMLB=node${gw.opts.node}`;
}

/** How `guid` relates to the agent's live session right now (for the request log). */
export function guidStateOf(
  gw: SimState,
  agentId: string | null,
  guid: string | null,
  now: number,
): GuidState {
  if (guid === null) return 'none';
  const s = agentId === null ? undefined : gw.sessions.get(agentId);
  if (s === undefined) return 'invalid';
  if (guid === s.guid) return 'current';
  const grace = gw.opts.guidGraceMs;
  if (s.previous.some((p) => p.guid === guid && now < p.issuedAt + grace)) return 'previous';
  return 'invalid';
}

/** Outcome of the Guid check. */
export type Auth =
  { ok: true; session: Session; guidState: GuidState } | { ok: false; reply: Reply };

/**
 * The check of §9.3: a Guid of an ended session or no session → `100-006`; a missing,
 * unknown or expired Guid while the agent has a session → `000-003`. Success counts as
 * activity for the silence timeout (§2.3).
 */
export function authorize(gw: SimState, agentId: string, guid: string | null, now: number): Auth {
  expireIfSilent(gw, agentId, now);
  if (guid !== null && gw.retiredGuids.has(guid)) return { ok: false, reply: fail('100-006') };
  const session = gw.sessions.get(agentId);
  if (session === undefined) return { ok: false, reply: fail('100-006') };
  const guidState = guidStateOf(gw, agentId, guid, now);
  if (guidState !== 'current' && guidState !== 'previous') {
    return { ok: false, reply: fail('000-003') };
  }
  session.lastRequestAt = now;
  return { ok: true, session, guidState };
}

/**
 * Dynamic authentication (§2.2): once `guidRotateMs` has passed since the Guid was issued,
 * mint a new one and keep the old one as `previous` (accepted until its grace ends).
 * Returns true when it rotated now.
 */
export function rotateIfDue(gw: SimState, s: Session, now: number): boolean {
  if (gw.opts.authMode !== 2 || now - s.guidIssuedAt < gw.opts.guidRotateMs) return false;
  replaceGuid(gw, s, now);
  return true;
}

/**
 * Issue a new Guid (rotation, `updateGuid` §3.7). The replaced one joins `previous`, where
 * each Guid stays accepted until `guidGraceMs` after it was issued (§9 rule 15).
 */
export function replaceGuid(gw: SimState, s: Session, now: number): string {
  const grace = gw.opts.guidGraceMs;
  s.previous = s.previous.filter((p) => now < p.issuedAt + grace);
  s.previous.push({ guid: s.guid, issuedAt: s.guidIssuedAt });
  s.guid = mintGuid(gw);
  s.guidIssuedAt = now;
  return s.guid;
}

/**
 * Whether a poll (or heartbeat) reply carries `Set-GUID`: when the Guid rotated now. With
 * `guidSetOnce: false`, also on every reply to a request that still presented a previous
 * Guid (the repeat the documentation does not promise, §2.2).
 */
export function announceGuid(gw: SimState, rotated: boolean, guidState: GuidState): boolean {
  return rotated || (!gw.opts.guidSetOnce && guidState === 'previous');
}

/** How many session ends `sessionEnds()` keeps. */
const MAX_ENDS = 1000;

/**
 * End a session. Its Guids are retired (→ `100-006`, §3.2, §4.1). When the gateway ends it
 * (supervisor, timeout, forced sign-in elsewhere) `AgentOther_ShutdownService` is emitted
 * (§2.3): a held poll receives it; otherwise it lands in the queue of the dead session,
 * which nobody can read any more, so the client sees `100-006` on its next request. After
 * the agent's own sign-out, or when a fault makes the session vanish, a held poll gets the
 * empty reply and no event.
 */
export function endSession(gw: SimState, s: Session, reason: EndReason, cause?: number): void {
  s.dispose();
  gw.ends.push({
    agentId: s.agentId,
    reason,
    at: Date.now(),
    ...(cause === undefined ? {} : { cause }),
  });
  if (gw.ends.length > MAX_ENDS) gw.ends.splice(0, gw.ends.length - MAX_ENDS);
  if (reason === 'logout' || reason === 'forcelogout' || reason === 'fault') {
    const waiter = s.waiter;
    s.waiter = null;
    waiter?.answer(null);
  } else {
    emit(gw, s, 'AgentOther_ShutdownService', { loginTime: String(s.loginTime) });
  }
  gw.retiredGuids.add(s.guid);
  for (const p of s.previous) gw.retiredGuids.add(p.guid);
  if (gw.sessions.get(s.agentId) === s) gw.sessions.delete(s.agentId);
}

/**
 * Sign the agent out after `sessionTimeoutMs` without requests (§2.3). A held poll is an
 * open request, so an agent with one is never silent.
 */
export function expireIfSilent(gw: SimState, agentId: string, now: number): void {
  const s = gw.sessions.get(agentId);
  if (s === undefined || s.waiter !== null) return;
  if (now - s.lastRequestAt >= gw.opts.sessionTimeoutMs) endSession(gw, s, 'timeout');
}

/** Sweep every session for silence (run on a timer). */
export function expireAllSilent(gw: SimState, now: number): void {
  for (const id of [...gw.sessions.keys()]) expireIfSilent(gw, id, now);
}
