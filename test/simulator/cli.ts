/**
 * `npm run sim -- [--port N] [--authmode 1|2] [...]` — every flag is listed in `FLAGS` below
 * and in test/simulator/README.md.
 *
 * Starts a simulator, prints ONE JSON line `{url, ca, control, agents}` and serves until
 * SIGINT/SIGTERM. Bad flags → a message on stderr and exit code 2.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  PREVIEW_EVENT_SCRIPTS,
  RELEASE_PREVIEW_MOMENTS,
  resolveOptions,
  startSimulator,
  type PreviewEventScript,
  type ReleasePreviewMoment,
  type SimulatorOptions,
} from './index';

/** A bad command line: the message goes to stderr with the usage, exit code 2. */
export class UsageError extends Error {}

/** How one flag's value is read. */
type Kind =
  | { type: 'int'; min: number; max: number }
  | { type: 'text' }
  | { type: 'choice'; values: readonly string[] }
  | { type: 'switch' };

/** One command-line flag: its name, how to read it, and what it sets. */
interface Flag {
  name: string;
  kind: Kind;
  /** Apply the flag's value (a number, a string, or `true` for a switch). */
  apply(opts: SimulatorOptions, value: number | string | true): void;
  /** Shown in the usage text after the name. */
  hint?: string;
}

const DAY_MS = 86_400_000;

const FLAGS: Flag[] = [
  { name: 'port', kind: { type: 'int', min: 0, max: 65535 }, apply: (o, v) => (o.port = +v) },
  { name: 'node', kind: { type: 'int', min: 0, max: 99 }, apply: (o, v) => (o.node = +v) },
  {
    name: 'authmode',
    kind: { type: 'int', min: 1, max: 2 },
    apply: (o, v) => (o.authMode = v === 1 ? 1 : 2),
    hint: '1|2',
  },
  {
    name: 'poll-hold-ms',
    kind: { type: 'int', min: 1, max: 600_000 },
    apply: (o, v) => (o.pollHoldMs = +v),
  },
  { name: 'guid-set-once', kind: { type: 'switch' }, apply: (o) => (o.guidSetOnce = true) },
  { name: 'guid-set-repeat', kind: { type: 'switch' }, apply: (o) => (o.guidSetOnce = false) },
  {
    name: 'guid-grace-ms',
    kind: { type: 'int', min: 1, max: DAY_MS },
    apply: (o, v) => (o.guidGraceMs = +v),
  },
  {
    name: 'guid-rotate-ms',
    kind: { type: 'int', min: 1, max: DAY_MS },
    apply: (o, v) => (o.guidRotateMs = +v),
  },
  {
    name: 'long-poll-hold-ms',
    kind: { type: 'int', min: 1, max: 600_000 },
    apply: (o, v) => (o.longPollHoldMs = +v),
  },
  {
    name: 'session-timeout-ms',
    kind: { type: 'int', min: 1, max: DAY_MS },
    apply: (o, v) => (o.sessionTimeoutMs = +v),
  },
  {
    name: 'preview-every-ms',
    kind: { type: 'int', min: 1, max: DAY_MS },
    apply: (o, v) => (o.previewEveryMs = +v),
  },
  {
    name: 'auto-answer-ms',
    kind: { type: 'int', min: 0, max: DAY_MS },
    apply: (o, v) => (o.autoAnswerMs = +v),
  },
  {
    name: 'call-step-ms',
    kind: { type: 'int', min: 0, max: 60_000 },
    apply: (o, v) => (o.callStepMs = +v),
  },
  {
    name: 'sign-in-delay-ms',
    kind: { type: 'int', min: 0, max: 60_000 },
    apply: (o, v) => (o.signInDelayMs = +v),
  },
  {
    name: 'omit-event-gen-time',
    kind: { type: 'switch' },
    apply: (o) => (o.eventGenTime = false),
  },
  {
    name: 'refuse-force-login',
    kind: { type: 'switch' },
    apply: (o) => (o.forceLoginAllowed = false),
  },
  {
    name: 'success-message',
    kind: { type: 'text' },
    apply: (o, v) => (o.successMessage = String(v)),
    hint: 'TEXT',
  },
  {
    name: 'callinfo-last-call',
    kind: { type: 'switch' },
    apply: (o) => (o.callinfoLastCall = true),
  },
  { name: 'callinfo-legacy', kind: { type: 'switch' }, apply: (o) => (o.callinfoLastCall = false) },
  {
    name: 'preview-event',
    kind: { type: 'choice', values: PREVIEW_EVENT_SCRIPTS },
    apply: (o, v) => (o.previewEvent = v as PreviewEventScript),
  },
  {
    name: 'release-preview-late',
    kind: { type: 'switch' },
    apply: (o) => (o.releasePreviewLate ??= true),
  },
  {
    name: 'release-preview-moment',
    kind: { type: 'choice', values: RELEASE_PREVIEW_MOMENTS },
    apply: (o, v) => (o.releasePreviewLate = v as ReleasePreviewMoment),
  },
  {
    name: 'after-call',
    kind: { type: 'choice', values: ['wrap-up', 'ready'] },
    apply: (o, v) => (o.afterCall = v === 'wrap-up' ? 'wrap-up' : 'ready'),
  },
  {
    name: 'logout-in-call-code',
    kind: { type: 'text' },
    apply: (o, v) => (o.logoutInCallCode = String(v)),
    hint: 'CODE',
  },
  {
    name: 'repeated-logout-code',
    kind: { type: 'choice', values: ['100-006', '100-008'] },
    apply: (o, v) => (o.repeatedLogoutCode = v === '100-008' ? '100-008' : '100-006'),
  },
  {
    name: 'empty-result-on-dial',
    kind: { type: 'switch' },
    apply: (o) => (o.emptyResultOnDial = true),
  },
  { name: 'force-not-ready', kind: { type: 'switch' }, apply: (o) => (o.forceNotReady = true) },
  {
    name: 'force-not-ready-null',
    kind: { type: 'switch' },
    apply: (o) => (o.forceNotReadyNull = true),
  },
  { name: 'event-array', kind: { type: 'switch' }, apply: (o) => (o.eventArray = true) },
  { name: 'acd-stat-as-text', kind: { type: 'switch' }, apply: (o) => (o.acdStatAsText = true) },
  { name: 'strict-paths', kind: { type: 'switch' }, apply: (o) => (o.strictPaths = true) },
  { name: 'lenient-paths', kind: { type: 'switch' }, apply: (o) => (o.strictPaths = false) },
];

