import type { CountdownAction, PreviewView, RecentOutcome, RecentPreview } from '../ipc/contract';
import type { GatewayEvent } from '../gateway/types';
import type { Clock } from './clock';
import { parseCallData } from './call-data';

/**
 * Previews kept waiting at most; the gateway offers one at a time (§9.5), so this is slack.
 * Past it the oldest offer is handed back to the dialler (declined through the gateway),
 * never dropped silently while the gateway still holds it.
 */
export const PREVIEW_QUEUE_MAX = 50;
/**
 * How long the release event of an answered decline is waited for. Events are FIFO and the
 * gateway emits the release when it takes the cancel, so it arrives within one drain of the
 * event queue; 30 s covers a slow drain without letting a lost release linger.
 */
export const RELEASE_EXPECTED_MS = 30_000;

/** Why the queue asks the desk to act on a preview by itself. */
export type AutoActionCause = 'countdown' | 'queue-full';

/** Finished previews kept for the recent list, newest first. */
export const RECENT_MAX = 50;

type Offered = Extract<GatewayEvent, { kind: 'preview-offered' }>;

interface Entry {
  view: PreviewView;
  timer: unknown;
  /** Release_Preview arrived while our cancelPreviewCallout was in flight. */
  releasedWhileDeclining: boolean;
}

/**
 * The ordered preview queue, its countdowns and the recent list (design.md §3 Previews).
 *
 * Withdrawal: `AgentEvent_Release_Preview` carries no controlId (§7.1). The gateway keeps
 * one pending preview per agent, so a release is attributed, in this order, to (1) a
 * decline that already succeeded and whose release is still expected, (2) a preview whose
 * decline is in flight (cancelPreviewCallout triggers the release, §5.2), (3) the oldest
 * preview not being dialled, which is withdrawn.
 */
