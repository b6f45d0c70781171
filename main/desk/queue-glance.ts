import type { GatewayApi } from '../gateway/api';
import type { AcdStat, AgentSkill, GatewayError } from '../gateway/types';
import type { QueueSkillView } from '../ipc/contract';
import { ACD_STAT_MAX_SKILLS } from '../gateway/queue-stats';
import type { Clock } from './clock';
import type { DeskLogger } from './logger';
import type { DeskState } from './desk-state';
import { describeError } from './summaries';

/** §5.9: ask at most this often. */
export const QUEUE_GLANCE_INTERVAL_MS = 30_000;
/**
 * The first figures wait this long after sign-in: the session's first events (InService,
 * the state) are drained first, and a sign-in that fails at once never asks at all.
 */
export const QUEUE_GLANCE_FIRST_DELAY_MS = 2_000;

/** Where one session's glance stands. */
type Phase = 'idle' | 'running' | 'refused' | 'stopped';

/**
 * The queue glance (issue #13 §4): the agent's skills once (`agentskills`), then their
 * figures (`queryacdstat`) now and every `intervalMs` while the session lasts.
 *
 * It never competes with the event loop: one request at a time, the next one scheduled only
 * after the last one answered (so never more often than `intervalMs`), a round skipped while
 * the connection is not live, and the requests are reads that the session sends beside the
 * poll and the commands (never in their queue, never retried). Any non-`0` retcode hides the
 * panel for the rest of the session without an error; a network failure keeps the last
 * figures, marked stale, and tries again at the next turn.
 */
export class QueueGlance {
  private phase: Phase = 'idle';
  private timer: unknown = null;
  private skills: AgentSkill[] | null = null;
  private api: GatewayApi | null = null;
  /** Moves on every start/stop, so an answer from an earlier session is dropped. */
  private run = 0;
  private inFlight = false;

  constructor(
    private readonly state: DeskState,
    private readonly clock: Clock,
    private readonly logger: DeskLogger,
    private readonly intervalMs: number = QUEUE_GLANCE_INTERVAL_MS,
  ) {}

  /** A session started: first figures shortly (QUEUE_GLANCE_FIRST_DELAY_MS). */
  start(api: GatewayApi): void {
    this.stop();
    this.api = api;
    this.phase = 'running';
    this.skills = null;
    this.run += 1;
    this.schedule(this.run, QUEUE_GLANCE_FIRST_DELAY_MS);
  }

  /**
   * The connection's health changed. While it is not live no turn is even scheduled (the
   * poll has the link to itself); once live again the next figures come shortly.
   */
  connectionChanged(isLive: boolean): void {
    if (this.phase !== 'running') return;
    if (!isLive) {
      if (this.timer !== null) this.clock.clearTimeout(this.timer);
      this.timer = null;
    } else if (this.timer === null && !this.inFlight) {
      this.schedule(this.run, QUEUE_GLANCE_FIRST_DELAY_MS);
    }
  }

  /**
   * The session was lost and the desk is signing in again (issue #11): no further request on
   * it; the last figures stay on screen marked stale until the next session's first ones.
   */
  suspend(): void {
    this.stop();
    this.markStale();
  }

  /** The session ended: no further request; the view is cleared by the desk state. */
  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.api = null;
    this.phase = 'stopped';
    this.inFlight = false;
    this.run += 1;
  }

  private schedule(run: number, delayMs = this.intervalMs): void {
    if (run !== this.run || this.phase !== 'running') return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.turn(run);
    }, delayMs);
  }

  private async turn(run: number): Promise<void> {
    const api = this.api;
    if (api === null || run !== this.run) return;
    // Reconnecting or degraded: the poll needs the link; the next turn comes when it is live.
    if (this.state.connection.health !== 'live') return;
    this.inFlight = true;
    try {
      await this.refresh(api, run);
    } catch (err: unknown) {
      // A bug, not the gateway: say so, and keep the desk running without the panel.
      this.logger.error('desk.queue-glance.failed', { error: String(err) });
      this.state.addLog('error', 'queue-glance', `stopped: ${String(err)}`);
      this.phase = 'refused';
      this.setView(null);
      return;
    } finally {
      if (run === this.run) this.inFlight = false;
    }
    if (this.state.connection.health === 'live') this.schedule(run);
  }

  private async refresh(api: GatewayApi, run: number): Promise<void> {
    if (this.skills === null) {
      const skills = await api.agentSkills();
      if (run !== this.run) return;
      if (!skills.ok) {
        this.failed(skills.error);
        return;
      }
      this.skills = skills.value.slice(0, ACD_STAT_MAX_SKILLS);
      if (this.skills.length === 0) {
        // Nothing to glance at: no skill configured. Asked again at the next sign-in.
        this.state.addLog('connection', 'queue-glance', 'no skill configured: panel hidden');
        this.stopAsking();
        return;
      }
    }
    const stats = await api.queryAcdStat(this.skills.map((s) => s.id));
    if (run !== this.run) return;
    if (!stats.ok) {
      this.failed(stats.error);
      return;
    }
    this.setView({
      skills: merge(this.skills, stats.value),
      updatedAt: this.clock.now(),
      isStale: false,
    });
  }

  private failed(error: GatewayError): void {
    if (error.kind === 'gateway' || error.kind === 'bad-response') {
      // Refused (§5.9) or not understood: hidden for this session, no error on screen.
      this.state.addLog('connection', 'queue-glance', `hidden: ${describeError(error)}`);
      this.logger.info('desk.queue-glance.hidden', { error: describeError(error) });
      this.stopAsking();
      return;
    }
    // Signed out: the poll loop ends the session. Network and timeouts: try again later.
    this.markStale();
  }

  /** The figures on screen, if any, are no longer current. */
  private markStale(): void {
    const view = this.state.queue;
    if (view !== null && !view.isStale) this.setView({ ...view, isStale: true });
  }

  private stopAsking(): void {
    this.phase = 'refused';
    this.setView(null);
  }

  private setView(view: typeof this.state.queue): void {
    this.state.queue = view;
    this.state.changed();
  }
}

/** The figures in the order of the agent's skills, named; skills without figures are left out. */
function merge(skills: readonly AgentSkill[], stats: readonly AcdStat[]): QueueSkillView[] {
  const byId = new Map(stats.map((s) => [s.skillId, s]));
  const views: QueueSkillView[] = [];
  for (const skill of skills) {
    const stat = byId.get(skill.id);
    if (stat === undefined) continue;
    views.push({
      skillId: skill.id,
      name: skill.name,
      waiting: stat.queueSize,
      longestWaitSeconds: stat.queueTime,
      availableAgents: stat.availAgents,
      loggedOnAgents: stat.loggedOnAgents,
    });
  }
  return views;
}
