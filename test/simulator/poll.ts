/**
 * `GET agentevent/{id}` long poll (gateway-protocol.md §4.1, §9.4): one event per reply,
 * else hold up to `pollHoldMs` and answer empty. Dynamic authentication delivers a rotated
 * Guid here (§2.2). With `eventArray` (or the `event-array` fault) the reply carries every
 * queued event as an array.
 */
import type { AuthContext, Handled } from './context';
import { pollTail } from './events';
import { success, type Reply } from './reply';
import { announceGuid, rotateIfDue } from './sessions';
import type { PollWaiter } from './state';

/**
 * Build a poll reply. `Set-GUID` is attached when the Guid rotated now: once per rotation
 * (§9 rule 15), or also on every poll still presenting a previous Guid with
 * `guidSetOnce: false`.
 */
function pollReply(ctx: AuthContext, event: string | string[] | null): Reply {
  const { gw, session: s } = ctx;
  const now = Date.now();
  s.lastRequestAt = now;
  const rotated = rotateIfDue(gw, s, now);
  const reply = success(pollTail(event));
  if (announceGuid(gw, rotated, ctx.guidState)) reply.headers['Set-GUID'] = `JSESSIONID=${s.guid}`;
  return reply;
}

/** The poll handler. A new poll while one is held answers the old one empty. */
export function poll(ctx: AuthContext): Handled {
  const s = ctx.session;
  const asArray = ctx.gw.opts.eventArray || ctx.eventArray;
  const held = s.waiter;
  s.waiter = null;
  held?.answer(null);
  if (s.queue.length > 0) {
    return pollReply(ctx, asArray ? s.queue.splice(0) : (s.queue.shift() ?? null));
  }
  return new Promise<Reply>((resolve) => {
    let collecting = false;
    const waiter: PollWaiter = {
      answer(event) {
        s.cancel(timer);
        resolve(pollReply(ctx, event));
      },
    };
    if (asArray) {
      // The first event is queued; the same tick may queue more (sign-in, a state change).
      waiter.collect = () => {
        if (collecting) return;
        collecting = true;
        setImmediate(() => {
          if (s.waiter !== waiter) return;
          s.waiter = null;
          s.cancel(timer);
          resolve(pollReply(ctx, s.queue.splice(0)));
        });
      };
    }
    const timer = s.later(ctx.gw.opts.pollHoldMs, () => {
      if (s.waiter === waiter) s.waiter = null;
      resolve(pollReply(ctx, null));
    });
    s.waiter = waiter;
    // The client gave up: stop holding, so no event is handed to a dead socket. The held
    // poll was activity until now, so silence (§2.3) counts from here.
    ctx.onClose(() => {
      if (s.waiter !== waiter) return;
      s.waiter = null;
      s.cancel(timer);
      s.lastRequestAt = Date.now();
    });
  });
}
