/**
 * The control API under `/__sim/` (JSON, same semantics as the in-process methods). Bad
 * input → 400 `{error}`; unknown path → 404 `{error}`.
 */
import { decode } from './context';
import { controlReply } from './reply';
import type { ControlResult } from './server';
import type {
  AccountUpdate,
  CarriedCall,
  CallAction,
  Fault,
  PreviewRequest,
  QueueUpdate,
  Simulator,
} from './types';

type Target = Pick<
  Simulator,
  | 'injectPreview'
  | 'withdrawPreview'
  | 'callAction'
  | 'forceNotReady'
  | 'forceReady'
  | 'restTimeout'
  | 'setQueue'
  | 'queues'
  | 'setAgentSkills'
  | 'dtmf'
  | 'requests'
  | 'addFault'
  | 'clearFaults'
  | 'kick'
  | 'forceLogout'
  | 'sessionEnds'
  | 'setAccount'
  | 'carryCall'
  | 'restart'
  | 'sessions'
>;

const bad = (error: string): ControlResult => ({ reply: controlReply(400, { error }) });
const done = (value: unknown = { ok: true }): ControlResult => ({
  reply: controlReply(200, value),
});

function parseBody(body: string): Record<string, unknown> | string {
  if (body.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch (err) {
    if (err instanceof SyntaxError) return `body is not JSON: ${err.message}`;
    throw err;
  }
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : 'body must be a JSON object';
}

/** Run an action that throws on bad input, answering 400 with its message. */
function attempt(fn: () => unknown): ControlResult {
  try {
    return done(fn() ?? { ok: true });
  } catch (err) {
    if (err instanceof Error) return bad(err.message);
    throw err;
  }
}

function agentRoute(
  sim: Target,
  id: string,
  rest: string,
  method: string,
  body: Record<string, unknown>,
): ControlResult | null {
  if (method === 'POST' && rest === 'previews') {
    return attempt(() => sim.injectPreview(id, body as unknown as PreviewRequest));
  }
  const withdraw = /^previews\/(\d{1,19})\/withdraw$/.exec(rest);
  if (method === 'POST' && withdraw !== null) {
    const controlId = withdraw[1] as string;
    return attempt(() => sim.withdrawPreview(id, controlId));
  }
  const call = /^call\/(answer|fail|customer-hangup)$/.exec(rest);
  if (method === 'POST' && call !== null) {
    const cause = body.cause;
    const description = body.description;
    if (cause !== undefined && (typeof cause !== 'number' || !Number.isInteger(cause))) {
      return bad('cause must be an integer');
    }
    if (description !== undefined && typeof description !== 'string') {
      return bad('description must be text');
    }
    return attempt(() =>
      sim.callAction(id, call[1] as CallAction, {
        ...(cause === undefined ? {} : { cause }),
        ...(description === undefined ? {} : { description }),
      }),
    );
  }
  if (method === 'POST' && rest === 'force-not-ready') {
    const reason = body.reason;
    if (reason !== undefined && reason !== null && typeof reason !== 'string') {
      return bad('reason must be a digit string or null');
    }
    return attempt(() => sim.forceNotReady(id, reason === undefined ? {} : { reason }));
  }
  if (method === 'POST' && rest === 'force-ready') return attempt(() => sim.forceReady(id));
  if (method === 'POST' && rest === 'rest-timeout') return attempt(() => sim.restTimeout(id));
  if (method === 'PUT' && rest === 'skills') {
    const skills = body.skills;
    if (!Array.isArray(skills) || !skills.every((k) => typeof k === 'number')) {
      return bad('skills must be a list of skill ids');
    }
    return attempt(() => sim.setAgentSkills(id, skills as number[]));
  }
  if (method === 'GET' && rest === 'dtmf') return done(sim.dtmf(id));
  if (method === 'POST' && rest === 'kick') return attempt(() => sim.kick(id));
  if (method === 'POST' && rest === 'force-logout') {
    const cause = body.cause;
    if (cause !== undefined && typeof cause !== 'number') return bad('cause must be a number');
    return attempt(() => sim.forceLogout(id, cause === undefined ? {} : { cause }));
  }
  if (method === 'PUT' && rest === 'account') {
    return attempt(() => sim.setAccount(id, body as AccountUpdate));
  }
  if (method === 'POST' && rest === 'carry-call') {
    return attempt(() => sim.carryCall(id, body as unknown as CarriedCall));
  }
  return null;
}

/** Handle one control request. */
export function handleControl(
  sim: Target,
  method: string,
  path: string,
  raw: string,
): ControlResult {
  const body = parseBody(raw);
  if (typeof body === 'string') return bad(body);
  const rel = path.replace(/^\/__sim\/?/, '');
  const agent = /^agents\/([^/]+)\/(.+)$/.exec(rel);
  if (agent !== null) {
    const result = agentRoute(sim, decode(agent[1] ?? '') ?? '', agent[2] ?? '', method, body);
    if (result !== null) return result;
  }
  if (method === 'GET' && rel === 'queues') return done(sim.queues());
  const queue = /^queues\/(\d{1,9})$/.exec(rel);
  if (method === 'PUT' && queue !== null) {
    return attempt(() => sim.setQueue(Number(queue[1]), body as QueueUpdate));
  }
  if (method === 'GET' && rel === 'requests') return done(sim.requests());
  if (method === 'GET' && rel === 'sessions') return done(sim.sessions());
  if (method === 'GET' && rel === 'session-ends') return done(sim.sessionEnds());
  if (method === 'POST' && rel === 'faults') {
    // addFault validates (and throws a message attempt() answers as 400).
    return attempt(() => sim.addFault(body as unknown as Fault));
  }
  if (method === 'DELETE' && rel === 'faults') return attempt(() => sim.clearFaults());
  if (method === 'POST' && rel === 'restart') {
    const keepCalls = body.keepCalls;
    if (keepCalls !== undefined && typeof keepCalls !== 'boolean') {
      return bad('keepCalls must be true or false');
    }
    // Answer first: the restart drops every socket, this one included.
    return {
      reply: controlReply(200, { ok: true }),
      after: () => {
        sim
          .restart(keepCalls === undefined ? {} : { keepCalls })
          .catch((err: unknown) => console.error('[simulator] restart failed', err));
      },
    };
  }
  return { reply: controlReply(404, { error: `no control route ${method} ${path}` }) };
}
