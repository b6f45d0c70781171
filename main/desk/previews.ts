import type {
  CountdownAction,
  PreviewView,
  RecentOutcome,
  RecentPreview,
  SessionLoss,
} from '../ipc/contract';
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
  /** Position in the queue's history when first offered (§7.1 release attribution). */
  offeredTick: number;
}

/** What an `AgentEvent_Release_Preview` did to the queue (§7.1). */
export type ReleaseOutcome =
  | { kind: 'consumed' } // matched to a decline of ours
  | { kind: 'withdrawn'; preview: PreviewView } // exactly one preview could be meant
  | { kind: 'marked'; controlIds: string[] } // several could: "may have been withdrawn"
  | { kind: 'none' }; // nothing waiting (e.g. after a dial)

/** What an offer event did. */
export type OfferOutcome = 'added' | 'merged';

/**
 * The ordered preview queue, its countdowns and the recent list (design.md §3 Previews,
 * gateway-protocol.md §7.1).
 *
 * Offers: the three offer events are merged by `controlId` (rules 1–4): a non-empty number
 * list replaces the one held and an empty one never erases it (call data alike); a later
 * event for an open entry is merged, never dropped; an entry with no number waits for one
 * and is never dialable (no countdown either until a number arrives); `"0"` is an ID like
 * any other; once closed (dialled, declined, withdrawn) an ID offered again is a new entry.
 *
 * `AgentEvent_Release_Preview` names no preview, and is never guessed: it is (1) consumed by a
 * decline of ours — one that answered and whose release is still expected, or one in flight;
 * else (2) it withdraws the one undialled preview when exactly one is waiting, no dial of
 * ours was in flight, completed or uncertain since it was offered, no preview call is up, and
 * no earlier dial may still owe its own release (it may come after the next offer, §9 rule
 * 13b: a late release must not take a healthy preview);
 * else (3) every waiting preview is marked "may have been withdrawn", stays dialable, and the
 * dial's answer decides (`200-036` = gone).
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
  /** Moves on every offer and dial event, to order them without trusting the clock. */
  private tick = 0;
  /** `tick` when a dial of ours last completed or a preview call ended. */
  private lastDialTick = 0;
  /**
   * A dial of ours went through and no release has arrived since: the gateway may still send
   * that dial's release — after the dial, at the call's end or after the next offer (§9 rule
   * 13, §10.5) — so the next release may be it, whatever has been offered meanwhile.
   */
  private dialReleaseOwed = false;

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

  /** Adds an offered preview, or merges the event into the open entry of its controlId. */
  offer(
    ev: Offered,
    now: number,
    countdown: { seconds: number; action: CountdownAction },
  ): OfferOutcome {
    const held = this.find(ev.controlId);
    if (held !== undefined) {
      this.merge(held, ev, now, countdown);
      return 'merged';
    }
    this.tick += 1;
    const entry: Entry = {
      view: {
        controlId: ev.controlId,
        numbers: ev.numbers.slice(),
        callData: parseCallData(ev.callData),
        variant: ev.variant,
        receivedAt: now,
        dialling: null,
        declining: false,
        countdown: null,
        mayBeWithdrawn: false,
        dialUncertain: null,
      },
      timer: null,
      releasedWhileDeclining: false,
      offeredTick: this.tick,
    };
    this.entries.push(entry);
    this.startCountdown(entry, now, countdown);
    const waiting = this.entries.filter((e) => e.view.dialling === null && !e.view.declining);
    if (waiting.length > PREVIEW_QUEUE_MAX && waiting[0] !== undefined) {
      this.onAutoAction(waiting[0].view.controlId, 'decline', 'queue-full');
    }
    return 'added';
  }

  /** §7.1 rules 1–2: keep non-empty numbers and call data; a new event says it is alive. */
  private merge(
    e: Entry,
    ev: Offered,
    now: number,
    countdown: { seconds: number; action: CountdownAction },
  ): void {
    const hadNumbers = e.view.numbers.length > 0;
    e.view = {
      ...e.view,
      numbers: ev.numbers.length > 0 ? ev.numbers.slice() : e.view.numbers,
      callData: ev.callData.length > 0 ? parseCallData(ev.callData) : e.view.callData,
      variant: ev.numbers.length > 0 ? ev.variant : e.view.variant,
      mayBeWithdrawn: false,
    };
    if (!hadNumbers) this.startCountdown(e, now, countdown);
  }

  /**
   * The countdown starts once the preview has a number (rule 3: no auto-dial before), and
   * never after a dial of it was sent.
   */
  private startCountdown(
    e: Entry,
    now: number,
    countdown: { seconds: number; action: CountdownAction },
  ): void {
    const seconds = Number.isFinite(countdown.seconds) ? Math.max(0, countdown.seconds) : 0;
    const v = e.view;
    if (seconds <= 0 || v.numbers.length === 0 || v.dialling !== null || v.dialUncertain !== null)
      return;
    if (v.declining || e.timer !== null) return;
    const { action } = countdown;
    e.view = { ...v, countdown: { endsAt: now + seconds * 1000, action } };
    e.timer = this.clock.setTimeout(() => {
      e.timer = null;
      this.onAutoAction(v.controlId, action, 'countdown');
    }, seconds * 1000);
  }

  /** A dial of ours completed (the gateway accepted it) or a preview call ended. */
  dialActivity(): void {
    this.tick += 1;
    this.lastDialTick = this.tick;
  }

  /** A dial of ours went through: its release may come at any later moment. */
  dialled(): void {
    this.dialActivity();
    this.dialReleaseOwed = true;
  }

  /** The dial's answer was lost and the gateway shows no call (or cannot be asked). */
  setDialUncertain(controlId: string, uncertain: PreviewView['dialUncertain']): void {
    const e = this.find(controlId);
    if (e === undefined) return;
    e.view = { ...e.view, dialUncertain: uncertain };
  }

  /** The preview whose dial was uncertain most recently, if any is still waiting. */
  uncertainDial(): PreviewView | null {
    let found: PreviewView | null = null;
    for (const e of this.entries) {
      const u = e.view.dialUncertain;
      if (u !== null && (found?.dialUncertain == null || u.at >= found.dialUncertain.at)) {
        found = e.view;
      }
    }
    return found;
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

  /**
   * Handles AgentEvent_Release_Preview (see the class comment). `previewCallUp`: a call
   * dialled from a preview is up, so the release may be its own.
   */
  released(now: number, previewCallUp: boolean): ReleaseOutcome {
    // Events are FIFO per agent (§10.11): the release of a decline that has already
    // answered was emitted before any release of a decline still in flight, so it is
    // matched first. (Matching in-flight declines first drained the queue when many
    // declines overlapped: each early match left a surplus release that withdrew a live
    // preview.)
    this.expectedReleases = this.expectedReleases.filter((until) => until > now);
    if (this.expectedReleases.length > 0) {
      this.expectedReleases.shift();
      return { kind: 'consumed' };
    }
    const declining = this.entries.find((e) => e.view.declining && !e.releasedWhileDeclining);
    if (declining !== undefined) {
      declining.releasedWhileDeclining = true;
      return { kind: 'consumed' };
    }
    const waiting = this.entries.filter((e) => e.view.dialling === null && !e.view.declining);
    const only = waiting.length === 1 ? waiting[0] : undefined;
    // The release a dial of ours may owe: this one may be it (it is spent either way).
    const owed = this.dialReleaseOwed;
    this.dialReleaseOwed = false;
    if (waiting.length === 0) return { kind: 'none' };
    const dialSince =
      owed ||
      previewCallUp ||
      this.entries.some((e) => e.view.dialling !== null) ||
      (only !== undefined &&
        (this.lastDialTick > only.offeredTick || only.view.dialUncertain !== null));
    if (only !== undefined && !dialSince) {
      const view = this.finish(only.view.controlId, { kind: 'withdrawn' }, now);
      return view === null ? { kind: 'none' } : { kind: 'withdrawn', preview: view };
    }
    for (const e of waiting) e.view = { ...e.view, mayBeWithdrawn: true };
    return { kind: 'marked', controlIds: waiting.map((e) => e.view.controlId) };
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
  addRecent(
    view: Pick<PreviewView, 'controlId' | 'numbers' | 'receivedAt'>,
    outcome: RecentOutcome,
    now: number,
  ): RecentPreview {
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

  /**
   * Forgets every waiting preview (sign-out, lost): each is recorded as withdrawn — with the
   * `loss` when the gateway lost the session they were offered in (issue #11 §3).
   */
  clear(now: number, loss?: SessionLoss): void {
    const outcome: RecentOutcome =
      loss === undefined ? { kind: 'withdrawn' } : { kind: 'withdrawn', loss };
    for (const e of this.entries.slice()) this.finish(e.view.controlId, outcome, now);
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
