/**
 * File logging with electron-log (Electron only): rotating files in the app's log folder,
 * redaction hook first, one line per gateway call, the DeskLogger the core writes to.
 */
import log from 'electron-log/main';
import { dirname } from 'node:path';
import type { DeskLogger } from '../desk/logger';
import type { GatewayCallRecord } from '../gateway/types';
import { gatewayCallEvent, gatewayCallLine, redactLogMessage } from './log-format';

/** Rotate at ~5 MB; electron-log moves the full file to `main.old.log` (one old file). */
export const logMaxBytes = 5 * 1024 * 1024;

/** What the shell hands to the desk core and to diagnostics. */
export interface ShellLogging {
  logger: DeskLogger;
  onGatewayCall(record: GatewayCallRecord): void;
  /** Folder holding main.log and main.old.log. */
  logDir: string;
}

/**
 * Configures electron-log once for the main process. In a packaged build nothing goes to
 * the console (no terminal); in development the console also gets `info`.
 */
export function setupLogging(isDevelopment: boolean): ShellLogging {
  // Redaction must run before any transport: hooks run in order, so put it first.
  log.hooks.unshift((message) => redactLogMessage(message));
  log.transports.file.maxSize = logMaxBytes;
  log.transports.file.level = 'info';
  log.transports.console.level = isDevelopment ? 'info' : false;
  log.errorHandler.startCatching({ showDialog: false });
  const logger: DeskLogger = {
    info: (event, data) => log.info(event, ...(data === undefined ? [] : [data])),
    warn: (event, data) => log.warn(event, ...(data === undefined ? [] : [data])),
    error: (event, data) => log.error(event, ...(data === undefined ? [] : [data])),
  };
  return {
    logger,
    onGatewayCall: (record) => log.info(gatewayCallEvent, gatewayCallLine(record)),
    logDir: dirname(log.transports.file.getFile().path),
  };
}
