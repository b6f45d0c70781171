/**
 * The CC-Gateway simulator (design.md §6, gateway-protocol.md §9): a gateway over real HTTPS
 * with its own CA, driven in-process or through the `/__sim` control API.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { forceNotReady, STATE } from './agent-state';
import { callAction } from './calls';
import { handleControl } from './control';
import { randomPreview } from './demo-previews';
import { addFault } from './faults';
import { injectPreview, withdrawPreview } from './previews';
import { SimServer } from './server';
import { endSession, expireAllSilent } from './sessions';
import { SimState, type ResolvedOptions } from './state';
import { tlsMaterial } from './tls';
import {
  PREVIEW_EVENT_SCRIPTS,
  RELEASE_PREVIEW_MOMENTS,
  type ReleasePreviewMoment,
  type SimAgent,
  type Simulator,
  type SimulatorOptions,
} from './types';

export type {
  CallAction,
  CallActionOptions,
  DtmfRecord,
  Fault,
  ForceNotReadyOptions,
  GuidState,
  PreviewEventScript,
  PreviewRequest,
  ReleasePreviewMoment,
  RequestRecord,
  SessionInfo,
  SimAgent,
  Simulator,
  SimulatorOptions,
} from './types';
export { PREVIEW_EVENT_SCRIPTS, RELEASE_PREVIEW_MOMENTS } from './types';

/** A gateway retcode: `0` or `NNN-NNN` (§8). */
export const RETCODE = /^(0|\d{3}-\d{3})$/;

/** Accounts 101..105, password `pw<id>`, phone `8<id>`. */
export const DEFAULT_AGENTS: ReadonlyArray<SimAgent> = ['101', '102', '103', '104', '105'].map(
  (id) => ({ id, password: `pw${id}`, phone: `8${id}` }),
);

/** `value` when it is one of `allowed` (a RangeError naming `name` otherwise), else `fallback`. */
function oneOf<T extends string>(
  name: string,
  value: T | undefined,
  allowed: ReadonlyArray<T>,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value))
    throw new RangeError(`${name} must be one of ${allowed.join(', ')}`);
  return value;
}

/** A retcode option: `0` or `NNN-NNN`. */
function retcodeOption(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!RETCODE.test(value)) throw new RangeError(`${name} must be 0 or a retcode NNN-NNN`);
  return value;
}

/** `releasePreviewLate`: off, or its moment (`true` = after the next offer). */
function releaseMoment(v: SimulatorOptions['releasePreviewLate']): ReleasePreviewMoment | null {
  if (v === undefined || v === false) return null;
  if (v === true) return 'after-next-offer';
  return oneOf('releasePreviewLate', v, RELEASE_PREVIEW_MOMENTS, 'after-next-offer');
}

/** `callinfoLastCall` and `callinfoLegacy` name one switch; they must not contradict. */
function callinfoReading(o: SimulatorOptions): boolean {
  if (o.callinfoLegacy !== undefined && o.callinfoLastCall === o.callinfoLegacy) {
    throw new RangeError('callinfoLastCall and callinfoLegacy contradict each other');
  }
  return o.callinfoLastCall ?? !(o.callinfoLegacy ?? false);
}

/** `pollHoldMs` and its alias `longPollHoldMs`: a positive number of ms, the same if both. */
function pollHold(o: SimulatorOptions): number {
  if (
    o.pollHoldMs !== undefined &&
    o.longPollHoldMs !== undefined &&
    o.pollHoldMs !== o.longPollHoldMs
  ) {
    throw new RangeError('pollHoldMs and longPollHoldMs differ');
  }
  const hold = o.longPollHoldMs ?? o.pollHoldMs ?? 10_000;
  if (!Number.isFinite(hold) || hold < 1) throw new RangeError('the poll hold must be ≥ 1 ms');
  return hold;
}

