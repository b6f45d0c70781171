/**
 * The UI language: `t(key, params)` reads the current catalogue, so every template that
 * calls it re-renders when the language setting changes.
 */
import type { Locale } from '../../../main/ipc/contract';
import { en, type Catalogue, type MessageKey } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

const catalogues: Record<Locale, Catalogue> = { en, 'zh-CN': zhCN };

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export class I18n {
  #source: () => Locale;
  #locale = $derived.by(() => this.#source());
  // One formatter per language, not one per call: timers and log rows call time() often.
  #timeFormat = $derived(
    new Intl.DateTimeFormat(this.#locale === 'zh-CN' ? 'zh-CN' : 'en', {
      timeStyle: 'medium',
      hour12: false,
    }),
  );

  /** @param source where the locale comes from (the settings), read reactively. */
  constructor(source: () => Locale) {
    this.#source = source;
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The key of `LocalizedText` (gateway retcode words) for the current locale. */
  get textLang(): 'en' | 'zh' {
    return this.#locale === 'zh-CN' ? 'zh' : 'en';
  }

  /** BCP 47 tag for `<html lang>` and Intl formatting. */
  get htmlLang(): string {
    return this.#locale === 'zh-CN' ? 'zh-CN' : 'en';
  }

  t(key: MessageKey, params?: MessageParams): string {
    return format(catalogues[this.#locale][key], params);
  }

  /** Wall-clock time (HH:MM:SS) in the current locale. */
  time(epochMs: number): string {
    return this.#timeFormat.format(epochMs);
  }
}