/** Flags that contradict each other. */
const CONFLICTS: Array<[string, string]> = [
  ['strict-paths', 'lenient-paths'],
  ['callinfo-last-call', 'callinfo-legacy'],
  ['guid-set-once', 'guid-set-repeat'],
];

const USAGE =
  'usage: sim ' +
  [
    ...FLAGS.map((f) => {
      const hint =
        f.hint ??
        (f.kind.type === 'choice' ? f.kind.values.join('|') : f.kind.type === 'int' ? 'N' : '');
      return `[--${f.name}${hint === '' || f.kind.type === 'switch' ? '' : ` ${hint}`}]`;
    }),
    '[--ca-out FILE]',
  ].join(' ');

function read(flag: Flag, raw: string | boolean): number | string | true {
  const k = flag.kind;
  if (k.type === 'switch') return true;
  const value = String(raw);
  if (k.type === 'int') {
    if (!/^\d+$/.test(value) || Number(value) < k.min || Number(value) > k.max) {
      throw new UsageError(`--${flag.name} must be an integer from ${k.min} to ${k.max}`);
    }
    return Number(value);
  }
  if (k.type === 'choice' && !k.values.includes(value)) {
    throw new UsageError(`--${flag.name} must be one of ${k.values.join(', ')}`);
  }
  return value;
}

/** Parse the command line into simulator options and the CA output path. */
export function parseCli(argv: string[]): { opts: SimulatorOptions; caOut: string | null } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(
          FLAGS.map((f) => [f.name, { type: f.kind.type === 'switch' ? 'boolean' : 'string' }]),
        ),
        'ca-out': { type: 'string' },
      },
    }));
  } catch (err) {
    if (err instanceof TypeError) throw new UsageError(err.message);
    throw err;
  }
  for (const [a, b] of CONFLICTS) {
    const given = (n: string): boolean => values[n] !== undefined && values[n] !== false;
    if (given(a) && given(b)) throw new UsageError(`--${a} and --${b} contradict each other`);
  }
  const opts: SimulatorOptions = { port: 8043, authMode: 2, previewEveryMs: null };
  for (const flag of FLAGS) {
    const raw = values[flag.name];
    if (raw === undefined || raw === false) continue;
    flag.apply(opts, read(flag, raw));
  }
  try {
    resolveOptions(opts);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  const caOut = values['ca-out'];
  if (caOut === '' || caOut === true) throw new UsageError('--ca-out needs a file name');
  return { opts, caOut: caOut === undefined || caOut === false ? null : resolve(caOut) };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  // Without --ca-out the CA goes to a fresh temporary folder as ca.pem.
  const certDir =
    parsed.caOut === null ? await mkdtemp(join(tmpdir(), 'agent-desk-sim-')) : undefined;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({
      ...parsed.opts,
      ...(certDir === undefined ? {} : { certDir }),
    });
  } catch (err) {
    // Options that contradict each other are refused by startSimulator: a usage error too.
    if (!(err instanceof RangeError)) throw err;
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  let ca = certDir === undefined ? '' : join(certDir, 'ca.pem');
  if (parsed.caOut !== null) {
    ca = parsed.caOut;
    await mkdir(dirname(ca), { recursive: true });
    await writeFile(ca, sim.caPem);
  }
  process.stdout.write(
    `${JSON.stringify({ url: sim.url, node: sim.node, ca, control: `${sim.url}/__sim`, agents: sim.agents })}\n`,
  );
  const shutdown = (): void => {
    sim.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('[simulator] stop failed', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

// Run only as the program, so tests can import parseCli.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error('[simulator] failed to start', err);
    process.exit(1);
  });
}
