import type { GatewayApi } from '../gateway/api';
import type { GatewayError, Result } from '../gateway/types';
import type { AgentStateRequest, CountdownAction, DeskResult, PreviewView } from '../ipc/contract';
import type { AutoActionCause } from './previews';
import type { DeskLogger } from './logger';
import type { DeskState } from './desk-state';
import { checkStateRequest, commandFor } from './agent-state';
import { isCallActive } from './call-machine';
import { DTMF_KEYS, DtmfDriver } from './dtmf';
import { maskDigits } from './event-log';
import { describeError, refused } from './summaries';
import {
  DIAL_OUTCOME_KNOWN_ERROR_KINDS,
  PREVIEW_GONE_RETCODE,
  RELEASE_ALREADY_GONE_RETCODE,
} from '../gateway/assumptions';

type Dialled = DeskResult<{ callId: string | null }>;

/** Errors after which nobody knows whether the dial reached the gateway (§5.1, item 12). */
function isUncertain(error: GatewayError): boolean {
  return !DIAL_OUTCOME_KNOWN_ERROR_KINDS.has(error.kind);
}

/**
 * The agent's commands on state, previews and the call. Call-control requests are sent at
 * most once (never retried: a repeat can act twice, STYLE.md §5); concurrent dial or
 * decline clicks for one preview share one request.
 */
export class CallControl {
  private readonly dials = new Map<string, Promise<Dialled>>();
  private readonly declines = new Map<string, Promise<DeskResult<void>>>();
  private hangUpInFlight: Promise<DeskResult<void>> | null = null;
  /**
   * Previews whose dial-first countdown ended during wrap-up: no preview is dialled then
   * (issue #13 §1); they are called, oldest first, once the agent is ready again.
   */
  private dialsAfterWrapUp: string[] = [];
  private dtmf: { serial: number; driver: DtmfDriver } | null = null;

  constructor(
    private readonly state: DeskState,
    private readonly logger: DeskLogger,
    private readonly api: () => GatewayApi | null,
  ) {}

  async setAgentState(req: AgentStateRequest): Promise<DeskResult<void>> {
    const api = this.api();
    if (api === null) return this.notSignedIn();
    const bad = checkStateRequest(req);
    if (bad !== null) return { ok: false, error: { kind: 'invalid-request', detail: bad } };
    const command = commandFor(api, req, this.state.agent.state);
    // Pending until its event (§3.6); during a call the gateway queues it (§6.1 state 9).
    this.state.agent = { ...this.state.agent, pending: req };
    const r = await command.run();
    this.logCommand(command.name, r);
    if (!r.ok && this.state.agent.pending === req) {
      this.state.agent = { ...this.state.agent, pending: null };
      this.state.changed();
    }
    return r;
  }

  dialPreview(req: { controlId: string; number: string }): Promise<Dialled> {
    const shared = this.dials.get(req.controlId);
    if (shared !== undefined) return shared;
    const api = this.api();
    if (api === null) return Promise.resolve(this.notSignedIn());
    const preview = this.state.previews.get(req.controlId);
    if (preview === null) return Promise.resolve(refused('preview-unknown'));
    if (preview.declining || this.dials.size > 0 || isCallActive(this.state.call)) {
      return Promise.resolve(refused('preview-busy'));
    }
    // §7.1 rule 3: an offer without a number is never dialable.
    if (preview.numbers.length === 0) return Promise.resolve(refused('preview-awaiting-numbers'));
    // After-call work first: previews wait, visibly, until the agent is ready (#13 §1).
    if (this.state.agent.state === 'wrap-up') return Promise.resolve(refused('wrap-up'));
    if (!preview.numbers.includes(req.number))
      return Promise.resolve(refused('number-not-offered'));
    const pending = this.runDial(api, preview, req.number).finally(() => {
      this.dials.delete(req.controlId);
    });
    this.dials.set(req.controlId, pending);
    return pending;
  }

