/** Small pure formatters shared by components. */

/** `m:ss` below an hour, `h:mm:ss` above; negative spans count as zero. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Whole seconds left until `endsAt`, never negative (countdowns). */
export function secondsLeft(endsAt: number, now: number): number {
  return Math.max(0, Math.ceil((endsAt - now) / 1000));
}

/** Replaces every DTMF digit with a bullet when masked (the agent may type a card PIN). */
export function maskDigits(digits: string, masked: boolean): string {
  return masked ? '•'.repeat(digits.length) : digits;
}
