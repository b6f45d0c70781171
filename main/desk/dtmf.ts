import type { DeskError, DtmfView } from '../ipc/contract';

/** seconddialex accepts 1–24 characters per request (gateway-protocol.md §5.3). */
export const DTMF_BATCH_MAX = 24;
/** Keys waiting at most; more presses are refused so memory stays bounded. */
export const DTMF_QUEUE_MAX = 1_024;
/** `sent` keeps this many newest digits for display. */
export const DTMF_SENT_KEEP = 256;
/** The keys seconddialex accepts (§5.3). */
export const DTMF_KEYS = /^[0-9*#]+$/;

/** An empty DTMF view for a new call. */
export function emptyDtmf(): DtmfView {
  return { sent: '', inFlight: '', queued: '', unsent: '', error: null };
}

/** Pure step: keys pressed join the queue (the caller checked them and the bound). */
export function enqueueDigits(view: DtmfView, digits: string): DtmfView {
  return { ...view, queued: view.queued + digits };
}

/**
 * Pure step: when nothing is in flight, the next ≤ 24 queued keys become the request in
 * flight. Returns the new view and the batch to send, or null when there is none.
 */
export function takeBatch(view: DtmfView): { view: DtmfView; batch: string | null } {
  if (view.inFlight !== '' || view.queued === '') return { view, batch: null };
  const batch = view.queued.slice(0, DTMF_BATCH_MAX);
  return { view: { ...view, inFlight: batch, queued: view.queued.slice(batch.length) }, batch };
}

/** Pure step: the request in flight was accepted. */
export function batchSent(view: DtmfView): DtmfView {
  const sent = view.sent + view.inFlight;
  return {
    ...view,
    sent: sent.length > DTMF_SENT_KEEP ? sent.slice(sent.length - DTMF_SENT_KEEP) : sent,
    inFlight: '',
  };
}

/**
 * Pure step: the request in flight failed. It is never retried (the gateway may already
 * have played some digits, §5.3), and everything queued behind it joins `unsent` so the
 * order the agent pressed is never broken.
 */
export function batchFailed(view: DtmfView, error: DeskError): DtmfView {
  return {
    ...view,
    unsent: capUnsent(view.unsent + view.inFlight + view.queued),
    inFlight: '',
    queued: '',
    error,
  };
}

/** Pure step: the call ended with keys still queued; they are reported, not sent. */
export function callGone(view: DtmfView, error: DeskError): DtmfView {
  if (view.queued === '') return view;
  return { ...view, unsent: capUnsent(view.unsent + view.queued), queued: '', error };
}

function capUnsent(unsent: string): string {
  return unsent.length > DTMF_QUEUE_MAX ? unsent.slice(unsent.length - DTMF_QUEUE_MAX) : unsent;
}

/** Sends one batch; answers ok or the typed error (never throws). */
export type DtmfSender = (
  digits: string,
) => Promise<{ ok: true } | { ok: false; error: DeskError }>;

/**
 * Drives the queue of one call: exactly one seconddialex in flight; keys pressed meanwhile
 * go out together in the next request. `onChange` runs after every step.
 */
export class DtmfDriver {
  private current: DtmfView;
  private closed = false;

  /**
   * `carried`: the view of a call this driver takes over (after the desk signed in again):
   * its sent and unsent digits stay on screen; nothing of it is queued or in flight any more.
   */
  constructor(
    carried: DtmfView | null,
    private readonly send: DtmfSender,
    private readonly onChange: (view: DtmfView) => void,
  ) {
    this.current = carried === null ? emptyDtmf() : { ...carried, inFlight: '', queued: '' };
  }

  get view(): DtmfView {
    return this.current;
  }

  /** Room left in the queue (the desk refuses presses beyond it). */
  get room(): number {
    return DTMF_QUEUE_MAX - this.current.queued.length;
  }

  /** Queues keys and starts a request when none is in flight. Keys must match DTMF_KEYS. */
  press(digits: string): void {
    this.update(enqueueDigits(this.current, digits));
    this.pump();
  }

  /** The call ended: queued keys become unsent; a request in flight still reports back. */
  close(error: DeskError): void {
    this.closed = true;
    this.update(callGone(this.current, error));
  }

  private pump(): void {
    if (this.closed) return;
    const { view, batch } = takeBatch(this.current);
    if (batch === null) return;
    this.update(view);
    this.send(batch).then(
      (r) => {
        this.update(r.ok ? batchSent(this.current) : batchFailed(this.current, r.error));
        this.pump();
      },
      (err: unknown) => {
        // A sender must not throw; if one does, the batch counts as failed (shown, not lost).
        this.update(batchFailed(this.current, { kind: 'internal', detail: String(err) }));
      },
    );
  }

  private update(view: DtmfView): void {
    this.current = view;
    this.onChange(view);
  }
}