  /**
   * Declines a preview; with `notReady` ("decline and go not ready", issue #13 §3) the agent
   * is set not ready first, so the dialler offers nobody in between, and the preview stays
   * when that fails (nothing half done behind the agent's back).
   */
  declinePreview(
    controlId: string,
    auto: boolean,
    notReady?: { reason?: number },
  ): Promise<DeskResult<void>> {
    const shared = this.declines.get(controlId);
    if (shared !== undefined) return shared;
    const api = this.api();
    if (api === null) return Promise.resolve(this.notSignedIn());
    const preview = this.state.previews.get(controlId);
    if (preview === null) return Promise.resolve(refused('preview-unknown'));
    if (preview.dialling !== null) return Promise.resolve(refused('preview-busy'));
    if (notReady !== undefined) {
      const bad = checkStateRequest({ state: 'not-ready', ...notReady });
      if (bad !== null) {
        return Promise.resolve({ ok: false, error: { kind: 'invalid-request', detail: bad } });
      }
    }
    const pending = this.runDecline(api, controlId, auto, notReady).finally(() => {
      this.declines.delete(controlId);
    });
    this.declines.set(controlId, pending);
    return pending;
  }

  /** Queues keys (resolves once queued; the snapshot's DtmfView shows their progress). */
  async sendDigits(digits: string): Promise<DeskResult<void>> {
    const api = this.api();
    if (api === null) return this.notSignedIn();
    const call = this.state.call;
    if (call === null || !isCallActive(call)) return refused('no-call');
    if (call.phase !== 'talking') return refused('not-talking');
    if (!DTMF_KEYS.test(digits)) {
      return { ok: false, error: { kind: 'invalid-request', detail: 'keys must be 0-9, * or #' } };
    }
    if (this.dtmf?.serial !== this.state.callSerial && call.dtmf.inFlight !== '') {
      // A request of the lost session is still unanswered: its outcome must land first, or
      // the two drivers would overwrite each other's view (issue #11).
      return refused('signing-in-again', 'an earlier key request is still unanswered');
    }
    const driver = this.driverFor(api);
    if (digits.length > driver.room) {
      return { ok: false, error: { kind: 'invalid-request', detail: 'too many keys waiting' } };
    }
    driver.press(digits);
    return { ok: true, value: undefined };
  }

  hangUp(): Promise<DeskResult<void>> {
    if (this.hangUpInFlight !== null) return this.hangUpInFlight;
    const api = this.api();
    if (api === null) return Promise.resolve(this.notSignedIn());
    if (!isCallActive(this.state.call)) return Promise.resolve(refused('no-call'));
    this.hangUpInFlight = this.runHangUp(api).finally(() => {
      this.hangUpInFlight = null;
    });
    return this.hangUpInFlight;
  }

  async hold(): Promise<DeskResult<void>> {
    const api = this.api();
    if (api === null) return this.notSignedIn();
    const call = this.state.call;
    if (call === null || !isCallActive(call)) return refused('no-call');
    if (call.phase !== 'talking') return refused('not-talking');
    const r = await api.hold();
    this.logCommand('hold', r);
    return r;
  }

  async unhold(): Promise<DeskResult<void>> {
    const api = this.api();
    if (api === null) return this.notSignedIn();
    const call = this.state.call;
    if (call === null || call.phase !== 'held') return refused('no-call', 'no held call');
    const r = await api.getHold(call.callId ?? undefined);
    this.logCommand('getHold', r);
    return r;
  }

  /** The countdown ended, or the queue is full: act on the preview as configured. */
  autoAction(controlId: string, action: CountdownAction, cause: AutoActionCause): void {
    const preview = this.state.previews.get(controlId);
    if (preview === null || action === 'none') return;
    // Never dial by itself what has no number or whose last dial may have gone through.
    if (action === 'dial-first' && (preview.numbers.length === 0 || preview.dialUncertain !== null))
      return;
    if (action === 'dial-first' && this.state.agent.state === 'wrap-up') {
      if (!this.dialsAfterWrapUp.includes(controlId)) this.dialsAfterWrapUp.push(controlId);
      this.state.addLog('command', cause, `preview ${controlId}: dials when wrap-up ends`);
      return;
    }
    this.state.addLog('command', cause, `preview ${controlId}: ${action}`);
    const run =
      action === 'decline'
        ? this.declinePreview(controlId, true)
        : this.dialPreview({ controlId, number: preview.numbers[0] ?? '' });
    void run.then((r) => {
      if (!r.ok)
        this.logger.warn('desk.auto-action.failed', {
          cause,
          action,
          error: describeError(r.error),
        });
    });
  }

  /**
   * The agent's state may have changed: dial-first countdowns that ended during wrap-up run
   * once the agent is ready; leaving wrap-up for another state (not ready, rest) drops them.
   */
  agentChanged(): void {
    const state = this.state.agent.state;
    if (state === 'wrap-up' || this.dialsAfterWrapUp.length === 0) return;
    const waiting = this.dialsAfterWrapUp;
    this.dialsAfterWrapUp = [];
    if (state !== 'ready') return;
    const next = waiting.find((id) => this.state.previews.get(id) !== null);
    if (next !== undefined) this.autoAction(next, 'dial-first', 'countdown');
  }