/** Every option with its default; contradicting or invalid options throw a RangeError. */
export function resolveOptions(o: SimulatorOptions): ResolvedOptions {
  return {
    authMode: o.authMode ?? 2,
    guidRotateMs: o.guidRotateMs ?? 60_000,
    guidGraceMs: o.guidGraceMs ?? 120_000,
    guidSetOnce: o.guidSetOnce ?? true,
    pollHoldMs: pollHold(o),
    sessionTimeoutMs: o.sessionTimeoutMs ?? 120_000,
    eventGenTime: o.eventGenTime ?? true,
    previewEveryMs: o.previewEveryMs ?? null,
    autoAnswerMs: o.autoAnswerMs ?? null,
    callStepMs: o.callStepMs ?? 50,
    forceLoginAllowed: o.forceLoginAllowed ?? true,
    agents: (o.agents ?? DEFAULT_AGENTS).map((a) => ({ ...a })),
    signInDelayMs: o.signInDelayMs ?? 20,
    successMessage: o.successMessage ?? null,
    strictPaths: o.strictPaths ?? true,
    callinfoLastCall: callinfoReading(o),
    previewEvent: oneOf('previewEvent', o.previewEvent, PREVIEW_EVENT_SCRIPTS, 'callout'),
    releasePreviewLate: releaseMoment(o.releasePreviewLate),
    afterCall: oneOf('afterCall', o.afterCall, ['ready', 'wrap-up'] as const, 'ready'),
    logoutInCallCode: retcodeOption('logoutInCallCode', o.logoutInCallCode, '100-010'),
    repeatedLogoutCode: oneOf(
      'repeatedLogoutCode',
      o.repeatedLogoutCode,
      ['100-006', '100-008'] as const,
      '100-006',
    ),
    emptyResultOnDial: o.emptyResultOnDial ?? false,
    forceNotReady: o.forceNotReady ?? false,
    forceNotReadyNull: o.forceNotReadyNull ?? false,
    eventArray: o.eventArray ?? false,
  };
}

/** Offer a random preview to every idle signed-in agent with nothing pending (demo). */
function offerDemoPreviews(gw: SimState): void {
  for (const s of gw.sessions.values()) {
    if (s.state !== STATE.idle || s.inCall() || s.previews.size > 0) continue;
    injectPreview(gw, s.agentId, randomPreview());
  }
}

/** Start a simulator on 127.0.0.1 (`port` 0 = ephemeral). */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(opts);
  const tls = await tlsMaterial();
  if (opts.certDir !== undefined) {
    await mkdir(opts.certDir, { recursive: true });
    await writeFile(join(opts.certDir, 'ca.pem'), tls.caPem);
  }
  const gw = new SimState(resolved);
  let port = opts.port ?? 0;

  const reset = (): void => gw.resetSessions();
  // Restarts triggered together (a `restart` fault with count 0) share one restart.
  let restarting: Promise<void> | null = null;
  const restart = (): Promise<void> => {
    restarting ??= (async () => {
      await server.close();
      reset();
      await server.listen(port);
    })().finally(() => {
      restarting = null;
    });
    return restarting;
  };

  const sim: Simulator = {
    url: '',
    port: 0,
    caPem: tls.caPem,
    leafFingerprint256: tls.leafFingerprint256,
    agents: resolved.agents.map((a) => ({ ...a })),
    injectPreview: (agentId, p) => injectPreview(gw, agentId, p),
    withdrawPreview: (agentId, controlId) => withdrawPreview(gw, agentId, controlId),
    callAction: (agentId, action, o) => callAction(gw, agentId, action, o),
    forceNotReady: (agentId, o) => forceNotReady(gw, agentId, o),
    dtmf: (agentId) => ({
      calls: (gw.dtmf.get(agentId) ?? []).map((c) => ({
        callId: c.callId,
        requests: [...c.requests],
      })),
    }),
    requests: () => gw.log.map((r) => ({ ...r })),
    addFault: (f) => addFault(gw, f),
    clearFaults: () => {
      gw.faults = [];
      server.resumeHung();
    },
    kick: (agentId) => {
      const s = gw.sessions.get(agentId);
      if (s === undefined) throw new Error(`agent ${agentId} is not signed in`);
      endSession(gw, s, 'kick');
    },
    restart,
    kill: async () => {
      await server.close();
      reset();
    },
    revive: async () => {
      reset();
      await server.listen(port);
    },
    sessions: () =>
      [...gw.sessions.values()].map((s) => ({
        agentId: s.agentId,
        state: s.state,
        since: s.since,
        hasCall: s.inCall(),
        pollHeld: s.waiter !== null,
        offersWaiting: s.deferred.size,
      })),
    stop: async () => {
      clearInterval(sweep);
      if (demo !== null) clearInterval(demo);
      await server.close();
      reset();
    },
  };

  const server = new SimServer(gw, tls, {
    control: (method, path, body) => handleControl(sim, method, path, body),
    restart,
  });
  port = await server.listen(port);
  sim.port = port;
  sim.url = `https://127.0.0.1:${port}`;

  const sweepMs = Math.max(50, Math.min(1000, Math.floor(resolved.sessionTimeoutMs / 4)));
  const sweep = setInterval(() => expireAllSilent(gw, Date.now()), sweepMs);
  sweep.unref();
  const every = resolved.previewEveryMs;
  const demo = every === null ? null : setInterval(() => offerDemoPreviews(gw), every);
  demo?.unref();
  return sim;
}