export class PreviewQueue {
  private readonly entries: Entry[] = [];
  private readonly recentList: RecentPreview[] = [];
  /**
   * Releases still owed by declines that already answered: when each stops being expected.
   * An expectation lapses after `RELEASE_EXPECTED_MS` (a gateway that sends no release after
   * cancelPreviewCallout — §5.2 is an assumption — must not swallow a later withdrawal).
   */
  private expectedReleases: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly onAutoAction: (
      controlId: string,
      action: CountdownAction,
      cause: AutoActionCause,
    ) => void,
  ) {}

  list(): PreviewView[] {
    return this.entries.map((e) => e.view);
  }

  recent(): RecentPreview[] {
    return this.recentList;
  }

  get(controlId: string): PreviewView | null {
    return this.find(controlId)?.view ?? null;
  }

  /** Adds an offered preview; false when the controlId is already queued (a repeat). */
  offer(
    ev: Offered,
    now: number,
    countdown: { seconds: number; action: CountdownAction },
  ): boolean {
    if (this.find(ev.controlId) !== undefined) return false;
    const seconds = Number.isFinite(countdown.seconds) ? Math.max(0, countdown.seconds) : 0;
    const entry: Entry = {
      view: {
        controlId: ev.controlId,
        numbers: ev.numbers.slice(),
        callData: parseCallData(ev.callData),
        variant: ev.variant,
        receivedAt: now,
        dialling: null,
        declining: false,
        countdown: seconds > 0 ? { endsAt: now + seconds * 1000, action: countdown.action } : null,
      },
      timer: null,
      releasedWhileDeclining: false,
    };
    if (seconds > 0) {
      const { action } = countdown;
      entry.timer = this.clock.setTimeout(() => {
        entry.timer = null;
        this.onAutoAction(ev.controlId, action, 'countdown');
      }, seconds * 1000);
    }
    this.entries.push(entry);
    const waiting = this.entries.filter((e) => e.view.dialling === null && !e.view.declining);
    if (waiting.length > PREVIEW_QUEUE_MAX && waiting[0] !== undefined) {
      this.onAutoAction(waiting[0].view.controlId, 'decline', 'queue-full');
    }
    return true;
  }

  setDialling(controlId: string, dialling: { number: string } | null): void {
    const e = this.find(controlId);
    if (e === undefined) return;
    if (dialling !== null) this.stopCountdown(e);
    e.view = { ...e.view, dialling };
  }

  setDeclining(controlId: string, declining: boolean): void {
    const e = this.find(controlId);
    if (e === undefined) return;
    if (declining) this.stopCountdown(e);
    e.view = { ...e.view, declining };
  }

  /**
   * A decline succeeded: the preview leaves; its release event is expected unless seen.
   * `andNotReady` records "decline and go not ready" (issue #13 §3) for the recent list.
   */
  declined(
    controlId: string,
    auto: boolean,
    now: number,
    andNotReady?: { reason: number | null },
  ): void {
    const e = this.find(controlId);
    if (e !== undefined && !e.releasedWhileDeclining) {
      this.expectedReleases.push(now + RELEASE_EXPECTED_MS);
    }
    const outcome: RecentOutcome =
      andNotReady === undefined
        ? { kind: 'declined', auto }
        : { kind: 'declined', auto, andNotReady: { ...andNotReady } };
    this.finish(controlId, outcome, now);
  }

  /** Handles AgentEvent_Release_Preview; returns the withdrawn preview, if any. */
  released(now: number): PreviewView | null {
    // Events are FIFO per agent (§10.11): the release of a decline that has already
    // answered was emitted before any release of a decline still in flight, so it is
    // matched first. (Matching in-flight declines first drained the queue when many
    // declines overlapped: each early match left a surplus release that withdrew a live
    // preview.)
    this.expectedReleases = this.expectedReleases.filter((until) => until > now);
    if (this.expectedReleases.length > 0) {
      this.expectedReleases.shift();
      return null;
    }
    const declining = this.entries.find((e) => e.view.declining && !e.releasedWhileDeclining);
    if (declining !== undefined) {
      declining.releasedWhileDeclining = true;
      return null;
    }
    const oldest = this.entries.find((e) => e.view.dialling === null && !e.view.declining);
    if (oldest === undefined) return null;
    return this.finish(oldest.view.controlId, { kind: 'withdrawn' }, now);
  }

  /** Removes a preview without a recent entry (it became the call). */
  take(controlId: string): PreviewView | null {
    const i = this.entries.findIndex((e) => e.view.controlId === controlId);
    if (i < 0) return null;
    const [e] = this.entries.splice(i, 1);
    if (e === undefined) return null;
    this.stopCountdown(e);
    return e.view;
  }

  /** Removes a preview and records its outcome in the recent list. */
  finish(controlId: string, outcome: RecentOutcome, now: number): PreviewView | null {
    const view = this.take(controlId);
    if (view !== null) this.addRecent(view, outcome, now);
    return view;
  }

  /** Records an outcome for a preview no longer queued (a call that ended); returns the entry. */
  addRecent(view: PreviewView, outcome: RecentOutcome, now: number): RecentPreview {
    const entry: RecentPreview = {
      controlId: view.controlId,
      numbers: view.numbers,
      receivedAt: view.receivedAt,
      endedAt: now,
      outcome,
    };
    this.recentList.unshift(entry);
    if (this.recentList.length > RECENT_MAX) this.recentList.length = RECENT_MAX;
    return entry;
  }

  /** Replaces the outcome of a recent entry (a failure cause that arrived late, §7.2). */
  updateRecent(entry: RecentPreview, outcome: RecentOutcome): RecentPreview {
    const i = this.recentList.indexOf(entry);
    if (i < 0) return entry;
    const updated = { ...entry, outcome };
    this.recentList[i] = updated;
    return updated;
  }

  /** Forgets every waiting preview (sign-out, lost): each is recorded as withdrawn. */
  clear(now: number): void {
    for (const e of this.entries.slice()) this.finish(e.view.controlId, { kind: 'withdrawn' }, now);
    this.expectedReleases = [];
  }

  /** Stops every countdown (dispose). */
  stopAll(): void {
    for (const e of this.entries) this.stopCountdown(e);
  }

  private find(controlId: string): Entry | undefined {
    return this.entries.find((e) => e.view.controlId === controlId);
  }

  private stopCountdown(e: Entry): void {
    if (e.timer !== null) this.clock.clearTimeout(e.timer);
    e.timer = null;
    if (e.view.countdown !== null) e.view = { ...e.view, countdown: null };
  }
}
