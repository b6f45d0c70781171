import type { GatewayApi, GatewayFactory, GatewayObserver } from '../../../main/gateway/api';
import type {
  AcdStat,
  AgentSkill,
  AgentStatusInfo,
  CallInfo,
  GatewayConnection,
  GatewayError,
  GatewayEvent,
  GatewaySignIn,
  Result,
  SignInInfo,
} from '../../../main/gateway/types';

type Any = Result<unknown>;
type Handler = (...args: unknown[]) => Any | Promise<Any>;

/** A deferred result a test resolves when it wants (to hold a request in flight). */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: GatewayError): Result<never> => ({ ok: false, error });
export const retcode = (code: string): GatewayError => ({
  kind: 'gateway',
  retcode: code,
  message: code,
  text: { en: `code ${code}`, zh: `代码 ${code}` },
});
export const signedOut = (code: string): GatewayError => ({
  kind: 'signed-out',
  retcode: code,
  message: code,
  text: { en: 'signed out', zh: '已签出' },
});
export const netErr: GatewayError = { kind: 'network', code: 'ECONNREFUSED', detail: 'refused' };

export const signInInfo: SignInInfo = {
  vdnId: '1',
  workNo: '101',
  mediaType: 'TTF',
  loginTime: '1700000000000',
  isForceChange: false,
  serverName: 'AgentGateway',
  timeRemaining: '30',
};

type Body<K extends GatewayEvent['kind']> = Omit<
  Extract<GatewayEvent, { kind: K }>,
  'kind' | 'eventType' | 'workNo' | 'generatedAt'
>;

/** Builds a parsed event the way the client would hand it over. */
export function ev<K extends GatewayEvent['kind']>(kind: K, body: Body<K>): GatewayEvent {
  return {
    kind,
    eventType: `Test_${kind}`,
    workNo: '101',
    generatedAt: null,
    ...body,
  } as GatewayEvent;
}

export function preview(controlId: string, numbers: string[], callData = ''): GatewayEvent {
  return ev('preview-offered', { variant: 'CallOut_Ex', controlId, numbers, callData });
}

/**
 * An in-memory scripted GatewayApi: every method answers ok by default; `handlers`
 * overrides one method; polls wait until the test emits events or failures.
 */
export class FakeGateway implements GatewayApi {
  hasSession = false;
  closed = false;
  /** Benchmarks turn this off so the fake's own record does not grow the heap. */
  recordCalls = true;
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  readonly handlers: Partial<Record<keyof GatewayApi, Handler>> = {};
  pollsInFlight = 0;
  maxPollsInFlight = 0;
  status: AgentStatusInfo = { agentState: 4, isWorking: false };
  callInfoValue: CallInfo | null = null;
  /** What `agentSkills` and `queryAcdStat` answer by default (the queue glance). */
  skills: AgentSkill[] = [{ id: 1, name: 'Outbound', mediaType: 5 }];
  acdStats: AcdStat[] = [
    { skillId: 1, queueSize: 0, queueTime: 0, availAgents: 1, loggedOnAgents: 1 },
  ];
  private readonly pollQueue: Array<Result<GatewayEvent[]>> = [];
  private pollWaiter: ((r: Result<GatewayEvent[]>) => void) | null = null;
  private callCounter = 0;

  constructor(
    readonly agentId: string,
    readonly connection: GatewayConnection | null = null,
    readonly observer: GatewayObserver = {},
  ) {}

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  /**
   * Queues one poll answer: an event, several (an `event` array), null = empty reply, or an
   * error.
   */
  push(r: Result<GatewayEvent | GatewayEvent[] | null>): void {
    const answer: Result<GatewayEvent[]> = r.ok
      ? { ok: true, value: r.value === null ? [] : Array.isArray(r.value) ? r.value : [r.value] }
      : r;
    const waiter = this.pollWaiter;
    if (waiter !== null) {
      this.pollWaiter = null;
      waiter(answer);
    } else this.pollQueue.push(answer);
  }

  emit(...events: GatewayEvent[]): void {
    for (const e of events) this.push(ok(e));
  }

  /** Poll answers not yet taken by the desk. */
  get queuedAnswers(): number {
    return this.pollQueue.length;
  }

  get isPollWaiting(): boolean {
    return this.pollWaiter !== null;
  }

  private record(method: string, args: unknown[]): void {
    if (this.recordCalls) this.calls.push({ method, args });
  }

  private run<T>(
    method: keyof GatewayApi,
    args: unknown[],
    dflt: () => Result<T>,
  ): Promise<Result<T>> {
    this.record(method, args);
    const h = this.handlers[method];
    if (h === undefined) return Promise.resolve(dflt());
    return Promise.resolve(h(...args)) as Promise<Result<T>>;
  }

