/**
 * Two-stage dialling (gateway-protocol.md §5.3, §5.4, §9.8) and call queries (§5.7). Each
 * accepted request's digits are recorded exactly, in order, per call, for assertions.
 */
import { decode, queryParam, type AuthContext } from './context';
import { fail, ok, type Reply } from './reply';
import type { SimCall, SimState } from './state';

function record(gw: SimState, agentId: string, callId: string, digits: string): void {
  let calls = gw.dtmf.get(agentId);
  if (calls === undefined) {
    calls = [];
    gw.dtmf.set(agentId, calls);
  }
  let entry = calls.find((c) => c.callId === callId);
  if (entry === undefined) {
    entry = { callId, requests: [] };
    calls.push(entry);
  }
  entry.requests.push(digits);
}

function send(ctx: AuthContext, digits: string | null | undefined, pattern: RegExp): Reply {
  const call = ctx.session.call;
  // A talking call is required; no call, ringing or held → 100-007 (§5.3 assumption).
  if (call === null || call.phase !== 'talking') return fail('100-007');
  if (digits === null || digits === undefined || !pattern.test(digits)) return fail('000-002');
  record(ctx.gw, ctx.agentId, call.callId, digits);
  // The seconddialex page's example is the one that says "success" (§5.3).
  return ok('{}', 'success');
}

/** `seconddialex?number=`: URL-decoded, then `^[0-9*#]{1,24}$`. */
export function secondDialEx(ctx: AuthContext): Reply {
  return send(ctx, queryParam(ctx.query, 'number'), /^[0-9*#]{1,24}$/);
}

/** Legacy `seconddial/{number}` (§5.4): number in the path, no `#`. */
export function secondDial(ctx: AuthContext): Reply {
  return send(ctx, decode(ctx.params[0] ?? ''), /^[0-9*]{1,24}$/);
}

function callInfoJson(call: SimCall): string {
  return JSON.stringify({
    callfeature: 44,
    callid: call.callId,
    caller: call.caller,
    called: call.called,
    callskill: '',
    callskillid: 0,
    orgicallednum: '',
    calldata: call.callData,
    begintime: call.beginTime ?? 0,
    endtime: 0,
    userPriority: 0,
    trunkNo: 0,
    logontimes: 0,
    mediaType: 16, // preview outbound (§6.4)
  });
}

/**
 * `callinfo?isNoContainLastCall=`: the current call; with none, the last call when the flag
 * asks for it. Documented reading (default, §5.7): `true` = return the last call; `false` or
 * absent = do not. `callinfoLastCall: false` takes the name's reading instead: the last call
 * unless the flag is `true`. With no call to return, `result` is null (undocumented, §9
 * rule 20).
 */
export function callInfo(ctx: AuthContext): Reply {
  const s = ctx.session;
  const flag = queryParam(ctx.query, 'isNoContainLastCall') === 'true';
  const withLast = ctx.gw.opts.callinfoLastCall ? flag : !flag;
  const call = s.call ?? s.held ?? (withLast ? s.lastCall : null);
  return ok(call === null ? 'null' : callInfoJson(call));
}

/** `callinfobycallid/{callid}`: the current or last call with that ID, else `000-002`. */
export function callInfoById(ctx: AuthContext): Reply {
  const s = ctx.session;
  const id = ctx.params[0];
  const call = [s.call, s.held, s.lastCall].find((c) => c !== null && c.callId === id);
  return call === undefined || call === null ? fail('000-002') : ok(callInfoJson(call));
}
