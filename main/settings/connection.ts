/**
 * Turns settings into gateway connections. The CA file is read at each sign-in or test (an
 * administrator may replace it without restarting the app).
 *
 * A setting that makes a connection impossible (no address, unreadable or non-PEM CA file)
 * throws `ConnectionSettingsError`; the IPC handlers answer it as a visible
 * `invalid-request` with plain words, because it is the settings, not the gateway, at fault.
 */
import { readFile as readFileAsync } from 'node:fs/promises';
import type { CaStore, GatewayConnection, GatewaySignIn } from '../gateway/types';
import type { DeskError, DeskSettings, TestConnectionRequest } from '../ipc/contract';

/** Why the settings cannot produce a connection. */
export type ConnectionSettingsProblem = 'no-gateway-url' | 'ca-file-unreadable' | 'ca-file-invalid';

/** Thrown by `connectionsFromSettings` / `connectionForTest`; never holds a secret. */
export class ConnectionSettingsError extends Error {
  override readonly name = 'ConnectionSettingsError';
  constructor(
    readonly problem: ConnectionSettingsProblem,
    message: string,
  ) {
    super(message);
  }

  /** How the desk answers it across IPC. */
  toDeskError(): DeskError {
    return { kind: 'invalid-request', detail: this.message };
  }
}

/**
 * A settings problem (no address, unreadable CA file …) as the visible `invalid-request`
 * the agent reads; anything else is a bug and is rethrown (→ `internal` at the IPC edge).
 */
export function settingsProblem(error: unknown): { ok: false; error: DeskError } {
  if (error instanceof ConnectionSettingsError) return { ok: false, error: error.toDeskError() };
  throw error;
}

/** Reads a text file (the CA PEM). */
export type ReadTextFile = (path: string) => Promise<string>;

const readText: ReadTextFile = (path) => readFileAsync(path, 'utf8');

/** A CA bundle bigger than this is not a CA file. */
const maxCaBytes = 1024 * 1024;

async function readCa(path: string, readFile: ReadTextFile): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const why = typeof code === 'string' ? code : error instanceof Error ? error.message : 'error';
    throw new ConnectionSettingsError(
      'ca-file-unreadable',
      `The CA file ${path} could not be read (${why}).`,
    );
  }
  if (pem.length > maxCaBytes || !pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConnectionSettingsError(
      'ca-file-invalid',
      `The CA file ${path} does not hold a PEM certificate.`,
    );
  }
  return pem;
}

type Trust = Pick<GatewayConnection, 'caPem' | 'caFile' | 'pinSha256' | 'caStore'>;

/**
 * The trust of a connection: the OS store and bundled roots (the client's default, or
 * `caStore` when given), the site CA file, and the pin on top.
 */
async function trustFrom(
  caFile: string,
  pin: string,
  readFile: ReadTextFile,
  caStore: CaStore | undefined,
): Promise<Trust> {
  const trust: Trust = {};
  if (caFile !== '') {
    trust.caPem = await readCa(caFile, readFile);
    trust.caFile = caFile;
  }
  if (pin !== '') trust.pinSha256 = pin;
  if (caStore !== undefined) trust.caStore = caStore;
  return trust;
}

/** `https://host:port` without a trailing slash (the client appends the resource path). */
function baseUrlOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Primary, then backup when set and different. The CA and the pin apply to both: with a pin
 * set the backup must present the same certificate — exempting it would let an attacker who
 * blocks the primary skip the pin.
 */
export async function connectionsFromSettings(
  values: DeskSettings,
  readFile: ReadTextFile = readText,
  caStore?: CaStore,
): Promise<GatewayConnection[]> {
  if (values.gatewayUrl === '') {
    throw new ConnectionSettingsError(
      'no-gateway-url',
      'No gateway address is set: enter it in Settings.',
    );
  }
  const trust = await trustFrom(values.caFile, values.pinSha256, readFile, caStore);
  // §4.1: the poll timeout follows the site's hold, set by the agent or an administrator.
  const common = { ...trust, pollTimeoutMs: values.pollTimeoutSeconds * 1000 };
  const primary = baseUrlOf(values.gatewayUrl);
  const connections: GatewayConnection[] = [{ baseUrl: primary, ...common }];
  if (values.backupGatewayUrl !== '') {
    const backup = baseUrlOf(values.backupGatewayUrl);
    if (backup !== primary) connections.push({ baseUrl: backup, ...common });
  }
  return connections;
}

/** What a connection test runs against. */
export interface ConnectionTest {
  connection: GatewayConnection;
  /** Present only when agent ID, password and phone are all given. */
  credentials?: GatewaySignIn;
}

/**
 * The connection for "Test connection": the dialog's unsaved values where given, else the
 * saved ones. `savedPassword` supplies the remembered password when the dialog leaves the
 * password empty.
 */
export async function connectionForTest(
  req: TestConnectionRequest,
  values: DeskSettings,
  readFile: ReadTextFile = readText,
  savedPassword: (agentId: string) => string | null = () => null,
  caStore?: CaStore,
): Promise<ConnectionTest> {
  const gatewayUrl = req.gatewayUrl ?? values.gatewayUrl;
  if (gatewayUrl === '') {
    throw new ConnectionSettingsError('no-gateway-url', 'No gateway address to test.');
  }
  const trust = await trustFrom(
    req.caFile ?? values.caFile,
    req.pinSha256 ?? values.pinSha256,
    readFile,
    caStore,
  );
  const test: ConnectionTest = {
    connection: {
      baseUrl: baseUrlOf(gatewayUrl),
      ...trust,
      pollTimeoutMs: values.pollTimeoutSeconds * 1000,
    },
  };
  const agentId = req.agentId ?? '';
  const phone = req.phone ?? '';
  if (agentId !== '' && phone !== '') {
    const password = req.password || savedPassword(agentId) || '';
    if (password !== '') test.credentials = { agentId, password, phone };
  }
  return test;
}
