/**
 * File logging for the Electron app: the `electron-log/main` default logger configured by
 * the shared pipeline (log-pipeline.ts: redaction hook first, rotation, gateway-call lines)
 * in the app's log folder, plus catching the main process's unhandled errors.
 */
import log from 'electron-log/main';
import { configureLogger, type ShellLogging } from './log-pipeline';

export type { ShellLogging } from './log-pipeline';

/**
 * Configures electron-log once for the main process. In a packaged build nothing goes to
 * the console (no terminal); in development the console also gets `info`.
 */
export function setupLogging(isDevelopment: boolean): ShellLogging {
  const logging = configureLogger(log, {
    level: 'info',
    console: isDevelopment ? 'info' : false,
  });
  log.errorHandler.startCatching({ showDialog: false });
  return logging;
}
