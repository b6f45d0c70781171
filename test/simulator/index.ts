/**
 * The CC-Gateway simulator (design.md §6, gateway-protocol.md §9): a gateway over real HTTPS
 * with its own CA, driven in-process or through the `/__sim` control API.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { forceNotReady, forceReady, restTimeout, STATE } from './agent-state';
import { callAction } from './calls';
import { carryCall } from './carried-calls';
import { handleControl } from './control';
import { driftQueue, randomPreview } from './demo-previews';
import { addFault } from './faults';
import { injectPreview, withdrawPreview } from './previews';
import { RETCODE } from './reply';
import { SimServer } from './server';
import { expireAllSilent } from './sessions';
import { setAccount, supervisorLogout } from './sign-in';
import { SimState, type ResolvedOptions } from './state';
import { tlsMaterial } from './tls';
import { DEFAULT_SKILLS, figures, queueInfo, setAgentSkills, setQueue } from './queues';
import {
  PREVIEW_EVENT_SCRIPTS,
  RELEASE_PREVIEW_MOMENTS,
  type ReleasePreviewMoment,
  type RestartOptions,
  type SimAgent,
  type SimSkill,
  type Simulator,
  type SimulatorOptions,
} from './types';

export type {
  CarriedCall,
  RestartOptions,
  CallAction,
  CallActionOptions,
  DtmfRecord,
  Fault,
  AccountUpdate,
  EndReason,
  ForceNotReadyOptions,
  SessionEnd,
  QueueFigures,
  QueueInfo,
  QueueUpdate,
  SimSkill,
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
export { RETCODE } from './reply';
export { DEFAULT_SKILLS } from './queues';

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

/** The skill catalogue: given, or the default; ids unique positive integers, names set. */
function catalogue(o: SimulatorOptions): ReadonlyArray<SimSkill> {
  const skills = o.skills ?? DEFAULT_SKILLS;
  const ids = new Set<number>();
  for (const k of skills) {
    if (!Number.isSafeInteger(k.id) || k.id < 1 || ids.has(k.id)) {
      throw new RangeError('skills need unique positive integer ids');
    }
    if (typeof k.name !== 'string' || k.name === '') throw new RangeError('a skill needs a name');
    ids.add(k.id);
  }
  for (const a of o.agents ?? []) {
    if (a.skills !== undefined && !a.skills.every((id) => ids.has(id))) {
      throw new RangeError(`agent ${a.id} has a skill the platform does not have`);
    }
    if (a.signInRetcode !== undefined && !/^\d{3}-\d{3}$/.test(a.signInRetcode)) {
      throw new RangeError(`agent ${a.id}: signInRetcode must be NNN-NNN`);
    }
  }
  return skills;
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
  const node = o.node ?? 0;
  if (!Number.isInteger(node) || node < 0 || node > 99) throw new RangeError('node must be 0-99');
  return {
    node,
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
    agents: (o.agents ?? DEFAULT_AGENTS).map((a) => ({
      ...a,
      ...(a.skills === undefined ? {} : { skills: [...a.skills] }),
    })),
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
    acdStatAsText: o.acdStatAsText ?? false,
    skills: catalogue(o),
  };
}

/**
 * Demo tick: offer a random preview to every idle signed-in agent with nothing pending, and
 * let the calls waiting in each queue drift (so a queue glance has something to show).
 */
function demoTick(gw: SimState, everyMs: number): void {
  for (const s of gw.sessions.values()) {
    if (s.state !== STATE.idle || s.inCall() || s.previews.size > 0) continue;
    injectPreview(gw, s.agentId, randomPreview());
  }
  for (const id of gw.skills.keys()) {
    const f = figures(gw, id);
    setQueue(gw, id, driftQueue(f, everyMs / 1000));
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

  const reset = (keepCalls = false): void => gw.resetSessions(keepCalls);
  // Restarts triggered together (a `restart` fault with count 0) share one restart.
  let restarting: Promise<void> | null = null;
  const restart = (o: RestartOptions = {}): Promise<void> => {
    if (o.keepCalls !== undefined && typeof o.keepCalls !== 'boolean') {
      return Promise.reject(new Error('keepCalls must be true or false'));
    }
    restarting ??= (async () => {
      await server.close();
      reset(o.keepCalls === true);
      await server.listen(port);
    })().finally(() => {
      restarting = null;
    });
    return restarting;
  };

  const sim: Simulator = {
    url: '',
    port: 0,
    node: resolved.node,
    caPem: tls.caPem,
    leafFingerprint256: tls.leafFingerprint256,
    // A copy of the accounts as they are now (control changes included).
    get agents() {
      return gw.opts.agents.map((a) => ({
        ...a,
        ...(a.skills === undefined ? {} : { skills: [...a.skills] }),
      }));
    },
    injectPreview: (agentId, p) => injectPreview(gw, agentId, p),
    withdrawPreview: (agentId, controlId) => withdrawPreview(gw, agentId, controlId),
    callAction: (agentId, action, o) => callAction(gw, agentId, action, o),
    forceNotReady: (agentId, o) => forceNotReady(gw, agentId, o),
    forceReady: (agentId) => forceReady(gw, agentId),
    restTimeout: (agentId) => restTimeout(gw, agentId),
    setQueue: (skillId, update) => setQueue(gw, skillId, update),
    queues: () => [...gw.skills.keys()].sort((x, y) => x - y).map((id) => queueInfo(gw, id)),
    setAgentSkills: (agentId, skills) => setAgentSkills(gw, agentId, skills),
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
    kick: (agentId) => supervisorLogout(gw, agentId),
    forceLogout: (agentId, o) => supervisorLogout(gw, agentId, o?.cause),
    sessionEnds: () => gw.ends.map((e) => ({ ...e })),
    setAccount: (agentId, update) => setAccount(gw, agentId, update),
    carryCall: (agentId, call) => carryCall(gw, agentId, call),
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
  const demo = every === null ? null : setInterval(() => demoTick(gw, every), every);
  demo?.unref();
  return sim;
}
