/**
 * `GET agentevent/{id}` long poll (gateway-protocol.md §4.1, §9.4): one event per reply,
 * else hold up to `pollHoldMs` and answer empty. Dynamic authentication delivers a rotated
 * Guid here (§2.2).
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
function pollReply(ctx: AuthContext, event: string | null): Reply {
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
  const next = s.queue.shift();
  if (next !== undefined) return pollReply(ctx, next);
  const held = s.waiter;
  s.waiter = null;
  held?.answer(null);
  return new Promise<Reply>((resolve) => {
    const waiter: PollWaiter = {
      answer(event) {
        s.cancel(timer);
        resolve(pollReply(ctx, event));
      },
    };
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
