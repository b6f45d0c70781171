/**
 * The gateway's route table under `/agentgateway/resource/` and its dispatch rules:
 * strict methods (wrong method → `000-002`, or `000-001` for the event poll; §1.3, §9.10),
 * unknown paths → `000-002` (the doc's "address in the URL wrong"), paths matched exactly in
 * the documented spelling, or in any case with `strictPaths: false` (§9 rule 19, §10.16),
 * Guid checked per §9.3.
 */
import * as agent from './agent-state';
import * as calls from './calls';
import { queryParam, type AuthContext, type Handled, type RouteContext } from './context';
import * as dtmf from './dtmf';
import { poll } from './poll';
import * as previews from './previews';
import * as queues from './queues';
import { fail, ok } from './reply';
import { announceGuid, authorize, replaceGuid, rotateIfDue } from './sessions';
import { forceLogout, logout, signIn } from './sign-in';

interface OpenRoute {
  method: string;
  family: string;
  rest: RegExp;
  auth: false;
  handle(c: RouteContext): Handled;
}
interface GuardedRoute {
  method: string;
  family: string;
  rest: RegExp;
  auth: true;
  handle(c: AuthContext): Handled;
  /** A sign-out: a repeat with an ended session's Guid answers `repeatedLogoutCode`. */
  signOut?: boolean;
}
type Route = OpenRoute | GuardedRoute;

const open = (
  method: string,
  family: string,
  rest: RegExp,
  handle: (c: RouteContext) => Handled,
): OpenRoute => ({ method, family, rest, auth: false, handle });
const OA = 'onlineagent';

const guarded = (
  method: string,
  family: string,
  rest: RegExp,
  handle: (c: AuthContext) => Handled,
): GuardedRoute => ({ method, family, rest, auth: true, handle });
const signOut = (rest: RegExp, handle: (c: AuthContext) => Handled): GuardedRoute => ({
  ...guarded('DELETE', OA, rest, handle),
  signOut: true,
});

const VC = 'voicecall';
const CD = 'calldata';

const ROUTES: Route[] = [
  open('PUT', OA, /^$/, (c) => signIn(c, false)),
  open('PUT', OA, /^\/forcelogin$/, (c) => signIn(c, true)),
  signOut(/^\/logout$/, logout),
  signOut(/^\/forcelogout$/, forceLogout),
  signOut(/^\/forcelogoutwithreason\/([^/]+)$/, forceLogout),
  guarded('POST', OA, /^\/resetskill\/([^/]+)$/, queues.resetSkill),
  guarded('GET', OA, /^\/agentskills$/, queues.querySkills),
  guarded('POST', 'queuedevice', /^\/queryacdstat$/, queues.queryAcdStat),
  guarded('POST', OA, /^\/sayfree$/, agent.sayFree),
  guarded('POST', OA, /^\/saybusy$/, agent.sayBusy),
  guarded('POST', OA, /^\/cancelbusy$/, agent.cancelBusy),
  guarded('POST', OA, /^\/rest\/([^/]+)\/([^/]+)$/, agent.rest),
  guarded('POST', OA, /^\/cancelrest$/, agent.cancelRest),
  guarded('POST', OA, /^\/work$/, agent.work),
  guarded('POST', OA, /^\/cancelwork$/, agent.cancelWork),
  guarded('POST', OA, /^\/autoenteridle\/([^/]+)$/, (c) => agent.setFlag(c, 'autoEnterIdle')),
  guarded('POST', OA, /^\/autoanswer\/([^/]+)$/, (c) => agent.setFlag(c, 'autoAnswer')),
  guarded('GET', OA, /^\/agentstatus$/, agent.agentStatus),
  guarded('PUT', OA, /^\/updateGuid$/, (c) =>
    ok(JSON.stringify({ guid: replaceGuid(c.gw, c.session, Date.now()) })),
  ),
  guarded('POST', OA, /^\/handshake$/, (c) => {
    // Push-mode heartbeat (§4.2): the other place a rotated Guid is delivered. Its page
    // answers `{"message":"success","retcode":"0"}`.
    const reply = ok(undefined, 'success');
    if (announceGuid(c.gw, rotateIfDue(c.gw, c.session, Date.now()), c.guidState)) {
      reply.headers['Set-GUID'] = `JSESSIONID=${c.session.guid}`;
    }
    return reply;
  }),
  guarded('GET', 'agentevent', /^$/, poll),
  guarded('PUT', VC, /^\/previewCallout$/, previews.previewCallout),
  guarded('PUT', VC, /^\/cancelPreviewCallout$/, previews.cancelPreviewCallout),
  guarded('POST', VC, /^\/seconddialex$/, dtmf.secondDialEx),
  guarded('POST', VC, /^\/seconddial\/([^/]+)$/, dtmf.secondDial),
  guarded('DELETE', VC, /^\/release$/, calls.release),
  guarded('DELETE', VC, /^$/, calls.release),
  guarded('POST', VC, /^\/dropcall\/([^/]+)$/, calls.dropCall),
  guarded('POST', VC, /^\/hold$/, calls.hold),
  guarded('POST', VC, /^\/gethold$/, (c) => calls.getHold(c, queryParam(c.query, 'callid'))),
  guarded('GET', CD, /^\/callinfo$/, dtmf.callInfo),
  guarded('GET', CD, /^\/callinfobycallid\/([^/]+)$/, dtmf.callInfoById),
];

