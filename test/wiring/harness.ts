/**
 * Runs a built main process (`out/main/index.js`, or the packaged one) in a child `node`
 * under the Electron STAND-IN (test/wiring/stand-in/) and drives it like the runtime and the
 * OS would. Every call the app makes on `electron` arrives here as a journal entry, also
 * after the process has exited. This checks our wiring against Electron's documented
 * contract; it does not run Electron.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const registerUrl = new URL('./stand-in/register.mjs', import.meta.url).href;
const launcher = fileURLToPath(new URL('./stand-in/launch.mjs', import.meta.url));

/** One call the app made on the stand-in (args reduced to JSON). */
export interface JournalEntry {
  seq: number;
  at: number;
  api: string;
  args: unknown[];
  [extra: string]: unknown;
}

export interface LaunchOptions {
  /** The main script (out/main/index.js or the one extracted from app.asar). */
  entry: string;
  platform?: NodeJS.Platform;
  isPackaged?: boolean;
  lockHeldElsewhere?: boolean;
  appName?: string;
  appVersion?: string;
  /** Extra environment (AGENT_DESK_* switches of an unpackaged app). */
  env?: Record<string, string>;
  cwd?: string;
}

export interface Exit {
  code: number | null;
  how: string;
}

interface Reply {
  type: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

type Message =
  { type: 'journal'; entry: JournalEntry } | { type: 'exit'; code: number; how: string } | Reply;

/** A main process running under the stand-in. */
export class StandInApp {
  readonly journal: JournalEntry[] = [];
  readonly home: string;
  readonly exited: Promise<Exit>;
  exit: Exit | null = null;
  output = '';
  readonly #child: ChildProcess;
  readonly #replies = new Map<number, (reply: Reply) => void>();
  readonly #watchers = new Set<() => void>();
  #nextId = 1;
  #announcedExit: Exit | null = null;

  constructor(opts: LaunchOptions) {
    this.home = mkdtempSync(join(tmpdir(), 'agent-desk-stand-in-'));
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: this.home,
      STAND_IN_HOME: this.home,
      STAND_IN_PLATFORM: opts.platform ?? process.platform,
      STAND_IN_PACKAGED: opts.isPackaged === true ? '1' : '0',
      STAND_IN_LOCK_HELD: opts.lockHeldElsewhere === true ? '1' : '0',
      STAND_IN_APP_NAME: opts.appName ?? 'Agent Desk',
      STAND_IN_APP_VERSION: opts.appVersion ?? '0.1.0',
      ...opts.env,
    };
    this.#child = fork(launcher, [opts.entry], {
      execArgv: ['--expose-gc', '--import', registerUrl],
      env,
      cwd: opts.cwd ?? this.home,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.#child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.#child.on('message', (message: Message) => this.#receive(message));
    this.exited = new Promise<Exit>((resolve) => {
      this.#child.on('exit', (code, signal) => {
        this.exit = this.#announcedExit ?? { code, how: signal === null ? 'exited' : signal };
        this.#notify();
        for (const reply of this.#replies.values()) {
          reply({ type: 'reply', id: 0, ok: false, error: 'the app exited' });
        }
        resolve(this.exit);
      });
    });
  }

  #receive(message: Message): void {
    if (message.type === 'journal') this.journal.push(message.entry);
    else if (message.type === 'exit')
      this.#announcedExit = { code: message.code, how: message.how };
    else {
      this.#replies.get(message.id)?.(message);
      this.#replies.delete(message.id);
    }
    this.#notify();
  }

  #notify(): void {
    for (const watcher of [...this.#watchers]) watcher();
  }

  /** Asks the stand-in to do one thing (driver.mjs `ops`); resolves with its result. */
  op<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.exit !== null) return Promise.reject(new Error(`the app has exited: ${op}`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#replies.set(id, (reply) => {
        if (reply.ok) resolve(reply.value as T);
        else
          reject(
            new Error(`${op}: ${reply.error ?? 'failed'}\n--- app output ---\n${this.output}`),
          );
      });
      this.#child.send({ type: 'op', id, op, args });
    });
  }

  /** A command from our page, through the IPC handlers the app registered. */
  invoke<T = unknown>(channel: string, payload?: unknown): Promise<T> {
    return this.op<T>('invoke', { channel, payload });
  }

  /** Resolves once `check()` returns a value other than undefined/false, or fails at `timeoutMs`. */
  waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value === undefined || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const tail = this.journal
          .slice(-15)
          .map((e) => `${e.seq} ${e.api} ${JSON.stringify(e.args).slice(0, 160)}`);
        reject(
          new Error(
            `timed out waiting for ${what}\n--- last journal entries ---\n${tail.join('\n')}\n--- app output ---\n${this.output}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#watchers.delete(watcher);
      };
      const watcher = (): void => void attempt();
      this.#watchers.add(watcher);
      attempt();
    });
  }

  /** The exit, or a failure with the journal's tail when the app is still running after `ms`. */
  exitedWithin(ms: number): Promise<Exit> {
    return this.waitFor(`the app to exit within ${ms} ms`, () => this.exit ?? undefined, ms);
  }

  /** Journal entries of one API, in order. */
  calls(api: string): JournalEntry[] {
    return this.journal.filter((entry) => entry.api === api);
  }

  /** Waits for the next entry of `api` after `afterSeq`. */
  next(api: string, afterSeq = 0, timeoutMs = 10_000): Promise<JournalEntry> {
    return this.waitFor(
      `${api} after #${afterSeq}`,
      () => this.journal.find((entry) => entry.api === api && entry.seq > afterSeq),
      timeoutMs,
    );
  }

  /** Milliseconds between the first entries of two APIs, on the app's own clock. */
  between(from: string, to: string): number {
    const start = this.calls(from)[0];
    const end = this.calls(to)[0];
    if (start === undefined || end === undefined)
      throw new Error(`no ${from} or no ${to} in the journal`);
    return end.at - start.at;
  }

  get lastSeq(): number {
    return this.journal.at(-1)?.seq ?? 0;
  }

  /** Calls Electron's documentation forbids (each also threw inside the app). */
  violations(): JournalEntry[] {
    return this.journal.filter((entry) => entry.api === 'violation' || entry.api === 'uncaught');
  }

  /** Ends the child (if still running) and removes its profile folder. */
  async dispose(): Promise<void> {
    if (this.exit === null) {
      this.#child.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}
