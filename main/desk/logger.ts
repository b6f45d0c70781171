/**
 * The desk core's logging port. The shell writes it to disk (electron-log); tests pass a
 * recorder. Callers never put the Guid, cookies, password or dialled digits in `data`.
 */
export interface DeskLogger {
  info(event: string, data?: Record<string, unknown>): void;
  warn(event: string, data?: Record<string, unknown>): void;
  error(event: string, data?: Record<string, unknown>): void;
}

/** A logger that drops everything (the default when the owner passes none). */
export const nullLogger: DeskLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
