/**
 * Skill queues (gateway-protocol.md §5.9, §3.4): the skills configured per agent
 * (`agentskills`), the skills a session joined (`resetskill`), and the queue figures
 * (`queryacdstat`), set by tests or counted from the sessions.
 */
import { STATE } from './agent-state';
import { queryParam, readInt, readJson, type AuthContext } from './context';
import { fail, ok, type Reply } from './reply';
import type { Session, SimState } from './state';
import type { QueueFigures, QueueInfo, QueueUpdate, SimSkill } from './types';

/** The default catalogue of skill queues. */
export const DEFAULT_SKILLS: ReadonlyArray<SimSkill> = [
  { id: 1, name: 'Preview outbound', mediaType: 5 },
  { id: 2, name: 'Collections', mediaType: 5 },
  { id: 3, name: 'Renewals', mediaType: 5 },
];

/** At most this many skill ids per `queryacdstat` (the page's limit, §5.9). */
const MAX_QUERY = 100;

/** A skill id: a positive safe integer, from a number or a digit string. */
function skillId(value: unknown): number | null {
  const n = readInt(value);
  return n === null || n < 1 ? null : n;
}

/** The skills configured for an agent account: its list, or every skill of the platform. */
export function agentSkills(gw: SimState, agentId: string): number[] {
  const account = gw.agent(agentId);
  return account?.skills !== undefined ? [...account.skills] : [...gw.skills.keys()];
}

/**
 * `POST onlineagent/{id}/resetskill/{autoflag}?skillid=a;b` (§3.4): `true` joins every skill
 * configured for the agent; anything else joins those in `skillid` that are configured.
 */
export function resetSkill(ctx: AuthContext): Reply {
  const raw = queryParam(ctx.query, 'skillid') ?? '';
  if (raw === null || raw.length > 4000) return fail('000-002');
  const configured = agentSkills(ctx.gw, ctx.agentId);
  if (ctx.params[0] === 'true') {
    ctx.session.skills = configured;
  } else {
    const asked = raw.split(';').map((t) => skillId(t.trim()));
    ctx.session.skills = configured.filter((id) => asked.includes(id));
  }
  return ok('{}');
}

/**
 * `GET onlineagent/{id}/agentskills`: the agent's configured skills as
 * `[{id, name, mediatype}]`. §5.9 names the interface only; the field names follow the
 * vendor's "Querying Configured Skill Queues" page [assumption].
 */
export function querySkills(ctx: AuthContext): Reply {
  const result = agentSkills(ctx.gw, ctx.agentId).flatMap((id) => {
    const skill = ctx.gw.skills.get(id);
    return skill === undefined ? [] : [{ id, name: skill.name, mediatype: skill.mediaType }];
  });
  return ok(JSON.stringify(result));
}

/** The skill ids of a `queryacdstat` body, or null when it is not one of the accepted forms. */
function requestedSkills(body: string): number[] | null {
  // `{"skills": [...]}` (the vendor page), `{"skillIds": [...]}` (§5.9), or a bare list.
  const parsed = readJson(body);
  const obj =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const list = Array.isArray(parsed) ? parsed : (obj.skills ?? obj.skillIds);
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_QUERY) return null;
  const ids = list.map(skillId);
  return ids.every((id): id is number => id !== null) ? ids : null;
}

/** Whether a session counts as available to a skill's calls. */
function available(s: Session): boolean {
  return s.state === STATE.idle && !s.inCall();
}

/** The figures of one skill now: those set by the test, else counted. */
export function figures(gw: SimState, id: number): QueueFigures {
  const set = gw.queueFigures.get(id) ?? {};
  const joined = [...gw.sessions.values()].filter((s) => s.skills.includes(id));
  return {
    queueSize: set.queueSize ?? 0,
    queueTime: set.queueTime ?? 0,
    loggedOnAgents: set.loggedOnAgents ?? joined.length,
    availAgents: set.availAgents ?? joined.filter(available).length,
  };
}

/**
 * `POST queuedevice/{id}/queryacdstat` (§5.9): one entry per requested skill the platform
 * has, in the order asked (unknown ids are left out, repeats answered once):
 * `{skillId, deviceNo, queueSize, queueTime, loggedOnAgents, availAgents}` — `skillId` as
 * §5.9 assumes, `deviceNo` as the vendor page names it. Numbers, or digit strings with
 * `acdStatAsText`. A body that is not a list of 1–100 ids → `000-002`.
 */
export function queryAcdStat(ctx: AuthContext): Reply {
  const ids = requestedSkills(ctx.body);
  if (ids === null) return fail('000-002');
  const text = ctx.gw.opts.acdStatAsText;
  const value = (n: number): number | string => (text ? String(n) : n);
  const result = [...new Set(ids)]
    .filter((id) => ctx.gw.skills.has(id))
    .map((id) => {
      const f = figures(ctx.gw, id);
      return {
        skillId: value(id),
        deviceNo: value(id),
        queueSize: value(f.queueSize),
        queueTime: value(f.queueTime),
        loggedOnAgents: value(f.loggedOnAgents),
        availAgents: value(f.availAgents),
      };
    });
  return ok(JSON.stringify(result));
}

const FIGURES: ReadonlyArray<keyof QueueFigures> = [
  'queueSize',
  'queueTime',
  'loggedOnAgents',
  'availAgents',
];

/** One skill queue as answered now. */
export function queueInfo(gw: SimState, id: number): QueueInfo {
  const skill = gw.skills.get(id);
  if (skill === undefined) throw new Error(`no skill ${id}`);
  return { skillId: id, name: skill.name, mediaType: skill.mediaType, ...figures(gw, id) };
}

/**
 * Set the figures of one skill (test control). Throws on a bad id, figure or name. A new
 * skill id creates the skill (`name` default `Skill <id>`, media type 5).
 */
export function setQueue(gw: SimState, id: number, update: QueueUpdate): QueueInfo {
  if (!Number.isSafeInteger(id) || id < 1) throw new Error('skillId must be a positive integer');
  if (typeof update !== 'object' || update === null) throw new Error('figures must be an object');
  for (const key of Object.keys(update)) {
    if (key !== 'name' && !FIGURES.includes(key as keyof QueueFigures)) {
      throw new Error(`unknown figure ${key}`);
    }
  }
  const next = { ...(gw.queueFigures.get(id) ?? {}) };
  for (const key of FIGURES) {
    const v = update[key];
    if (v === undefined) continue;
    if (v === null) delete next[key];
    else if (Number.isSafeInteger(v) && v >= 0) next[key] = v;
    else throw new Error(`${key} must be a non-negative integer or null`);
  }
  const name = update.name;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 100)) {
    throw new Error('name must be 1-100 characters');
  }
  const known = gw.skills.get(id);
  gw.skills.set(id, {
    name: name ?? known?.name ?? `Skill ${id}`,
    mediaType: known?.mediaType ?? 5,
  });
  gw.queueFigures.set(id, next);
  return queueInfo(gw, id);
}

/** Set the skills configured for an account (test control). Throws on unknown ids. */
export function setAgentSkills(gw: SimState, agentId: string, skills: number[]): void {
  const account = gw.agent(agentId);
  if (account === undefined) throw new Error(`no agent ${agentId}`);
  if (!Array.isArray(skills) || !skills.every((id) => gw.skills.has(id))) {
    throw new Error('skills must be a list of known skill ids');
  }
  account.skills = [...new Set(skills)];
}
