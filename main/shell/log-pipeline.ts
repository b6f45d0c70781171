/**
 * The log pipeline, without Electron: configures one electron-log logger instance (the
 * app's `electron-log/main` default, or an `electron-log/node` instance in the end-to-end
 * tests) with the redaction hook first, the file format and rotation, and returns the
 * DeskLogger and gateway-call sink the desk core writes to. The e2e suite logs through this
 * very function, so scanning its files proves what the app's files hold (STYLE.md §5, §8).
 */
import type ElectronLog from 'electron-log';
import { dirname } from 'node:path';
import type { DeskLogger } from '../desk/logger';
import type { GatewayCallRecord } from '../gateway/types';
import { gatewayCallEvent, gatewayCallLine, redactLogMessage } from './log-format';

/** Rotate at ~5 MB; electron-log moves the full file to `main.old.log` (one old file). */
export const logMaxBytes = 5 * 1024 * 1024;

/**
 * An electron-log logger instance: the `electron-log/main` default export, or one made by
 * `electron-log/node`'s `create({ logId })` (both share the node file transport).
 */
export type LoggerInstance = Pick<
  ElectronLog.NodeLogger,
  'hooks' | 'transports' | 'info' | 'warn' | 'error'
>;

/** How `configureLogger` sets up an instance. */
export interface LoggerOptions {
  /**
   * The log file. Absent: electron-log's own path (for the app, `main.log` in the app's
   * log folder), as before the pipeline was split out.
   */
  filePath?: string;
  /** Lowest level written to the file, or false for none. */
  level: ElectronLog.LevelOption;
  /** Lowest level echoed to the console, or false for none. */
  console: ElectronLog.LevelOption;
}

/** What the shell hands to the desk core and to diagnostics. */
export interface ShellLogging {
  logger: DeskLogger;
  onGatewayCall(record: GatewayCallRecord): void;
  /** Folder holding the log file and its rotated `.old` copy. */
  logDir: string;
}

/**
 * Configures `instance` (once per instance: each call adds another redaction hook) and
 * returns the DeskLogger over it. Error catching stays with the caller: the app wants it,
 * a test process must not have its unhandled errors taken over.
 */
export function configureLogger(instance: LoggerInstance, options: LoggerOptions): ShellLogging {
  // Redaction must run before any transport: hooks run in order, so put it first.
  instance.hooks.unshift((message) => redactLogMessage(message));
  const { file, console } = instance.transports;
  file.maxSize = logMaxBytes;
  file.level = options.level;
  if (options.filePath !== undefined) {
    const filePath = options.filePath;
    file.resolvePathFn = () => filePath;
  }
  console.level = options.console;
  const logger: DeskLogger = {
    info: (event, data) => instance.info(event, ...(data === undefined ? [] : [data])),
    warn: (event, data) => instance.warn(event, ...(data === undefined ? [] : [data])),
    error: (event, data) => instance.error(event, ...(data === undefined ? [] : [data])),
  };
  return {
    logger,
    onGatewayCall: (record) => instance.info(gatewayCallEvent, gatewayCallLine(record)),
    logDir: dirname(file.getFile().path),
  };
}