  login(req: GatewaySignIn): Promise<Result<SignInInfo>> {
    return this.run('login', [req], () => {
      this.hasSession = true;
      return ok(signInInfo);
    });
  }
  forceLogin(req: GatewaySignIn): Promise<Result<SignInInfo>> {
    return this.run('forceLogin', [req], () => {
      this.hasSession = true;
      return ok(signInInfo);
    });
  }
  logout(): Promise<Result<void>> {
    return this.run('logout', [], () => ok(undefined));
  }
  forceLogout(): Promise<Result<void>> {
    return this.run('forceLogout', [], () => ok(undefined));
  }
  resetSkill(): Promise<Result<void>> {
    return this.run('resetSkill', [], () => ok(undefined));
  }
  /** Polls abandoned by the desk (their AbortSignal fired). */
  abortedPolls = 0;

  pollEvents(signal?: AbortSignal): Promise<Result<GatewayEvent[]>> {
    this.record('pollEvent', []);
    this.pollsInFlight += 1;
    this.maxPollsInFlight = Math.max(this.maxPollsInFlight, this.pollsInFlight);
    const done = (r: Result<GatewayEvent[]>): Result<GatewayEvent[]> => {
      this.pollsInFlight -= 1;
      return r;
    };
    const queued = this.pollQueue.shift();
    if (queued !== undefined) return Promise.resolve(done(queued));
    return new Promise((resolve) => {
      const waiter = (r: Result<GatewayEvent[]>): void => resolve(done(r));
      this.pollWaiter = waiter;
      signal?.addEventListener('abort', () => {
        if (this.pollWaiter !== waiter) return;
        this.pollWaiter = null;
        this.abortedPolls += 1;
        waiter({ ok: false, error: { kind: 'network', code: 'ABORTED', detail: 'aborted' } });
      });
    });
  }
  updateGuid(): Promise<Result<void>> {
    return this.run('updateGuid', [], () => ok(undefined));
  }
  agentStatus(): Promise<Result<AgentStatusInfo>> {
    return this.run('agentStatus', [], () => ok(this.status));
  }
  callInfo(): Promise<Result<CallInfo | null>> {
    return this.run('callInfo', [], () => ok(this.callInfoValue));
  }
  sayFree(): Promise<Result<void>> {
    return this.run('sayFree', [], () => ok(undefined));
  }
  sayBusy(reason?: number, prolong?: boolean): Promise<Result<void>> {
    return this.run('sayBusy', [reason, prolong], () => ok(undefined));
  }
  cancelBusy(): Promise<Result<void>> {
    return this.run('cancelBusy', [], () => ok(undefined));
  }
  rest(seconds: number, cause: number, prolong?: boolean): Promise<Result<void>> {
    return this.run(
      'rest',
      prolong === undefined ? [seconds, cause] : [seconds, cause, prolong],
      () => ok(undefined),
    );
  }
  cancelRest(): Promise<Result<void>> {
    return this.run('cancelRest', [], () => ok(undefined));
  }
  work(): Promise<Result<void>> {
    return this.run('work', [], () => ok(undefined));
  }
  cancelWork(): Promise<Result<void>> {
    return this.run('cancelWork', [], () => ok(undefined));
  }
  previewCallout(controlId: string, called: string): Promise<Result<{ callId: string | null }>> {
    return this.run('previewCallout', [controlId, called], () => {
      this.callCounter += 1;
      return ok({ callId: `1700000000-${this.callCounter}` });
    });
  }
  cancelPreviewCallout(controlId: string): Promise<Result<void>> {
    return this.run('cancelPreviewCallout', [controlId], () => ok(undefined));
  }
  secondDialEx(digits: string): Promise<Result<void>> {
    return this.run('secondDialEx', [digits], () => ok(undefined));
  }
  release(): Promise<Result<void>> {
    return this.run('release', [], () => ok(undefined));
  }
  hold(): Promise<Result<void>> {
    return this.run('hold', [], () => ok(undefined));
  }
  getHold(callId?: string): Promise<Result<void>> {
    return this.run('getHold', [callId], () => ok(undefined));
  }
  agentSkills(): Promise<Result<AgentSkill[]>> {
    return this.run('agentSkills', [], () => ok(this.skills));
  }
  queryAcdStat(skillIds: readonly number[]): Promise<Result<AcdStat[]>> {
    return this.run('queryAcdStat', [skillIds], () => ok(this.acdStats));
  }
  close(): void {
    this.closed = true;
    const waiter = this.pollWaiter;
    this.pollWaiter = null;
    waiter?.({ ok: false, error: { kind: 'network', code: 'ECANCELED', detail: 'closed' } });
  }
}

/** A factory that records every session it builds (one per connection tried). */
export function fakeFactory(setup?: (gw: FakeGateway, index: number) => void): {
  factory: GatewayFactory;
  sessions: FakeGateway[];
} {
  const sessions: FakeGateway[] = [];
  const factory: GatewayFactory = (connection, agentId, observer) => {
    const gw = new FakeGateway(agentId, connection, observer);
    setup?.(gw, sessions.length);
    sessions.push(gw);
    return gw;
  };
  return { factory, sessions };
}
