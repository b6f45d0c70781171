/**
 * Preview tasks (gateway-protocol.md §5.1, §5.2, §7.1, §9.5–§9.7): offering a customer,
 * dialling one of its numbers, declining it.
 */
import { randomInt } from 'node:crypto';
import { canOffer, STATE } from './agent-state';
import { startCall } from './calls';
import { readObject, readText, type AuthContext } from './context';
import { emit, step } from './events';
import { fail, ok, type Reply } from './reply';
import type { Session, SimState } from './state';
import { PREVIEW_EVENT_SCRIPTS, type PreviewEventScript, type PreviewRequest } from './types';

const MAX_CALL_DATA_BYTES = 16 * 1024;

/** A random `controlid`: 10–18 digits, so many exceed 2^53 and only exact strings survive. */
function randomControlId(): string {
  const length = randomInt(10, 19);
  let id = String(randomInt(1, 10));
  while (id.length < length) id += String(randomInt(0, 10));
  return id;
}

function checkPreview(
  p: PreviewRequest,
  variant: 'CallOut' | 'CallOut_Ex',
  script: PreviewEventScript,
): string | null {
  if (!Array.isArray(p.numbers) || p.numbers.length === 0)
    return 'numbers must be a non-empty list';
  for (const n of p.numbers) {
    if (typeof n !== 'string' || !/^[0-9*#+]{1,24}$/.test(n)) return `bad number ${String(n)}`;
  }
  // `_CallOut` carries up to 24 characters, `_Ex` up to 120 (§7.1); `AgentEvent_Preview`'s
  // limit is undocumented: 120 like `_Ex`.
  const limit = variant === 'CallOut' && script !== 'preview-only' ? 24 : 120;
  if (p.numbers.join(',').length > limit) return `dialeddigits longer than ${limit}`;
  const gap = p.detailsAfterMs;
  if (gap !== undefined && (!Number.isSafeInteger(gap) || gap < 0 || gap > 600_000)) {
    return 'detailsAfterMs must be an integer from 0 to 600000';
  }
  if (p.callData !== undefined && typeof p.callData !== 'string') return 'callData must be text';
  if (p.controlIdAsNumber !== undefined && typeof p.controlIdAsNumber !== 'boolean') {
    return 'controlIdAsNumber must be a boolean';
  }
  if (Buffer.byteLength(p.callData ?? '', 'utf8') > MAX_CALL_DATA_BYTES) {
    return 'callData over 16 KB';
  }
  if (
    p.controlId !== undefined &&
    (typeof p.controlId !== 'string' || !/^\d{1,19}$/.test(p.controlId))
  ) {
    return 'controlId must be 1-19 digits';
  }
  // A bare JSON number may not have leading zeros.
  if (p.controlIdAsNumber === true && p.controlId !== undefined && /^0\d/.test(p.controlId)) {
    return 'a controlId sent as a number cannot start with 0';
  }
  return null;
}

/** What the offer events of one preview carry. */
interface Offer {
  controlId: string;
  idJson: string;
  digits: string;
  callData: string;
  variant: 'CallOut' | 'CallOut_Ex';
  script: PreviewEventScript;
  gapMs: number;
}

/** Queue the events of `script` (§9 rules 5 and 12); the second of two after `gapMs`. */
function offerEvents(gw: SimState, s: Session, o: Offer): void {
  const callout = (): void =>
    emit(
      gw,
      s,
      `AgentEvent_Preview_${o.variant}`,
      null,
      `{"controlid":${o.idJson},"dialeddigits":${JSON.stringify(o.digits)},` +
        `"callData":${JSON.stringify(o.callData)}}`,
    );
  // `AgentEvent_Preview` has two fields and no call data; its documented example is empty.
  const preview = (digits: string) => (): void =>
    emit(
      gw,
      s,
      'AgentEvent_Preview',
      null,
      `{"controlid":${o.idJson},"dialeddigits":${JSON.stringify(digits)}}`,
    );
  const done = (): void => releaseLate(gw, s);
  const two = (first: () => void, second: () => void): void => {
    first();
    const rest = (): void => {
      second();
      done();
    };
    if (o.gapMs <= 0) return rest();
    // Dialled, declined or withdrawn meanwhile: the second event is not sent (see close).
    const timer = s.later(o.gapMs, () => {
      s.offerTimers.delete(o.controlId);
      rest();
    });
    s.offerTimers.set(o.controlId, timer);
  };
  switch (o.script) {
    case 'callout':
      callout();
      return done();
    case 'preview-only':
      preview(o.digits)();
      return done();
    case 'preview-then-callout':
      return two(preview(''), callout);
    case 'callout-then-preview':
      return two(callout, preview(''));
  }
}

/** The releases held for "after the next offer" (§9 rule 13 b), now that it was offered. */
function releaseLate(gw: SimState, s: Session): void {
  for (; s.lateReleases > 0; s.lateReleases -= 1) emit(gw, s, 'AgentEvent_Release_Preview');
}

/**
 * Remember a preview as dialled, declined or withdrawn: it answers `200-036` from now on, and
 * an offer event still to come for it is not sent.
 */
function close(s: Session, controlId: string): void {
  if (s.closed.size >= 1000) s.closed.clear();
  s.closed.add(controlId);
  const timer = s.offerTimers.get(controlId);
  if (timer !== undefined) s.cancel(timer);
  s.offerTimers.delete(controlId);
}

/**
 * Offer a preview with the events of its script (`previewEvent`, §9 rule 12). With
 * `controlIdAsNumber` the JSON text carries the ID as a bare number with every digit.
 * Throws when the agent is not signed in or the preview is invalid.
 */
export function injectPreview(
  gw: SimState,
  agentId: string,
  p: PreviewRequest,
): { controlId: string } {
  const s = gw.sessions.get(agentId);
  if (s === undefined) throw new Error(`agent ${agentId} is not signed in`);
  const variant = p.variant ?? 'CallOut_Ex';
  if (variant !== 'CallOut' && variant !== 'CallOut_Ex') throw new Error('bad variant');
  const script = p.previewEvent ?? gw.opts.previewEvent;
  if (!PREVIEW_EVENT_SCRIPTS.includes(script)) {
    throw new Error(`previewEvent must be one of ${PREVIEW_EVENT_SCRIPTS.join(', ')}`);
  }
  const problem = checkPreview(p, variant, script);
  if (problem !== null) throw new Error(problem);
  const controlId = p.controlId ?? randomControlId();
  if (s.previews.has(controlId) || s.deferred.has(controlId)) {
    throw new Error(`controlId ${controlId} is already pending`);
  }
  const callData = p.callData ?? '';
  const numbers = [...p.numbers];
  const offer = (): void => {
    s.previews.set(controlId, { controlId, numbers, callData });
    s.closed.delete(controlId);
    offerEvents(gw, s, {
      controlId,
      idJson: p.controlIdAsNumber === true ? controlId : JSON.stringify(controlId),
      digits: numbers.join(','),
      callData,
      variant,
      script,
      gapMs: p.detailsAfterMs ?? 0,
    });
  };
  // No preview is offered during an active call or in wrap-up: the task waits for the
  // agent (§9 rules 5 and 17).
  if (canOffer(s)) offer();
  else s.deferred.set(controlId, offer);
  return { controlId };
}

/**
 * `callcontrolid` read from the raw body text, as a string or a bare number, so its exact
 * digits survive (a Java long; JSON.parse would round anything above 2^53).
 */
export function rawControlId(body: string): string | null {
  const m = /"callcontrolid"\s*:\s*(?:"\s*(\d{1,19})\s*"|(\d{1,19})(?![\d.eE]))/.exec(body);
  return m === null ? null : (m[1] ?? m[2] ?? null);
}

/**
 * `previewCallout`: an active call → `100-007`, a held one does not block the dial (§5.1,
 * §9 rule 6; one held call is simulated); missing or unknown `callcontrolid` →
 * `000-002`; a preview already dialled, declined or withdrawn → `200-036` (§9 rule 13,
 * assumed meaning §10.1); a `called` number the preview did not offer → `200-001` (§9.6).
 * Success consumes the preview and starts the call; with `releasePreviewLate` it also
 * schedules a `AgentEvent_Release_Preview`.
 */
export function previewCallout(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  const current = s.call;
  if (current !== null && (current.phase !== 'held' || s.held !== null)) return fail('100-007');
  const body = readObject(ctx.body);
  const controlId = rawControlId(ctx.body);
  const called = body === null ? null : readText(body.called);
  if (controlId === null || called === null) return fail('000-002');
  const preview = s.previews.get(controlId);
  // A preview no longer in play: `200-036` is listed on the preview page without a
  // meaning; we assume "preview no longer valid" (gateway-protocol.md §10.1).
  if (preview === undefined) return fail(s.closed.has(controlId) ? '200-036' : '000-002');
  if (!preview.numbers.includes(called.trim())) return fail('200-001');
  s.previews.delete(controlId);
  close(s, controlId);
  gw.callCounter += 1;
  const callId = `${Math.floor(Date.now() / 1000)}-${gw.callCounter}`;
  const moment = gw.opts.releasePreviewLate;
  if (current !== null) s.held = current;
  s.call = {
    callId,
    caller: s.phone,
    called: called.trim(),
    callData: preview.callData,
    phase: 'dialling',
    beginTime: null,
    releaseAtEnd: moment === 'after-call',
  };
  s.setState(STATE.talking, Date.now());
  if (moment === 'after-dial') step(gw, s, () => emit(gw, s, 'AgentEvent_Release_Preview'));
  if (moment === 'after-next-offer') s.lateReleases += 1;
  startCall(gw, s);
  return ok(gw.opts.emptyResultOnDial ? undefined : JSON.stringify(callId));
}

/**
 * `cancelPreviewCallout` (§5.2, §9.7): `result {}` then `AgentEvent_Release_Preview`. A
 * control id not in play (unknown, or already dialled, declined or withdrawn) → `000-002`:
 * the page's errors are not known (§10.8), and `200-036` is kept to the dial (§9 rule 13).
 */
export function cancelPreviewCallout(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  const controlId = rawControlId(ctx.body);
  if (controlId === null || !s.previews.has(controlId)) return fail('000-002');
  s.previews.delete(controlId);
  close(s, controlId);
  emit(gw, s, 'AgentEvent_Release_Preview');
  return ok('{}');
}

/**
 * The platform withdraws a pending preview (§10.5: it may do so at any time): queue
 * `AgentEvent_Release_Preview` and remember the id so a late dial answers `200-036`.
 * Throws when the agent is not signed in or has no such preview.
 */
export function withdrawPreview(gw: SimState, agentId: string, controlId: string): void {
  const s = gw.sessions.get(agentId);
  if (s === undefined) throw new Error(`agent ${agentId} is not signed in`);
  // Withdrawn before it was ever offered: nothing to tell the agent.
  if (s.deferred.delete(controlId)) return;
  if (!s.previews.delete(controlId)) throw new Error(`no pending preview ${controlId}`);
  close(s, controlId);
  emit(gw, s, 'AgentEvent_Release_Preview');
}
