import type { DeskError, DeskResult, WrapUpView } from '../ipc/contract';
import type { Clock } from './clock';
import type { DeskLogger } from './logger';
import type { DeskState } from './desk-state';
import { describeError, refused } from './summaries';

/**
 * After-call work (issue #13 §1). While the agent is in wrap-up the snapshot carries a
 * WrapUpView: when it began, and, when the administrator set a maximum (`wrapUpMaxSeconds`),
 * when the desk makes the agent ready by itself. The agent may Extend once, by the maximum
 * again. When the time runs out the desk asks for Ready like the agent would (`sayfree`,
 * §3.6) and logs why; the screen leaves wrap-up only when the gateway's event says so.
 *
 * The state is followed, not the cause: a site's "after a call: wrap-up", a wrap-up the
 * gateway forces after every call (§3.1) and one the agent asked for all count.
 */
export class WrapUp {
  private timer: unknown = null;
  /** The wrap-up being timed: its start (the agent view's `since`). */
  private current: { startedAt: number; extended: boolean; endsAt: number | null } | null = null;
  private autoReadyError: DeskError | null = null;

  constructor(
    private readonly state: DeskState,
    private readonly clock: Clock,
    private readonly logger: DeskLogger,
    /** The administrator's maximum in seconds, read at the start of each wrap-up; 0 = none. */
    private readonly maxSeconds: () => number,
    /** Asks for Ready as the agent's Ready button does. */
    private readonly ready: () => Promise<DeskResult<void>>,
  ) {}

  /** Call after anything that may have changed the agent's state (events, re-sync, sign-out). */
  agentChanged(): void {
    const agent = this.state.agent;
    // Signing out is not signed out yet: a refused sign-out leaves the agent in this wrap-up.
    const phase = this.state.session.phase;
    const inWrapUp =
      agent.state === 'wrap-up' && (phase === 'signed-in' || phase === 'signing-out');
    if (!inWrapUp) {
      if (this.current !== null) this.stop();
      return;
    }
    if (this.current !== null && this.current.startedAt === agent.since) return;
    // A new wrap-up (or one that began again): time it from its start.
    this.stop();
    const max = this.maxNow();
    this.current = {
      startedAt: agent.since,
      extended: false,
      endsAt: max > 0 ? agent.since + max * 1000 : null,
    };
    this.arm();
    this.publish();
  }

  /** The one Extend: the maximum runs once more from the current end. */
  extend(): DeskResult<WrapUpView> {
    const current = this.current;
    if (current === null) return refused('not-in-wrap-up');
    const max = this.maxNow();
    if (current.endsAt === null || current.extended || max === 0) {
      return refused('wrap-up-not-extendable');
    }
    this.current = { ...current, extended: true, endsAt: current.endsAt + max * 1000 };
    this.autoReadyError = null;
    this.state.addLog('command', 'wrap-up', `extended by ${max} s`);
    this.arm();
    const view = this.publish();
    return view === null ? refused('not-in-wrap-up') : { ok: true, value: view };
  }

  /** Forgets the wrap-up and its timer (left wrap-up, signed out, disposed). */
  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const had = this.current !== null || this.state.wrapUp !== null;
    this.current = null;
    this.autoReadyError = null;
    if (had) {
      this.state.wrapUp = null;
      this.state.changed();
    }
  }

  /** The administrator's maximum now, in whole seconds (0 = none). */
  private maxNow(): number {
    return Math.max(0, Math.floor(this.maxSeconds()));
  }

  private arm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const current = this.current;
    if (current?.endsAt == null) return;
    const startedAt = current.startedAt;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        void this.timeUp(startedAt);
      },
      Math.max(0, current.endsAt - this.clock.now()),
    );
  }

  private async timeUp(startedAt: number): Promise<void> {
    const current = this.current;
    if (current === null || current.startedAt !== startedAt) return;
    const seconds = Math.round(((current.endsAt ?? startedAt) - startedAt) / 1000);
    const why = `wrap-up maximum of ${seconds} s reached${current.extended ? ' (extended once)' : ''}: ready by itself`;
    this.state.addLog('command', 'wrap-up', why);
    this.logger.info('desk.wrap-up.auto-ready', { seconds, extended: current.extended });
    const r = await this.ready();
    if (r.ok || this.current?.startedAt !== startedAt) return;
    this.autoReadyError = r.error;
    this.state.addLog('error', 'wrap-up', `ready by itself failed: ${describeError(r.error)}`);
    this.logger.warn('desk.wrap-up.auto-ready-failed', { error: describeError(r.error) });
    this.publish();
  }

  private publish(): WrapUpView | null {
    const current = this.current;
    const max = this.maxNow();
    const view: WrapUpView | null =
      current === null
        ? null
        : {
            startedAt: current.startedAt,
            endsAt: current.endsAt,
            extended: current.extended,
            canExtend: current.endsAt !== null && !current.extended && max > 0,
            autoReadyError: this.autoReadyError,
          };
    this.state.wrapUp = view;
    this.state.changed();
    return view;
  }
}
