import type { GatewayApi, GatewayFactory, GatewayObserver } from '../gateway/api';
import type {
  AfterCall,
  GatewayConnection,
  GatewayError,
  GatewaySignIn,
  Result,
  SignInInfo,
} from '../gateway/types';
import type {
  DeskError,
  DeskResult,
  GatewayRole,
  PasswordFacts,
  SignInRequest,
} from '../ipc/contract';
import type { DeskLogger } from './logger';
import { describeError } from './summaries';
import { ALREADY_SIGNED_IN_RETCODE } from '../gateway/assumptions';

/** Errors after which the backup gateway is tried: the primary could not be reached. */
export function isUnreachable(error: GatewayError): boolean {
  return error.kind === 'network' || error.kind === 'tls' || error.kind === 'timeout';
}

/** `timeRemaining` is days until the password expires, `""` = never (§3.1). */
export function passwordDaysLeft(timeRemaining: string): number | null {
  if (timeRemaining.trim() === '') return null;
  const days = Number(timeRemaining);
  return Number.isFinite(days) ? days : null;
}

/** The password facts of a sign-in's answer (§3.1), as the session shows them. */
export function passwordFacts(info: SignInInfo): PasswordFacts {
  return { mustChange: info.isForceChange, daysLeft: passwordDaysLeft(info.timeRemaining) };
}

/** A connection's index as the screen names it: 0 primary, any other backup. */
export function gatewayRole(gateway: number): GatewayRole {
  return gateway === 0 ? 'primary' : 'backup';
}

export interface SignInDeps {
  connections: () => Promise<DeskResult<GatewayConnection[]>>;
  factory: GatewayFactory;
  observer: GatewayObserver;
  logger: DeskLogger;
  /** The releasephone/autoenteridle pair to sign in with (§3.1). */
  afterCall: AfterCall;
}

/** A new session on one gateway, owned by the caller from now on. */
export interface NewSession {
  api: GatewayApi;
  info: SignInInfo;
  connection: GatewayConnection;
  /** Index of the connection: 0 primary, 1 backup. */
  gateway: number;
  /** How many gateways were configured (primary, and backup when set). */
  gateways: number;
}

/** Why one sign-in failed: at `login` (nothing was made) or at `resetskill` (undone). */
export type SignInAtError = { error: GatewayError; stage: 'login' | 'reset' };

/**
 * One sign-in on one gateway: login (or forcelogin), then resetskill/true. A session signed in
 * whose resetskill fails is signed out again, so the gateway keeps nothing we dropped. The
 * api is closed unless the sign-in succeeded.
 */
export async function signInAt(
  api: GatewayApi,
  credentials: GatewaySignIn,
  force: boolean,
  logger: DeskLogger,
): Promise<Result<SignInInfo, SignInAtError>> {
  const login = force ? await api.forceLogin(credentials) : await api.login(credentials);
  if (!login.ok) {
    api.close();
    return { ok: false, error: { error: login.error, stage: 'login' } };
  }
  const reset = await api.resetSkill();
  if (reset.ok) return login;
  // Half signed in: sign out again so the gateway does not keep a session we dropped.
  const out = await api.logout();
  if (!out.ok) logger.warn('desk.sign-in.undo-failed', { error: describeError(out.error) });
  api.close();
  return { ok: false, error: { error: reset.error, stage: 'reset' } };
}

/**
 * The sign-in flow (design.md §3, gateway-protocol.md §2.6): login (or forcelogin once the
 * agent confirmed) → resetskill/true. Connections are tried in order, moving on only when
 * one could not be reached. `100-015` (forcing not allowed) passes through as the gateway
 * error, whose text explains it. On success the caller owns the returned session.
 */
export async function runSignIn(
  deps: SignInDeps,
  req: SignInRequest,
): Promise<DeskResult<NewSession>> {
  let found: DeskResult<GatewayConnection[]>;
  try {
    found = await deps.connections();
  } catch (err: unknown) {
    return {
      ok: false,
      error: { kind: 'internal', detail: `no gateway settings: ${String(err)}` },
    };
  }
  if (!found.ok) return found;
  const connections = found.value;
  if (connections.length === 0) {
    return { ok: false, error: { kind: 'internal', detail: 'no gateway address configured' } };
  }
  const credentials = {
    agentId: req.agentId,
    password: req.password,
    phone: req.phone,
    afterCall: deps.afterCall,
  };
  let lastError: DeskError = { kind: 'internal', detail: 'no gateway tried' };
  for (const [index, connection] of connections.entries()) {
    const api = deps.factory(connection, req.agentId, deps.observer);
    const r = await signInAt(api, credentials, req.force === true, deps.logger);
    if (r.ok) {
      const gateways = connections.length;
      return { ok: true, value: { api, info: r.value, connection, gateway: index, gateways } };
    }
    const { error, stage } = r.error;
    if (error.kind === 'gateway' && error.retcode === ALREADY_SIGNED_IN_RETCODE) {
      return { ok: false, error: { kind: 'already-signed-in' } };
    }
    lastError = error;
    // A failed resetskill was after a sign-in: never move on (the undo may not have reached it).
    if (stage === 'reset' || !isUnreachable(error)) break;
    deps.logger.warn('desk.sign-in.unreachable', {
      connection: index,
      error: describeError(error),
      willTryNext: index + 1 < connections.length,
    });
  }
  return { ok: false, error: lastError };
}