const PATH = /^\/agentgateway\/resource\/([A-Za-z]+)\/([^/]+)(\/.*)?$/;
const ANY_CASE_PATH = new RegExp(PATH.source, 'i');
/** The route patterns in any case, for `strictPaths: false`. */
const ANY_CASE = new Map(ROUTES.map((r) => [r, new RegExp(r.rest.source, 'i')]));

/** The agent ID in a gateway path in any case (for the request log), or null. */
export function agentIdOf(path: string): string | null {
  return ANY_CASE_PATH.exec(path)?.[2] ?? null;
}

/** Agent IDs 101–999999 (§1.1, both doc generations). */
function validAgentId(id: string): boolean {
  return /^\d{3,6}$/.test(id) && Number(id) >= 101;
}

/** Route one gateway request (`path` is the URL path, not decoded). */
export function dispatch(
  method: string,
  path: string,
  base: Omit<RouteContext, 'agentId' | 'params'>,
): Handled {
  const strict = base.gw.opts.strictPaths;
  const m = (strict ? PATH : ANY_CASE_PATH).exec(path);
  if (m === null) return fail('000-002');
  const family = strict ? (m[1] ?? '') : (m[1] ?? '').toLowerCase();
  const agentId = m[2] ?? '';
  const rest = m[3] ?? '';
  const matches = ROUTES.flatMap((r) => {
    if (r.family !== family) return [];
    const hit = (strict ? r.rest : (ANY_CASE.get(r) ?? r.rest)).exec(rest);
    return hit === null ? [] : [{ route: r, params: hit.slice(1) }];
  });
  const found = matches.find((x) => x.route.method === method);
  if (found === undefined) {
    if (matches.length === 0) return fail('000-002');
    return fail(family === 'agentevent' ? '000-001' : '000-002');
  }
  if (!validAgentId(agentId)) return fail('000-002');
  const ctx: RouteContext = { ...base, agentId, params: found.params.map((p) => p ?? '') };
  const { route } = found;
  if (!route.auth) return route.handle(ctx);
  const auth = authorize(ctx.gw, agentId, ctx.guid, ctx.now);
  if (!auth.ok) {
    // A sign-out repeated with the Guid of a session that has ended (§3.5, §9 rule 18).
    const repeated =
      route.signOut === true && ctx.guid !== null && ctx.gw.retiredGuids.has(ctx.guid);
    return repeated ? fail(ctx.gw.opts.repeatedLogoutCode) : auth.reply;
  }
  return route.handle({ ...ctx, session: auth.session, guidState: auth.guidState });
}
