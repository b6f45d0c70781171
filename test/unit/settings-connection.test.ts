import { describe, expect, it } from 'vitest';
import {
  ConnectionSettingsError,
  connectionForTest,
  connectionsFromSettings,
} from '../../main/settings/connection';
import { defaultSettings } from '../../main/settings/schema';

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const pin = 'ab'.repeat(32);

function reader(files: Record<string, string>) {
  const reads: string[] = [];
  const read = async (path: string): Promise<string> => {
    reads.push(path);
    const content = files[path];
    if (content === undefined) {
      throw Object.assign(new Error(`ENOENT: open '${path}'`), { code: 'ENOENT' });
    }
    return content;
  };
  return { reads, read };
}

describe('connectionsFromSettings', () => {
  it('builds primary then backup with the CA and the pin on both', async () => {
    const { read, reads } = reader({ '/etc/ca.pem': pem });
    const connections = await connectionsFromSettings(
      {
        ...defaultSettings,
        gatewayUrl: 'https://gw1.example:8043/',
        backupGatewayUrl: 'https://gw2.example:8043',
        caFile: '/etc/ca.pem',
        pinSha256: pin,
        pollTimeoutSeconds: 75,
      },
      read,
    );
    // §4.1: the poll timeout follows the site's hold, from the setting, on both gateways.
    const common = { caPem: pem, caFile: '/etc/ca.pem', pinSha256: pin, pollTimeoutMs: 75_000 };
    expect(connections).toEqual([
      { baseUrl: 'https://gw1.example:8043', ...common },
      { baseUrl: 'https://gw2.example:8043', ...common },
    ]);
    expect(reads).toEqual(['/etc/ca.pem']);
  });

  it('omits an empty or duplicate backup and unset trust fields', async () => {
    const { read, reads } = reader({});
    expect(
      await connectionsFromSettings({ ...defaultSettings, gatewayUrl: 'https://gw:8043' }, read),
    ).toEqual([{ baseUrl: 'https://gw:8043', pollTimeoutMs: 40_000 }]);
    expect(
      await connectionsFromSettings(
        { ...defaultSettings, gatewayUrl: 'https://gw:8043', backupGatewayUrl: 'https://gw:8043/' },
        read,
      ),
    ).toHaveLength(1);
    expect(reads).toEqual([]);
  });

  it('throws a typed error for no address, a missing CA file and a non-PEM one', async () => {
    const { read } = reader({ '/bad.pem': 'hello' });
    await expect(connectionsFromSettings(defaultSettings, read)).rejects.toMatchObject({
      problem: 'no-gateway-url',
    });
    const missing = connectionsFromSettings(
      { ...defaultSettings, gatewayUrl: 'https://gw:8043', caFile: '/nope.pem' },
      read,
    );
    await expect(missing).rejects.toBeInstanceOf(ConnectionSettingsError);
    await expect(missing).rejects.toMatchObject({
      problem: 'ca-file-unreadable',
      message: 'The CA file /nope.pem could not be read (ENOENT).',
    });
    const bad = connectionsFromSettings(
      { ...defaultSettings, gatewayUrl: 'https://gw:8043', caFile: '/bad.pem' },
      read,
    );
    await expect(bad).rejects.toMatchObject({ problem: 'ca-file-invalid' });
    const error = new ConnectionSettingsError('no-gateway-url', 'No gateway address is set.');
    expect(error.toDeskError()).toEqual({
      kind: 'invalid-request',
      detail: 'No gateway address is set.',
    });
  });
});

describe('connectionForTest', () => {
  const saved = { ...defaultSettings, gatewayUrl: 'https://saved:8043', pinSha256: pin };

  it('prefers the dialog values and falls back to the saved ones', async () => {
    const { read } = reader({ '/ca.pem': pem });
    expect(await connectionForTest({}, saved, read)).toEqual({
      connection: { baseUrl: 'https://saved:8043', pinSha256: pin, pollTimeoutMs: 40_000 },
    });
    expect(
      await connectionForTest(
        { gatewayUrl: 'https://new:9443', caFile: '/ca.pem', pinSha256: '' },
        saved,
        read,
      ),
    ).toEqual({
      connection: {
        baseUrl: 'https://new:9443',
        caPem: pem,
        caFile: '/ca.pem',
        pollTimeoutMs: 40_000,
      },
    });
  });

  it('passes an injected CA store to every connection (tests stand in for the OS store)', async () => {
    const store = { bundled: [], system: [pem], extra: [] };
    const { read } = reader({});
    const values = { ...defaultSettings, gatewayUrl: 'https://gw:8043' };
    expect(await connectionsFromSettings(values, read, store)).toEqual([
      { baseUrl: 'https://gw:8043', caStore: store, pollTimeoutMs: 40_000 },
    ]);
    const test = await connectionForTest({}, values, read, () => null, store);
    expect(test.connection.caStore).toBe(store);
  });

  it('adds credentials only when all three are known, using the saved password if empty', async () => {
    const { read } = reader({});
    const full = await connectionForTest(
      { agentId: '1001', password: 'pw', phone: '70001' },
      saved,
      read,
    );
    expect(full.credentials).toEqual({ agentId: '1001', password: 'pw', phone: '70001' });
    const partial = await connectionForTest({ agentId: '1001', password: 'pw' }, saved, read);
    expect(partial.credentials).toBeUndefined();
    const fromVault = await connectionForTest(
      { agentId: '1001', password: '', phone: '70001' },
      saved,
      read,
      (id) => (id === '1001' ? 'saved-pw' : null),
    );
    expect(fromVault.credentials?.password).toBe('saved-pw');
    const none = await connectionForTest({ agentId: '1001', phone: '70001' }, saved, read);
    expect(none.credentials).toBeUndefined();
  });

  it('throws when there is no address to test', async () => {
    const { read } = reader({});
    await expect(connectionForTest({}, defaultSettings, read)).rejects.toMatchObject({
      problem: 'no-gateway-url',
    });
  });
});
