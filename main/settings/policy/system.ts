/**
 * Runs policy probes against the real system: files with node:fs, commands with
 * node:child_process (no shell; Windows gets its command line verbatim, see windows.ts).
 * `readPolicySync` runs once before Electron's `ready`; `readPolicy` for every re-read, so
 * a slow reg.exe never blocks the main process while the desk is working.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { PolicySource, Probe, ProbeResult } from './probe';
import { maxPolicyBytes } from './probe';
import type { PolicyPlatform } from './sources';
import { policySources, snapshotFrom } from './sources';
import type { PolicySnapshot } from './types';

const commandTimeoutMs = 10_000;
const plutil = '/usr/bin/plutil';
const utf8 = new TextDecoder('utf-8');

/** The host the app runs on. */
export function currentPolicyPlatform(): PolicyPlatform {
  let user = '';
  try {
    user = userInfo().username;
  } catch {
    // No user name (a service account without a passwd entry): no per-user profile is read.
    user = '';
  }
  return { platform: process.platform, env: process.env, user };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function fromBytes(bytes: Buffer): ProbeResult {
  if (bytes.length > maxPolicyBytes) return { kind: 'failed', detail: 'larger than 1 MB' };
  return { kind: 'text', text: utf8.decode(bytes) };
}

function isBinaryPlist(bytes: Buffer): boolean {
  return bytes.subarray(0, 6).toString('latin1') === 'bplist';
}

function plutilArgs(path: string): string[] {
  return ['-convert', 'xml1', '-o', '-', '--', path];
}

function commandResult(
  code: number | null,
  stdout: Buffer,
  stderr: Buffer,
  error?: unknown,
): ProbeResult {
  if (error !== undefined && code === null) return { kind: 'failed', detail: errorCode(error) };
  return {
    kind: 'exited',
    code: code ?? -1,
    stdout: utf8.decode(stdout),
    stderr: utf8.decode(stderr),
  };
}

function runSync(file: string, args: string[], verbatim = false): ProbeResult {
  const run = spawnSync(file, args, {
    timeout: commandTimeoutMs,
    maxBuffer: maxPolicyBytes,
    windowsHide: true,
    windowsVerbatimArguments: verbatim,
  });
  if (run.error !== undefined) return { kind: 'failed', detail: errorCode(run.error) };
  return commandResult(run.status, run.stdout, run.stderr);
}

function runAsync(file: string, args: string[], verbatim = false): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        encoding: 'buffer',
        timeout: commandTimeoutMs,
        maxBuffer: maxPolicyBytes,
        windowsHide: true,
        windowsVerbatimArguments: verbatim,
      },
      (error, stdout, stderr) => {
        // A non-zero exit is an answer (reg.exe says "no such key" that way), not a failure.
        const exitCode = (error as { code?: unknown } | null)?.code;
        if (error === null) resolve(commandResult(0, stdout, stderr));
        else if (typeof exitCode === 'number') resolve(commandResult(exitCode, stdout, stderr));
        else resolve(commandResult(null, stdout, stderr, error));
      },
    );
  });
}

/** Runs one probe synchronously (only before `ready`). */
export function runProbeSync(probe: Probe): ProbeResult {
  if (probe.kind === 'command') return runSync(probe.file, probe.args, probe.verbatimArgs);
  let bytes: Buffer;
  try {
    bytes = readFileSync(probe.path);
  } catch (error) {
    return isMissing(error) ? { kind: 'missing' } : { kind: 'failed', detail: errorCode(error) };
  }
  if (probe.kind === 'plist' && isBinaryPlist(bytes)) {
    const converted = runSync(plutil, plutilArgs(probe.path));
    return converted.kind === 'exited' && converted.code === 0
      ? { kind: 'text', text: converted.stdout }
      : { kind: 'failed', detail: 'plutil could not convert the binary property list' };
  }
  return fromBytes(bytes);
}

/** Runs one probe without blocking. */
export async function runProbe(probe: Probe): Promise<ProbeResult> {
  if (probe.kind === 'command') return runAsync(probe.file, probe.args, probe.verbatimArgs);
  let bytes: Buffer;
  try {
    bytes = await readFile(probe.path);
  } catch (error) {
    return isMissing(error) ? { kind: 'missing' } : { kind: 'failed', detail: errorCode(error) };
  }
  if (probe.kind === 'plist' && isBinaryPlist(bytes)) {
    const converted = await runAsync(plutil, plutilArgs(probe.path));
    return converted.kind === 'exited' && converted.code === 0
      ? { kind: 'text', text: converted.stdout }
      : { kind: 'failed', detail: 'plutil could not convert the binary property list' };
  }
  return fromBytes(bytes);
}

/** Reads the sources now, blocking (before `ready` only). Default: this host's. */
export function readPolicySync(
  sources: readonly PolicySource[] = policySources(currentPolicyPlatform()),
): PolicySnapshot {
  return snapshotFrom(
    sources,
    sources.map((source) => runProbeSync(source.probe)),
  );
}

/** Reads the sources without blocking the main process. Default: this host's. */
export async function readPolicy(
  sources: readonly PolicySource[] = policySources(currentPolicyPlatform()),
): Promise<PolicySnapshot> {
  return snapshotFrom(sources, await Promise.all(sources.map((source) => runProbe(source.probe))));
}
