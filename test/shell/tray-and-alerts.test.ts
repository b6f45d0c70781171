import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { DeskLogger } from '../../main/desk/logger';
import { watchPower } from '../../main/shell/power';
import {
  newPreviewIds,
  notificationText,
  notifySkip,
  shouldFlash,
} from '../../main/shell/preview-alert';
import { readShellEnv } from '../../main/shell/shell-env';
import { trayState } from '../../main/shell/tray-state';
import { call, snapshot } from './fixtures';

function recorder(): DeskLogger & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    info: (event) => events.push(event),
    warn: (event) => events.push(event),
    error: (event) => events.push(event),
  };
}

describe('trayState', () => {
  it('shows offline while signed out or signing in', () => {
    expect(trayState(snapshot({ phase: 'signed-out' }))).toEqual({
      icon: 'offline',
      tooltip: 'Agent Desk: Signed out',
    });
    expect(trayState(snapshot({ phase: 'signing-in' })).icon).toBe('offline');
  });

  it('says the desk is signing in again by itself (issue #11), in both languages', () => {
    const s = snapshot({ phase: 'signing-in-again', health: 'reconnecting' });
    expect(trayState(s)).toEqual({
      icon: 'offline',
      tooltip: 'Agent Desk (1001): Signing in again…',
    });
    expect(trayState(s, 'zh-CN').tooltip).toContain('正在重新签入');
  });

  it('follows the agent state when signed in and connected', () => {
    expect(trayState(snapshot({ agent: 'ready' }))).toEqual({
      icon: 'ready',
      tooltip: 'Agent Desk (1001): Ready',
    });
    expect(trayState(snapshot({ agent: 'rest' })).icon).toBe('rest');
    expect(trayState(snapshot({ agent: 'not-ready' })).icon).toBe('busy');
    expect(trayState(snapshot({ agent: 'wrap-up' })).tooltip).toContain('Wrap-up');
  });

  it('shows busy during a live call whatever the agent state says', () => {
    const s = snapshot({ agent: 'ready', call: call('talking') });
    expect(trayState(s)).toMatchObject({ icon: 'busy', tooltip: 'Agent Desk (1001): On a call' });
    expect(trayState(snapshot({ agent: 'ready', call: call('ended') })).icon).toBe('ready');
  });

  it('shows offline when the connection is lost or reconnecting', () => {
    expect(trayState(snapshot({ health: 'lost' })).tooltip).toContain('Connection lost');
    expect(trayState(snapshot({ health: 'reconnecting' })).icon).toBe('offline');
    expect(trayState(snapshot({ health: 'degraded' })).icon).toBe('ready');
  });

  it('counts waiting previews, in both languages', () => {
    expect(trayState(snapshot({ previews: ['1'] })).tooltip).toBe(
      'Agent Desk (1001): Ready — 1 preview waiting',
    );
    expect(trayState(snapshot({ previews: ['1', '2'] })).tooltip).toContain('2 previews waiting');
    expect(trayState(snapshot({ previews: ['1', '2'] }), 'zh-CN').tooltip).toBe(
      'Agent Desk (1001): 空闲 — 2 个预览等待处理',
    );
  });
});

describe('preview alerts', () => {
  it('finds previews that are new since the last snapshot', () => {
    expect(
      newPreviewIds(snapshot({ previews: ['1'] }), snapshot({ previews: ['1', '2'] })),
    ).toEqual(['2']);
    expect(
      newPreviewIds(snapshot({ previews: ['1', '2'] }), snapshot({ previews: ['2'] })),
    ).toEqual([]);
    expect(newPreviewIds(null, snapshot({ previews: ['7'] }))).toEqual(['7']);
  });

  it('flashes only for a new preview while the window is unfocused', () => {
    const before = snapshot({ previews: [] });
    const after = snapshot({ previews: ['1'] });
    expect(shouldFlash(before, after, false)).toBe(true);
    expect(shouldFlash(before, after, true)).toBe(false);
    expect(shouldFlash(after, after, false)).toBe(false);
  });

  it('shows the renderer’s notification only when unfocused, enabled and supported', () => {
    const request = { kind: 'preview' as const, title: 'New preview', body: '5550100' };
    const base = { request, windowFocused: false, notifyOnPreview: true, supported: true };
    expect(notifySkip(base)).toBeNull();
    expect(notifySkip({ ...base, windowFocused: true })).toBe('window-focused');
    expect(notifySkip({ ...base, notifyOnPreview: false })).toBe('disabled');
    expect(notifySkip({ ...base, supported: false })).toBe('unsupported');
    const long = notificationText({ ...request, body: 'x'.repeat(500) });
    expect(long.body).toHaveLength(180);
    expect(long.body.endsWith('…')).toBe(true);
  });
});

describe('power events', () => {
  it('re-syncs the desk on resume and never signs out on lock', async () => {
    const monitor = new EventEmitter();
    const desk = { resume: vi.fn(), signOut: vi.fn() };
    const logger = recorder();
    const unwatch = watchPower(monitor, desk, logger);
    monitor.emit('suspend');
    monitor.emit('lock-screen');
    monitor.emit('unlock-screen');
    expect(desk.resume).not.toHaveBeenCalled();
    monitor.emit('resume');
    expect(desk.resume).toHaveBeenCalledTimes(1);
    expect(desk.signOut).not.toHaveBeenCalled();
    unwatch();
    monitor.emit('resume');
    expect(desk.resume).toHaveBeenCalledTimes(1);
    expect(monitor.eventNames()).toEqual([]);
  });

  it('logs a failed resume instead of losing it', async () => {
    const monitor = new EventEmitter();
    const logger = recorder();
    watchPower(monitor, { resume: () => Promise.reject(new Error('boom')) }, logger);
    monitor.emit('resume');
    await vi.waitFor(() => expect(logger.events).toContain('shell:resume-failed'));
  });
});

describe('shell environment', () => {
  const env = {
    ELECTRON_RENDERER_URL: 'http://localhost:5173',
    AGENT_DESK_GATEWAY_URL: 'https://127.0.0.1:8043',
    AGENT_DESK_CA_FILE: '/tmp/ca.pem',
    AGENT_DESK_USER_DATA: '/tmp/profile',
  };

  it('reads the simulator switches in an unpackaged run', () => {
    expect(readShellEnv(env, false)).toEqual({
      isDevelopment: true,
      devServerUrl: 'http://localhost:5173',
      gatewayUrl: 'https://127.0.0.1:8043',
      caFile: '/tmp/ca.pem',
      userDataDir: '/tmp/profile',
    });
  });

  it('ignores every switch in a packaged app', () => {
    expect(readShellEnv(env, true)).toEqual({
      isDevelopment: false,
      devServerUrl: null,
      gatewayUrl: null,
      caFile: null,
      userDataDir: null,
    });
  });

  it('accepts only a loopback dev server', () => {
    const remote = { ...env, ELECTRON_RENDERER_URL: 'http://evil.example:5173' };
    expect(readShellEnv(remote, false).devServerUrl).toBeNull();
    expect(readShellEnv({}, false).devServerUrl).toBeNull();
  });
});