  /** The call ended or the session did: keys still waiting are reported unsent. */
  callFinished(): void {
    this.dtmf?.driver.close({ kind: 'refused', reason: 'no-call', detail: 'the call ended' });
    this.dtmf = null;
  }

  /**
   * The session was lost with the call perhaps still up (issue #11 §3): keys waiting are shown
   * unsent and never resent by themselves; a request in flight still reports its answer. Keys
   * pressed after the desk is back go through a new driver that keeps this history.
   */
  sessionLost(): void {
    this.dtmf?.driver.close({
      kind: 'refused',
      reason: 'signing-in-again',
      detail: 'the session with the gateway was lost',
    });
    this.dtmf = null;
  }

  dispose(): void {
    this.callFinished();
    this.dialsAfterWrapUp = [];
  }

  private async runDial(api: GatewayApi, preview: PreviewView, number: string): Promise<Dialled> {
    const { controlId } = preview;
    this.callFinished();
    this.state.previews.setDialUncertain(controlId, null);
    this.state.previews.setDialling(controlId, { number });
    this.state.startCall(this.state.previews.get(controlId) ?? preview, number);
    const serial = this.state.callSerial;
    const r = await api.previewCallout(controlId, number);
    this.logCommand('previewCallout', r, `preview ${controlId}`);
    if (r.ok) return this.dialled(controlId, serial, r.value.callId);
    if (isUncertain(r.error)) return this.dialAnswerLost(api, controlId, number, serial, r.error);
    // The gateway refused before dialling (or the request was never sent): no call.
    this.dropDiallingCall(serial);
    const now = this.state.now();
    if (r.error.kind === 'gateway' && r.error.retcode === PREVIEW_GONE_RETCODE) {
      this.state.previews.finish(controlId, { kind: 'withdrawn' }, now);
    } else {
      // The agent may choose again.
      this.state.previews.setDialling(controlId, null);
    }
    this.state.changed();
    return r;
  }

  /** The dial went through: the preview became the call (§5.1: the id may come later). */
  private dialled(controlId: string, serial: number, callId: string | null): Dialled {
    this.state.previews.take(controlId);
    this.state.previews.dialled();
    const call = this.state.call;
    if (
      this.state.callSerial === serial &&
      call !== null &&
      call.callId === null &&
      callId !== null
    ) {
      this.state.call = { ...call, callId };
    }
    this.state.changed();
    return { ok: true, value: { callId: this.state.call?.callId ?? callId } };
  }

  /**
   * Item 12: previewCallout's answer was lost (5xx, dropped connection, timeout). Never dial
   * again by ourselves: ask the gateway whether a call started (`agentstatus.isWorking`, then
   * `callinfo` for its id, §5.7). If one did, it is shown; if not — or if the gateway cannot
   * be asked — the preview stays, marked "the dial may not have reached the gateway", for the
   * agent to Call again or Decline.
   */
  private async dialAnswerLost(
    api: GatewayApi,
    controlId: string,
    number: string,
    serial: number,
    error: GatewayError,
  ): Promise<Dialled> {
    const status = await api.agentStatus();
    const ours = (): boolean => this.state.callSerial === serial && this.state.call !== null;
    // Call events may have answered first: a call that moved past dialling did start.
    const progressed = ours() && this.state.call?.phase !== 'dialling';
    if (progressed || (status.ok && status.value.isWorking)) {
      const info = progressed ? null : await api.callInfo();
      const callId = info?.ok === true ? (info.value?.callId ?? null) : null;
      this.state.addLog('command', 'previewCallout', `preview ${controlId}: the call started`);
      return this.dialled(controlId, serial, callId);
    }
    this.dropDiallingCall(serial);
    const now = this.state.now();
    this.state.previews.setDialling(controlId, null);
    this.state.previews.setDialUncertain(controlId, { number, error, at: now });
    this.state.addLog(
      'error',
      'previewCallout',
      `preview ${controlId}: the dial may not have reached the gateway${
        status.ok ? ' (no call up)' : ` (${describeError(status.error)})`
      }`,
    );
    this.state.changed();
    return { ok: false, error };
  }

