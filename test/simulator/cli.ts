/**
 * `npm run sim -- --port 8043 [--authmode 1|2] [--poll-hold-ms N] [--session-timeout-ms N]
 * [--preview-every-ms N] [--auto-answer-ms N] [--ca-out FILE]`
 *
 * Starts a simulator, prints ONE JSON line `{url, ca, control, agents}` and serves until
 * SIGINT/SIGTERM. Bad flags → a message on stderr and exit code 2.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator, type SimulatorOptions } from './index';

const USAGE =
  'usage: sim [--port N] [--authmode 1|2] [--poll-hold-ms N] [--session-timeout-ms N] ' +
  '[--preview-every-ms N] [--auto-answer-ms N] [--ca-out FILE]';

class UsageError extends Error {}

function int(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  }
  return Number(value);
}

/** Parse the command line into simulator options and the CA output path. */
export function parseCli(argv: string[]): { opts: SimulatorOptions; caOut: string | null } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        authmode: { type: 'string' },
        'poll-hold-ms': { type: 'string' },
        'session-timeout-ms': { type: 'string' },
        'preview-every-ms': { type: 'string' },
        'auto-answer-ms': { type: 'string' },
        'ca-out': { type: 'string' },
      },
    }));
  } catch (err) {
    if (err instanceof TypeError) throw new UsageError(err.message);
    throw err;
  }
  const authMode = int('authmode', values.authmode, 1, 2);
  const opts: SimulatorOptions = {
    port: int('port', values.port, 0, 65535) ?? 8043,
    authMode: authMode === 1 ? 1 : 2,
    previewEveryMs: int('preview-every-ms', values['preview-every-ms'], 1, 86_400_000) ?? null,
    autoAnswerMs: int('auto-answer-ms', values['auto-answer-ms'], 0, 86_400_000) ?? null,
  };
  const hold = int('poll-hold-ms', values['poll-hold-ms'], 1, 600_000);
  if (hold !== undefined) opts.pollHoldMs = hold;
  const timeout = int('session-timeout-ms', values['session-timeout-ms'], 1, 86_400_000);
  if (timeout !== undefined) opts.sessionTimeoutMs = timeout;
  if (values['ca-out'] === '') throw new UsageError('--ca-out needs a file name');
  return { opts, caOut: values['ca-out'] === undefined ? null : resolve(values['ca-out']) };
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
  const sim = await startSimulator({
    ...parsed.opts,
    ...(certDir === undefined ? {} : { certDir }),
  });
  let ca = certDir === undefined ? '' : join(certDir, 'ca.pem');
  if (parsed.caOut !== null) {
    ca = parsed.caOut;
    await mkdir(dirname(ca), { recursive: true });
    await writeFile(ca, sim.caPem);
  }
  process.stdout.write(
    `${JSON.stringify({ url: sim.url, ca, control: `${sim.url}/__sim`, agents: sim.agents })}\n`,
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

main().catch((err: unknown) => {
  console.error('[simulator] failed to start', err);
  process.exit(1);
});
