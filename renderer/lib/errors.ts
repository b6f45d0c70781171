/**
 * Plain words for every DeskError (STYLE.md §5: every failure shows, an unknown kind shows a
 * generic message with its code). Gateway retcode errors carry their own words (`text`).
 */
import type { DeskError } from '../../main/ipc/contract';
import type { I18n } from './state/i18n.svelte';

/** What the UI shows: the sentence, and a small technical code (may be empty). */
export interface ErrorWords {
  text: string;
  code: string;
}

export function describeError(error: DeskError, i18n: I18n): ErrorWords {
  switch (error.kind) {
    case 'gateway':
    case 'signed-out':
      return { text: error.text[i18n.textLang] || error.message, code: error.retcode };
    case 'network':
      return { text: i18n.t('error.network'), code: error.code };
    case 'tls':
      return { text: i18n.t('error.tls'), code: error.code };
    case 'timeout':
      return { text: i18n.t('error.timeout'), code: `timeout ${error.phase}` };
    case 'http':
      return { text: i18n.t('error.http'), code: `HTTP ${error.status}` };
    case 'bad-response':
      return { text: i18n.t('error.badResponse'), code: error.detail };
    case 'invalid-request':
      return { text: i18n.t('error.invalidRequest'), code: error.detail };
    case 'already-signed-in':
      return { text: i18n.t('error.alreadySignedIn'), code: '100-002' };
    case 'refused':
      return { text: i18n.t(`refused.${error.reason}`), code: error.detail ?? error.reason };
    case 'internal':
      return { text: i18n.t('error.internal'), code: error.detail ?? 'internal' };
    default:
      return unknownError(error, i18n);
  }
}

/** A kind this build does not know (a newer main process): generic words plus the kind. */
function unknownError(error: never, i18n: I18n): ErrorWords {
  const kind = (error as { kind?: unknown }).kind;
  return { text: i18n.t('error.unknown'), code: typeof kind === 'string' ? kind : '?' };
}