  /** No call came of the dial: drop the call view started for it, if still ours. */
  private dropDiallingCall(serial: number): void {
    if (this.state.callSerial === serial && this.state.call?.phase === 'dialling') {
      this.state.call = null;
      this.state.callOrigin = null;
    }
  }

  private async runDecline(
    api: GatewayApi,
    controlId: string,
    auto: boolean,
    notReady: { reason?: number } | undefined,
  ): Promise<DeskResult<void>> {
    this.state.previews.setDeclining(controlId, true);
    this.state.changed();
    if (notReady !== undefined) {
      const busy = await this.goNotReady(notReady.reason);
      if (!busy.ok) {
        this.state.previews.setDeclining(controlId, false);
        this.state.changed();
        return busy;
      }
    }
    const r = await api.cancelPreviewCallout(controlId);
    const how = `${auto ? ' (automatic)' : ''}${notReady === undefined ? '' : ' and go not ready'}`;
    this.logCommand('cancelPreviewCallout', r, `preview ${controlId}${how}`);
    const now = this.state.now();
    const andNotReady = notReady === undefined ? undefined : { reason: notReady.reason ?? null };
    const refusal = r.ok || r.error.kind !== 'gateway' ? null : r.error.retcode;
    const gone =
      refusal !== null &&
      (refusal === PREVIEW_GONE_RETCODE ||
        this.state.previews.get(controlId)?.mayBeWithdrawn === true);
    if (r.ok) this.state.previews.declined(controlId, auto, now, andNotReady);
    else if (gone) {
      // 200-036, or a refusal of a preview a release may have withdrawn (§7.1): gone.
      this.state.previews.finish(controlId, { kind: 'withdrawn' }, now);
    } else this.state.previews.setDeclining(controlId, false);
    this.state.changed();
    return r;
  }

  /** Not ready with this reason; nothing is sent when the agent already is, with it. */
  private goNotReady(reason: number | undefined): Promise<DeskResult<void>> {
    const agent = this.state.agent;
    const already =
      agent.state === 'not-ready' && agent.pending === null && agent.reason === (reason ?? null);
    if (already) return Promise.resolve({ ok: true, value: undefined });
    return this.setAgentState(
      reason === undefined ? { state: 'not-ready' } : { state: 'not-ready', reason },
    );
  }

  private async runHangUp(api: GatewayApi): Promise<DeskResult<void>> {
    const serial = this.state.callSerial;
    this.setHangingUp(serial, true);
    const r = await api.release();
    this.logCommand('release', r);
    this.setHangingUp(serial, false);
    if (!r.ok && r.error.kind === 'gateway' && r.error.retcode === RELEASE_ALREADY_GONE_RETCODE) {
      if (this.state.callSerial === serial && this.state.endCallGone()) this.callFinished();
      return { ok: true, value: undefined };
    }
    return r;
  }

  private setHangingUp(serial: number, hangingUp: boolean): void {
    const call = this.state.call;
    if (call === null || this.state.callSerial !== serial) return;
    this.state.call = { ...call, hangingUp: hangingUp && isCallActive(call) };
    this.state.changed();
  }

  private driverFor(api: GatewayApi): DtmfDriver {
    const serial = this.state.callSerial;
    if (this.dtmf !== null && this.dtmf.serial === serial) return this.dtmf.driver;
    this.callFinished();
    const driver = new DtmfDriver(
      // A call carried over a new session keeps what was sent and what was not (issue #11).
      this.state.call?.dtmf ?? null,
      async (digits) => {
        const r = await api.secondDialEx(digits);
        this.logCommand('secondDialEx', r, maskDigits(digits));
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      },
      (view) => {
        if (this.state.callSerial !== serial || this.state.call === null) return;
        this.state.call = { ...this.state.call, dtmf: view };
        this.state.changed();
      },
    );
    this.dtmf = { serial, driver };
    return driver;
  }

  /** Why a command cannot run without a session: the desk may be signing in again. */
  notSignedIn(): DeskResult<never> {
    return refused(
      this.state.session.phase === 'signing-in-again' ? 'signing-in-again' : 'not-signed-in',
    );
  }

  private logCommand(name: string, r: Result<unknown, GatewayError>, what = ''): void {
    const outcome = r.ok ? 'ok' : describeError(r.error);
    this.state.addLog(
      r.ok ? 'command' : 'error',
      name,
      what === '' ? outcome : `${what}: ${outcome}`,
    );
    if (!r.ok) this.logger.warn('desk.command-failed', { command: name, error: outcome });
  }
}
