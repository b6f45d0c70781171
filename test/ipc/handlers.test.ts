import { describe, expect, it } from 'vitest';
import type { DeskLogger } from '../../main/desk/logger';
import { commandChannels } from '../../main/ipc/contract';
import type { CommandHandlers } from '../../main/ipc/handlers';
import { createCommandHandlers, dispatchCommand } from '../../main/ipc/handlers';
import { ConnectionSettingsError } from '../../main/settings/connection';
import {
  MemoryPasswordVault,
  MemorySettingsBackend,
  SettingsService,
} from '../../main/settings/service';
import { fakeHost } from './fakes';

function recordingLogger(): DeskLogger & { lines: Array<[string, string, unknown]> } {
  const lines: Array<[string, string, unknown]> = [];
  return {
    lines,
    info: (event, data) => lines.push(['info', event, data]),
    warn: (event, data) => lines.push(['warn', event, data]),
    error: (event, data) => lines.push(['error', event, data]),
  };
}

const signIn = { agentId: '1001', password: 'secret', phone: '70001' };

describe('dispatchCommand', () => {
  it('turns a throwing handler into a logged internal error, never a rejection', async () => {
    const host = fakeHost();
    const handlers: CommandHandlers = {
      ...createCommandHandlers(host),
      hangUp: async () => {
        throw new Error('boom');
      },
    };
    const logger = recordingLogger();
    const result = await dispatchCommand(handlers, commandChannels.hangUp, undefined, logger);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'internal', detail: 'hangUp failed unexpectedly' },
    });
    expect(logger.lines).toEqual([
      ['error', 'ipc.handler-failed', { command: 'hangUp', error: 'Error: boom' }],
    ]);
  });

  it('passes the guarded request to the core and its result back', async () => {
    const host = fakeHost();
    const handlers = createCommandHandlers(host);
    const result = await dispatchCommand(handlers, commandChannels.dialPreview, {
      controlId: '42',
      number: '5551234',
    });
    expect(result).toEqual({ ok: true, value: { callId: 'c-1' } });
    expect(host.desk.calls).toEqual([
      { method: 'dialPreview', req: { controlId: '42', number: '5551234' } },
    ]);
  });

  it('logs a malformed request without its value', async () => {
    const logger = recordingLogger();
    const result = await dispatchCommand(
      createCommandHandlers(fakeHost()),
      commandChannels.signIn,
      { ...signIn, password: 'x'.repeat(33) },
      logger,
    );
    expect(result.ok).toBe(false);
    expect(JSON.stringify(logger.lines)).not.toContain('xxxx');
  });
});

describe('the sign-in handler and the password vault', () => {
  it('uses the saved password when the typed one is empty', async () => {
    const vault = new MemoryPasswordVault();
    vault.save('1001', 'saved-pw');
    const host = fakeHost({ vault });
    const result = await createCommandHandlers(host).signIn({ ...signIn, password: '' });
    expect(result.ok).toBe(true);
    expect(host.desk.calls[0]?.req).toEqual({ ...signIn, password: 'saved-pw', force: false });
  });

  it('refuses an empty password when none is saved for that agent', async () => {
    const vault = new MemoryPasswordVault();
    vault.save('2002', 'other');
    const host = fakeHost({ vault });
    const result = await createCommandHandlers(host).signIn({ ...signIn, password: '' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'invalid-request', detail: 'password: enter the password' },
    });
    expect(host.desk.calls).toEqual([]);
  });

  it('saves the password and remembers agent and phone after a successful sign-in', async () => {
    const vault = new MemoryPasswordVault();
    const host = fakeHost({ vault });
    await createCommandHandlers(host).signIn({ ...signIn, rememberPassword: true, force: true });
    expect(host.desk.calls[0]?.req).toEqual({ ...signIn, force: true });
    expect(vault.load('1001')).toBe('secret');
    const view = host.settings.view();
    expect(view.values.rememberedAgentId).toBe('1001');
    expect(view.values.rememberedPhone).toBe('70001');
    expect(view.hasSavedPassword).toBe(true);
  });

  it('saves nothing when the sign-in fails', async () => {
    const vault = new MemoryPasswordVault();
    const host = fakeHost({ vault });
    host.desk.signInResult = { ok: false, error: { kind: 'already-signed-in' } };
    const result = await createCommandHandlers(host).signIn({ ...signIn, rememberPassword: true });
    expect(result).toEqual({ ok: false, error: { kind: 'already-signed-in' } });
    expect(vault.has('1001')).toBe(false);
    expect(host.settings.values().rememberedAgentId).toBe('');
  });

  it('remembers the agent ID and phone after any successful sign-in, never the password', async () => {
    const vault = new MemoryPasswordVault();
    const host = fakeHost({ vault });
    expect((await createCommandHandlers(host).signIn(signIn)).ok).toBe(true);
    expect(host.settings.values()).toMatchObject({
      rememberedAgentId: '1001',
      rememberedPhone: '70001',
    });
    expect(vault.has('1001')).toBe(false);
    expect(JSON.stringify(host.settings.view())).not.toContain('secret');
  });

  it('forgets the saved password when rememberPassword is false', async () => {
    const vault = new MemoryPasswordVault();
    vault.save('1001', 'old');
    const host = fakeHost({ vault });
    await createCommandHandlers(host).signIn({ ...signIn, rememberPassword: false });
    expect(vault.has('1001')).toBe(false);
  });
});

describe('the other handlers', () => {
  it('shows the settings notice once', async () => {
    const settings = new SettingsService({
      backend: new MemorySettingsBackend(),
      notice: { kind: 'corrupt-file-kept-aside', keptAs: '/s/settings.corrupt-1.json' },
    });
    const handlers = createCommandHandlers(fakeHost({ settings }));
    const first = await handlers.getSettings(undefined);
    const second = await handlers.getSettings(undefined);
    expect(first.ok && first.value.notice).toEqual({
      kind: 'corrupt-file-kept-aside',
      keptAs: '/s/settings.corrupt-1.json',
    });
    expect(second.ok && second.value.notice).toBeNull();
  });

  it('forgets the saved password on request', async () => {
    const vault = new MemoryPasswordVault();
    vault.save('1001', 'pw');
    const handlers = createCommandHandlers(fakeHost({ vault }));
    expect(await handlers.forgetSavedPassword(undefined)).toEqual({ ok: true, value: undefined });
    expect(vault.has('1001')).toBe(false);
  });

  it('answers a connection test with an unreadable CA file as invalid-request', async () => {
    const handlers = createCommandHandlers(
      fakeHost({
        checkConnection: async () => {
          throw new ConnectionSettingsError(
            'ca-file-invalid',
            'The CA file /x does not hold a PEM certificate.',
          );
        },
      }),
    );
    expect(await handlers.testConnection({})).toEqual({
      ok: false,
      error: { kind: 'invalid-request', detail: 'The CA file /x does not hold a PEM certificate.' },
    });
  });

  it('returns the snapshot, the event log and settings updates as Results', async () => {
    const host = fakeHost();
    const handlers = createCommandHandlers(host);
    expect(await handlers.getSnapshot(undefined)).toEqual({ ok: true, value: host.desk.current });
    expect(await handlers.getEventLog(undefined)).toEqual({ ok: true, value: [] });
    const updated = await handlers.updateSettings({ theme: 'dark' });
    expect(updated.ok && updated.value.values.theme).toBe('dark');
  });
});
