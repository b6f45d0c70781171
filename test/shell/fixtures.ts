/** Snapshot builders for the shell's pure functions. */
import type {
  AgentStateName,
  CallPhase,
  CallView,
  DeskSnapshot,
  PreviewView,
  SessionPhase,
} from '../../main/ipc/contract';

export function preview(controlId: string): PreviewView {
  return {
    controlId,
    numbers: ['5550100'],
    callData: { kind: 'empty' },
    variant: 'Preview',
    receivedAt: 1_000,
    dialling: null,
    declining: false,
    countdown: null,
    mayBeWithdrawn: false,
    dialUncertain: null,
  };
}

export function call(phase: CallPhase): CallView {
  return {
    callId: '1700000000-1',
    callData: { kind: 'empty' },
    controlId: '9007199254740993',
    number: '5550100',
    phase,
    startedAt: 1_000,
    talkingSince: null,
    endedAt: null,
    isHeld: false,
    failure: null,
    dtmf: { sent: '', inFlight: '', queued: '', unsent: '', error: null },
    hangingUp: false,
  };
}

export function snapshot(
  opts: {
    phase?: SessionPhase;
    agent?: AgentStateName;
    health?: DeskSnapshot['connection']['health'];
    previews?: string[];
    call?: CallView | null;
  } = {},
): DeskSnapshot {
  const phase = opts.phase ?? 'signed-in';
  return {
    seq: 1,
    at: 1_000,
    session: {
      phase,
      agentId: phase === 'signed-out' ? null : '1001',
      phone: phase === 'signed-out' ? null : '88001',
      signedInAt: phase === 'signed-in' ? 900 : null,
      lastSignOut: null,
      password: phase === 'signed-in' ? { mustChange: false, daysLeft: null } : null,
      signInAgain: null,
      retake: null,
    },
    connection: {
      health: opts.health ?? (phase === 'signed-in' ? 'live' : 'offline'),
      since: 900,
      error: null,
      cause: null,
      nextAttemptAt: null,
      lastSuccessAt: 990,
      resyncing: false,
      gateway: phase === 'signed-in' ? 'primary' : null,
    },
    agent: {
      state: opts.agent ?? (phase === 'signed-in' ? 'ready' : 'signed-out'),
      since: 900,
      reason: null,
      bySupervisor: false,
      restEndsAt: null,
      restOverdue: false,
      pending: null,
    },
    previews: (opts.previews ?? []).map(preview),
    recent: [],
    call: opts.call ?? null,
    queue: null,
    wrapUp: null,
    log: { total: 0, latest: [] },
  };
}
