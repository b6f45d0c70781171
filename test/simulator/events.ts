/**
 * Agent events (gateway-protocol.md §4.1, §7): built as JSON text, queued per agent, and
 * handed one per reply to the long poll.
 */
import type { Session, SimState } from './state';

/**
 * JSON text of one event object. `contentJson` is already JSON text so a `controlid` can
 * travel as a bare number with every digit (§7.1), which no JS number could hold.
 */
export function eventText(
  eventType: string,
  workNo: string,
  contentJson: string,
  genTime: number | null,
): string {
  const gen = genTime === null ? '' : `,"eventGenTime":${genTime}`;
  return `{"eventType":${JSON.stringify(eventType)},"workNo":${JSON.stringify(workNo)}${gen},"content":${contentJson}}`;
}

/**
 * The members of a poll reply after `retcode`: one event, an array of events, or none for
 * the exact empty reply of the C# sample (`{"message":"","retcode":"0"}`, §4.1).
 */
export function pollTail(event: string | string[] | null): string {
  if (event === null) return '';
  return `,"event":${Array.isArray(event) ? `[${event.join(',')}]` : event}`;
}

/**
 * Queue an event for the agent (FIFO, §10.11); a held poll takes it at once.
 * `content` is any JSON value, or a `{ raw }` JSON text.
 */
export function emit(
  gw: SimState,
  s: Session,
  eventType: string,
  content: unknown = null,
  raw?: string,
): void {
  const contentJson = raw ?? JSON.stringify(content);
  const text = eventText(
    eventType,
    s.agentId,
    contentJson,
    gw.opts.eventGenTime ? Date.now() : null,
  );
  const waiter = s.waiter;
  if (waiter !== null && s.queue.length === 0) {
    if (waiter.collect !== undefined) {
      s.queue.push(text);
      waiter.collect();
      return;
    }
    s.waiter = null;
    waiter.answer(text);
    return;
  }
  s.queue.push(text);
}

/**
 * Run `fn` as the next scripted step of the agent's call, `callStepMs` after the previous
 * one, so scripted events keep their order and spacing whatever triggers them.
 */
export function step(gw: SimState, s: Session, fn: () => void): void {
  s.steps.push(fn);
  if (s.stepTimer === null) scheduleNext(gw, s);
}

function scheduleNext(gw: SimState, s: Session): void {
  s.stepTimer = setTimeout(() => {
    s.stepTimer = null;
    const next = s.steps.shift();
    if (next === undefined) return;
    next();
    if (s.steps.length > 0) scheduleNext(gw, s);
  }, gw.opts.callStepMs);
}
