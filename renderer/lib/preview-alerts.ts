/**
 * OS notification and a short tone when a preview arrives while the window is in the
 * background (issue #4 §2). The shell shows the notification; in a plain browser the
 * bridge answers `refused/not-available` and the Web Notification API is used only if the
 * user granted it before (we never prompt: an agent mid-shift must not get a browser dialog).
 */
import type { DeskApi, DeskSettings, DeskSnapshot, PreviewView } from '../../main/ipc/contract';
import type { DeskState } from './state/desk-state.svelte';
import type { I18n } from './state/i18n.svelte';

export interface AlertDeps {
  api: DeskApi;
  desk: DeskState;
  i18n: I18n;
  settings: () => DeskSettings | null;
  doc?: Document;
  /** Where failures go (the event log of main does not see renderer problems). */
  report?: (message: string, error: unknown) => void;
}

/** Starts watching; returns the stop function. */
export function watchPreviewAlerts(deps: AlertDeps): () => void {
  const doc = deps.doc ?? document;
  const report = deps.report ?? ((message, error) => console.error(message, error));
  return deps.desk.subscribe((prev, next) => {
    const fresh = newPreviews(prev, next);
    const values = deps.settings();
    if (fresh.length === 0 || !values) return;
    const inBackground = doc.visibilityState !== 'visible' || !doc.hasFocus();
    if (!inBackground) return;
    if (values.notifyOnPreview) {
      notify(deps, fresh).catch((error: unknown) => report('preview notification failed', error));
    }
    if (values.soundOnPreview) {
      try {
        playTone();
      } catch (error) {
        report('preview tone failed', error);
      }
    }
  });
}

/** Previews in `next` that `prev` did not have (none for the first snapshot). */
export function newPreviews(prev: DeskSnapshot | null, next: DeskSnapshot): PreviewView[] {
  if (!prev) return [];
  const known = prev.previews.map((p) => p.controlId);
  return next.previews.filter((p) => !known.includes(p.controlId));
}

async function notify(deps: AlertDeps, fresh: PreviewView[]): Promise<void> {
  const numbers = fresh.flatMap((p) => p.numbers).join(', ');
  const title = deps.i18n.t('notify.previewTitle');
  const body = deps.i18n.t('notify.previewBody', { numbers });
  const result = await deps.api.notifyAgent({ kind: 'preview', title, body });
  if (result.ok) return;
  const unavailable = result.error.kind === 'refused' && result.error.reason === 'not-available';
  if (!unavailable) throw new Error(`notifyAgent answered ${result.error.kind}`);
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    new Notification(title, { body });
  }
}

let audio: AudioContext | null = null;

/** Two short soft beeps generated with WebAudio (no audio file in an offline bundle). */
export function playTone(): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  const start = audio.currentTime + 0.01;
  for (const [offset, freq] of [
    [0, 880],
    [0.18, 1175],
  ] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.16);
  }
}
