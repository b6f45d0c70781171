/**
 * What the two live regions say: the polite one announces new previews and call phases,
 * the assertive one a lost connection (issue #4 §2). Fed by snapshot transitions.
 */
import type { DeskSnapshot } from '../../../main/ipc/contract';
import type { DeskState } from './desk-state.svelte';
import type { I18n } from './i18n.svelte';
import { newPreviews } from '../preview-alerts';

export class Announcer {
  #i18n: I18n;
  #polite = $state('');
  #assertive = $state('');
  #unsubscribe: () => void;

  constructor(desk: DeskState, i18n: I18n) {
    this.#i18n = i18n;
    this.#unsubscribe = desk.subscribe((prev, next) => this.#onSnapshot(prev, next));
  }

  get polite(): string {
    return this.#polite;
  }

  get assertive(): string {
    return this.#assertive;
  }

  /** Says a message politely; a repeated message gets a trailing space so it is re-read. */
  say(message: string): void {
    this.#polite = message === this.#polite ? `${message} ` : message;
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #onSnapshot(prev: DeskSnapshot | null, next: DeskSnapshot): void {
    // The first snapshot is the state at start-up, not news.
    if (!prev) return;
    const t = this.#i18n.t.bind(this.#i18n);
    const messages: string[] = [];
    for (const preview of newPreviews(prev, next)) {
      messages.push(t('announce.preview', { numbers: preview.numbers.join(', ') }));
    }
    const call = next.call;
    if (call && (prev.call?.phase !== call.phase || prev.call?.callId !== call.callId)) {
      messages.push(
        t('announce.phase', { number: call.number, phase: t(`call.phase.${call.phase}`) }),
      );
    }
    const was = prev.connection.health;
    const now = next.connection.health;
    const againBefore = prev.session.phase === 'signing-in-again';
    const againNow = next.session.phase === 'signing-in-again';
    if (againNow && !againBefore) this.#assertive = t('announce.signingInAgain');
    if (now === 'lost' && was !== 'lost') this.#assertive = t('announce.lost');
    if (againBefore && next.session.phase === 'signed-in') {
      // Issue #11: back by itself — said once, instead of "connection back".
      this.#assertive = '';
      messages.push(t('announce.signedInAgain'));
    } else if (now === 'live' && (was === 'reconnecting' || was === 'lost' || was === 'degraded')) {
      this.#assertive = '';
      messages.push(t('announce.back'));
    }
    if (messages.length > 0) this.say(messages.join(' '));
  }
}
