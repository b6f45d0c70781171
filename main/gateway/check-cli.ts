/**
 * Command-line connection test:
 *   npm run check-gateway -- --url https://host:8043 --agent 101 --password … --phone 8101
 *                            [--ca ca.pem] [--pin AA:BB:…]
 * The password may come from CHECK_GATEWAY_PASSWORD instead of --password.
 * Prints one line per step; exit code 0 only when every step passed (none skipped).
 * The password and the Guid are never printed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkGateway } from './check';
import type { GatewaySignIn } from './types';

const USAGE =
  'usage: check-gateway --url https://host:8043 [--agent ID --password PW --phone NUMBER] ' +
  '[--ca FILE] [--pin SHA256]';

function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      agent: { type: 'string' },
      password: { type: 'string' },
      phone: { type: 'string' },
      ca: { type: 'string' },
      pin: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || values.url === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return Promise.resolve(values.help ? 0 : 2);
  }
  const { agent, phone } = values;
  // The environment keeps the password out of the process list (`ps`) and shell history.
  const password = values.password ?? process.env['CHECK_GATEWAY_PASSWORD'];
  const credentials: GatewaySignIn | undefined =
    agent !== undefined && password !== undefined && phone !== undefined
      ? { agentId: agent, password, phone }
      : undefined;
  return checkGateway({
    connection: {
      baseUrl: values.url,
      ...(values.ca === undefined ? {} : { caPem: readFileSync(values.ca, 'utf8') }),
      ...(values.pin === undefined ? {} : { pinSha256: values.pin }),
    },
    credentials,
  }).then((report) => {
    for (const step of report.steps) {
      const verdict = step.skipped ? 'SKIP' : step.ok ? 'PASS' : 'FAIL';
      const ms = `${Math.round(step.durationMs)} ms`.padStart(8);
      process.stdout.write(`${verdict}  ${step.name.padEnd(12)}${ms}  ${step.detail}\n`);
    }
    const allPassed = report.steps.every((s) => s.ok);
    process.stdout.write(allPassed ? 'all checks passed\n' : 'some checks did not pass\n');
    return allPassed ? 0 : 1;
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`check-gateway: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
