/**
 * Pure pieces of the log pipeline: the one-line gateway call record and the electron-log
 * hook that redacts every message before any transport writes it.
 */
import type { GatewayCallRecord } from '../gateway/types';
import { redact } from './redact';

/** Log event name of a gateway call line. */
export const gatewayCallEvent = 'gateway:call';

/**
 * One line per gateway request: the vendor method name as the gateway's own logs spell it
 * (`login`, `previewCallout`, `secondDialEx` …), the duration and the retcode (`0`, a
 * retcode such as `100-006`, or the error kind when no envelope came back). It never holds
 * a URL, a header or a body, so no Guid or digits can reach it.
 */
export function gatewayCallLine(record: GatewayCallRecord): string {
  const method = record.method.replace(/[^\w.-]/g, '_');
  const outcome = record.outcome.replace(/[^\w.-]/g, '_');
  return `method=${method} durationMs=${Math.round(record.durationMs)} retcode=${outcome}`;
}

/**
 * electron-log hook: returns the message with every data item passed through `redact()`.
 * Registered first in `log.hooks`, so the file and console transports only ever see the
 * redacted copy.
 */
export function redactLogMessage<M extends { data: unknown[] }>(message: M): M {
  return { ...message, data: message.data.map((item) => redact(item)) };
}
