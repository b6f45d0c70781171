/**
 * The queue glance interfaces (gateway-protocol.md §5.9): the agent's configured skills
 * (`agentskills`, Huawei page cec_07_1206) and their queue figures (`queryacdstat`,
 * cec_07_0411). Both are reads: they never wait behind a command and are never retried
 * (the desk simply asks again at its next turn).
 *
 * Shapes (the pages, where §5.9's [assumption] differs): agentskills →
 * `result: [{id, name, mediatype}]`; queryacdstat takes `{"skills": [ids]}` (≤ 100) and
 * answers `result: [{deviceNo, queueSize, queueTime (s), loggedOnAgents, availAgents, …}]`.
 * Every number may come as a number or a digit string; `skillId`/`skillid` are read for
 * `deviceNo`, `skillName` for `name`, `availableAgents` for `availAgents` as well.
 */
import type { Envelope } from './envelope';
import { asRecord, num, pick, text } from './fields';
import type { AcdStat, AgentSkill, GatewayError, Result } from './types';

/** §5.9: queryacdstat takes at most this many skill ids. */
export const ACD_STAT_MAX_SKILLS = 100;

function list(envelope: Envelope, what: string): Result<unknown[], GatewayError> {
  const result = envelope['result'];
  if (Array.isArray(result)) return { ok: true, value: result };
  // An agent with no skill may get an absent or null result: nothing, not an error.
  if (result === undefined || result === null) return { ok: true, value: [] };
  return { ok: false, error: { kind: 'bad-response', detail: `${what} result is not a list` } };
}

/** A whole, non-negative count; anything else is not a count. */
function count(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

/** agentskills: entries without a usable id are skipped (they cannot be asked about). */
export function readAgentSkills(envelope: Envelope): Result<AgentSkill[], GatewayError> {
  const items = list(envelope, 'agentskills');
  if (!items.ok) return items;
  const skills: AgentSkill[] = [];
  for (const item of items.value) {
    const r = asRecord(item);
    const id = count(pick(r, 'id', 'skillId', 'skillid'));
    if (r === null || id === null) continue;
    skills.push({
      id,
      name: text(pick(r, 'name', 'skillName', 'skillname')).slice(0, 100),
      mediaType: num(pick(r, 'mediatype', 'mediaType')),
    });
  }
  return { ok: true, value: skills };
}

/** queryacdstat: entries without a skill id or a queue size are skipped. */
export function readAcdStats(envelope: Envelope): Result<AcdStat[], GatewayError> {
  const items = list(envelope, 'queryacdstat');
  if (!items.ok) return items;
  const stats: AcdStat[] = [];
  for (const item of items.value) {
    const r = asRecord(item);
    const skillId = count(pick(r, 'deviceNo', 'deviceno', 'skillId', 'skillid'));
    const queueSize = count(pick(r, 'queueSize', 'queuesize'));
    if (r === null || skillId === null || queueSize === null) continue;
    stats.push({
      skillId,
      queueSize,
      queueTime: count(pick(r, 'queueTime', 'queuetime')) ?? 0,
      availAgents: count(pick(r, 'availAgents', 'availableAgents', 'availagents')),
      loggedOnAgents: count(pick(r, 'loggedOnAgents', 'loggedonagents')),
    });
  }
  return { ok: true, value: stats };
}

/** The queryacdstat body: 1–100 skill ids (whole, non-negative). */
export function acdStatBody(
  skillIds: readonly number[],
): Result<{ skills: number[] }, GatewayError> {
  const valid =
    skillIds.length >= 1 &&
    skillIds.length <= ACD_STAT_MAX_SKILLS &&
    skillIds.every((id) => Number.isSafeInteger(id) && id >= 0);
  if (!valid) {
    return {
      ok: false,
      error: {
        kind: 'invalid-request',
        detail: `queryacdstat takes 1–${ACD_STAT_MAX_SKILLS} skill ids`,
      },
    };
  }
  return { ok: true, value: { skills: [...skillIds] } };
}
