/**
 * Sign-in and sign-out (gateway-protocol.md §3.1, §3.2, §3.5, §9.2).
 */
import {
  readBool,
  readInt,
  readObject,
  readText,
  type AuthContext,
  type RouteContext,
} from './context';
import { forceNotReady } from './agent-state';
import { takeCarried } from './carried-calls';
import { emit } from './events';
import { fail, ok, type Reply } from './reply';
import { endSession, expireIfSilent, lbCookie, mintGuid } from './sessions';
import { Session, type SimState } from './state';
import type { AccountUpdate } from './types';

/**
 * The load-balancer cookie of node 0 (the default); whether later requests echo their
 * node's cookie is logged (§1.2, §10.4).
 */
export const LB_COOKIE = 'SIMLB=node0';

interface SignInBody {
  phone: string;
  status: number;
  autoEnterIdle: boolean;
  autoAnswer: boolean;
  releasePhone: boolean;
}

/** Validate the §3.1 body; a retcode on failure. */
function readSignIn(ctx: RouteContext): SignInBody | string {
  const body = readObject(ctx.body);
  if (body === null) return '100-001';
  const password = readText(body.password);
  const phone = readText(body.phonenum);
  if (password === null || password === '' || phone === null || phone === '') return '100-001';
  const account = ctx.gw.agent(ctx.agentId);
  if (account === undefined || account.password !== password) return '100-004';
  if (account.signInRetcode !== undefined) return account.signInRetcode;
  if (!/^[0-9*#+]{1,24}$/.test(phone)) return '100-013';
  const status = body.status === undefined ? 4 : readInt(body.status);
  const autoEnterIdle = readBool(body.autoenteridle, true);
  const autoAnswer = readBool(body.autoanswer, true);
  const releasePhone = readBool(body.releasephone, true);
  if (status === null || ![3, 4, 5].includes(status)) return '100-011';
  if (autoEnterIdle === null || autoAnswer === null || releasePhone === null) return '100-011';
  const agentType = body.agenttype === undefined ? 4 : readInt(body.agenttype);
  if (agentType !== 4 && agentType !== 11) return '100-012';
  return { phone, status, autoEnterIdle, autoAnswer, releasePhone };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `login` / `forcelogin`. Sign-in takes `signInDelayMs`, during which a second sign-in for
 * the same agent gets `100-021` (§1.5). A live session → `100-002` for login; forcelogin
 * replaces it (`100-015` when forcing is off) and the old Guid then gets `100-006`.
 */
export async function signIn(ctx: RouteContext, force: boolean): Promise<Reply> {
  const { gw, agentId } = ctx;
  if (gw.signingIn.has(agentId)) return fail('100-021');
  const parsed = readSignIn(ctx);
  if (typeof parsed === 'string') return fail(parsed);
  expireIfSilent(gw, agentId, ctx.now);
  if (gw.sessions.has(agentId)) {
    if (!force) return fail('100-002');
    if (!gw.opts.forceLoginAllowed) return fail('100-015');
  }
  const epoch = gw.epoch;
  gw.signingIn.add(agentId);
  await delay(gw.opts.signInDelayMs);
  gw.signingIn.delete(agentId);
  // The gateway restarted meanwhile: this request's socket is gone with it.
  if (gw.epoch !== epoch) return fail('100-007');
  const old = gw.sessions.get(agentId);
  if (old !== undefined) endSession(gw, old, 'displaced');
  const now = Date.now();
  const state = parsed.status;
  const s = new Session(agentId, parsed.phone, now, mintGuid(gw), state);
  s.autoEnterIdle = parsed.autoEnterIdle;
  s.autoAnswer = parsed.autoAnswer;
  s.releasePhone = parsed.releasePhone;
  gw.sessions.set(agentId, s);
  emit(gw, s, 'AgentOther_InService');
  emit(gw, s, 'AgentState_Ready');
  if (state === 3) emit(gw, s, 'AgentState_SetNotReady_Success', { reason: '0' });
  if (state === 5) emit(gw, s, 'AgentState_Work');
  if (gw.opts.forceNotReady) forceNotReady(gw, agentId);
  // A call the platform kept through a restart or failover (issue #11) is up again.
  takeCarried(gw, s);
  const result = {
    vdnid: '1',
    workno: agentId,
    mediatype: 'TTF',
    loginTime: String(now),
    isForceChange: gw.agent(agentId)?.mustChangePassword === true ? 'true' : 'false',
    serverName: 'AgentGateway',
    timeRemaining: '',
  };
  const reply = ok(JSON.stringify(result));
  reply.headers['Set-GUID'] = `JSESSIONID=${s.guid}`;
  reply.headers['Set-Cookie'] = `${lbCookie(gw)}; Path=/; Secure; HttpOnly`;
  return reply;
}

/**
 * `logout` (§3.5): during a call the agent is not signed out (session, Guid and call stay);
 * the answer is `logoutInCallCode` (§9 rule 18), a success reply when that is `0`.
 */
export function logout(ctx: AuthContext): Reply {
  if (ctx.session.inCall()) {
    const code = ctx.gw.opts.logoutInCallCode;
    return code === '0' ? ok('{}') : fail(code);
  }
  endSession(ctx.gw, ctx.session, 'logout');
  return ok('{}');
}

/**
 * A supervisor signs the agent out (issue #11; control API): `AgentOther_ShutdownService`,
 * then `100-006`. Throws when the agent is not signed in or the cause is not 1–255.
 */
export function supervisorLogout(gw: SimState, agentId: string, cause?: number): void {
  const s = gw.sessions.get(agentId);
  if (s === undefined) throw new Error(`agent ${agentId} is not signed in`);
  if (cause !== undefined && (!Number.isInteger(cause) || cause < 1 || cause > 255)) {
    throw new Error('cause must be an integer from 1 to 255');
  }
  endSession(gw, s, 'supervisor', cause);
}

/**
 * Change an account (test control): a new password makes the stored one wrong (`100-004`);
 * `mustChangePassword` sets `isForceChange`; `signInRetcode` refuses every sign-in with that
 * code (null clears it). Throws on an unknown agent or a bad value.
 */
export function setAccount(gw: SimState, agentId: string, update: AccountUpdate): void {
  const account = gw.agent(agentId);
  if (account === undefined) throw new Error(`no agent ${agentId}`);
  for (const key of Object.keys(update)) {
    if (!['password', 'mustChangePassword', 'signInRetcode'].includes(key)) {
      throw new Error(`unknown account field ${key}`);
    }
  }
  const { password, mustChangePassword, signInRetcode } = update;
  if (
    password !== undefined &&
    (typeof password !== 'string' || password === '' || password.length > 32)
  ) {
    throw new Error('password must be 1-32 characters');
  }
  if (mustChangePassword !== undefined && typeof mustChangePassword !== 'boolean') {
    throw new Error('mustChangePassword must be a boolean');
  }
  if (
    signInRetcode !== undefined &&
    signInRetcode !== null &&
    (typeof signInRetcode !== 'string' || !/^\d{3}-\d{3}$/.test(signInRetcode))
  ) {
    throw new Error('signInRetcode must be NNN-NNN or null');
  }
  if (password !== undefined) account.password = password;
  if (mustChangePassword !== undefined) account.mustChangePassword = mustChangePassword;
  if (signInRetcode === null) delete account.signInRetcode;
  else if (signInRetcode !== undefined) account.signInRetcode = signInRetcode;
}

/** `forcelogout` and `forcelogoutwithreason/{1–255}` (§3.5): the call goes with it. */
export function forceLogout(ctx: AuthContext): Reply {
  const reason = ctx.params[0];
  if (reason !== undefined) {
    const n = readInt(reason);
    if (n === null || n < 1 || n > 255) return fail('100-005');
  }
  endSession(ctx.gw, ctx.session, 'forcelogout');
  return ok('{}');
}
