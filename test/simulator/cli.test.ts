import { spawn } from 'node:child_process';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from './cli';

/** Run the CLI; resolve with its first stdout line (or its exit code and stderr). */
function runCli(
  args: string[],
): Promise<{ line: string | null; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'test/simulator/cli.ts', ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: npx does not pass signals on, so the whole group is signalled.
      detached: true,
    });
    const stop = (): void => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    };
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    let first: string | null = null;
    lines.once('line', (line) => {
      first = line;
      stop();
    });
    child.on('error', reject);
    // `close` waits for the pipes, i.e. for the simulator process itself to end.
    child.on('close', (code) => resolve({ line: first, code, stderr }));
  });
}

describe('simulator CLI', () => {
  it('prints one JSON line with url, ca, control and agents, and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-cli-'));
    const caOut = join(dir, 'site-ca.pem');
    const { line, stderr } = await runCli(['--port', '0', '--authmode', '1', '--ca-out', caOut]);
    expect(stderr).toBe('');
    const out = JSON.parse(line ?? '') as {
      url: string;
      node: number;
      ca: string;
      control: string;
      agents: Array<{ id: string; password: string; phone: string }>;
    };
    expect(out.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(out.control).toBe(`${out.url}/__sim`);
    expect(out.node).toBe(0);
    expect(out.ca).toBe(caOut);
    expect(await readFile(caOut, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
    expect(out.agents[0]).toEqual({ id: '101', password: 'pw101', phone: '8101' });
  });

  it('exits 2 with a message on a bad flag', async () => {
    const bad = await runCli(['--authmode', '3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--authmode/);
    const unknown = await runCli(['--nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/usage/);
  });
});

describe('simulator CLI flags (parseCli)', () => {
  it('maps each flag to its in-process option', () => {
    expect(parseCli([]).opts).toEqual({ port: 8043, authMode: 2, previewEveryMs: null });
    expect(parseCli(['--success-message', 'success']).opts.successMessage).toBe('success');
    expect(parseCli(['--success-message', '']).opts.successMessage).toBe('');
    expect(parseCli(['--poll-hold-ms', '45000']).opts.pollHoldMs).toBe(45_000);
  });

  it('refuses bad values with a UsageError naming the flag', () => {
    expect(() => parseCli(['--poll-hold-ms', '0'])).toThrow(/--poll-hold-ms/);
    expect(() => parseCli(['--port', 'x'])).toThrow(UsageError);
    expect(() => parseCli(['--ca-out', ''])).toThrow(/--ca-out/);
  });
});

describe('simulator CLI path flags', () => {
  it('sets strictPaths both ways and refuses both at once', () => {
    expect(parseCli(['--strict-paths']).opts.strictPaths).toBe(true);
    expect(parseCli(['--lenient-paths']).opts.strictPaths).toBe(false);
    expect(() => parseCli(['--strict-paths', '--lenient-paths'])).toThrow(/contradict/);
  });
});

describe('simulator CLI callinfo flags', () => {
  it('sets callinfoLastCall both ways and refuses both at once', () => {
    expect(parseCli(['--callinfo-last-call']).opts.callinfoLastCall).toBe(true);
    expect(parseCli(['--callinfo-legacy']).opts.callinfoLastCall).toBe(false);
    expect(() => parseCli(['--callinfo-last-call', '--callinfo-legacy'])).toThrow(/contradict/);
  });
});

describe('simulator CLI poll-hold flags', () => {
  it('takes --long-poll-hold-ms and its older name --poll-hold-ms', () => {
    expect(parseCli(['--long-poll-hold-ms', '45000']).opts.longPollHoldMs).toBe(45_000);
    expect(parseCli(['--poll-hold-ms', '45000']).opts.pollHoldMs).toBe(45_000);
    expect(parseCli(['--poll-hold-ms', '5', '--long-poll-hold-ms', '5']).opts.pollHoldMs).toBe(5);
    expect(() => parseCli(['--poll-hold-ms', '5', '--long-poll-hold-ms', '6'])).toThrow(UsageError);
  });
});

describe('simulator CLI Guid flags', () => {
  it('sets guidSetOnce both ways, the grace and the rotation', () => {
    expect(parseCli(['--guid-set-once']).opts.guidSetOnce).toBe(true);
    expect(parseCli(['--guid-set-repeat']).opts.guidSetOnce).toBe(false);
    expect(() => parseCli(['--guid-set-once', '--guid-set-repeat'])).toThrow(/contradict/);
    const o = parseCli(['--guid-grace-ms', '5000', '--guid-rotate-ms', '1000']).opts;
    expect([o.guidGraceMs, o.guidRotateMs]).toEqual([5000, 1000]);
  });
});

describe('simulator CLI preview-event flag', () => {
  it('takes each script and refuses others', () => {
    for (const v of ['callout', 'preview-then-callout', 'preview-only', 'callout-then-preview']) {
      expect(parseCli(['--preview-event', v]).opts.previewEvent).toBe(v);
    }
    expect(() => parseCli(['--preview-event', 'both'])).toThrow(/--preview-event/);
  });
});

describe('simulator CLI release-preview flags', () => {
  it('sets releasePreviewLate and its moment', () => {
    expect(parseCli([]).opts.releasePreviewLate).toBeUndefined();
    expect(parseCli(['--release-preview-late']).opts.releasePreviewLate).toBe(true);
    expect(
      parseCli(['--release-preview-late', '--release-preview-moment', 'after-call']).opts
        .releasePreviewLate,
    ).toBe('after-call');
    expect(parseCli(['--release-preview-moment', 'after-dial']).opts.releasePreviewLate).toBe(
      'after-dial',
    );
    expect(() => parseCli(['--release-preview-moment', 'never'])).toThrow(UsageError);
  });
});

describe('simulator CLI after-call flag', () => {
  it('takes wrap-up or ready', () => {
    expect(parseCli(['--after-call', 'wrap-up']).opts.afterCall).toBe('wrap-up');
    expect(parseCli(['--after-call', 'ready']).opts.afterCall).toBe('ready');
    expect(() => parseCli(['--after-call', 'busy'])).toThrow(/--after-call/);
  });
});

describe('simulator CLI sign-out flags', () => {
  it('takes the logout-in-call and repeated-logout codes', () => {
    expect(parseCli(['--logout-in-call-code', '100-010']).opts.logoutInCallCode).toBe('100-010');
    expect(parseCli(['--repeated-logout-code', '100-008']).opts.repeatedLogoutCode).toBe('100-008');
    expect(() => parseCli(['--logout-in-call-code', 'x'])).toThrow(UsageError);
    expect(() => parseCli(['--repeated-logout-code', '100-010'])).toThrow(UsageError);
  });
});

describe('simulator CLI empty-result-on-dial flag', () => {
  it('sets emptyResultOnDial', () => {
    expect(parseCli(['--empty-result-on-dial']).opts.emptyResultOnDial).toBe(true);
    expect(parseCli([]).opts.emptyResultOnDial).toBeUndefined();
  });
});

describe('simulator CLI force-not-ready flags', () => {
  it('sets forceNotReady and forceNotReadyNull', () => {
    expect(parseCli(['--force-not-ready']).opts.forceNotReady).toBe(true);
    expect(parseCli(['--force-not-ready-null']).opts.forceNotReadyNull).toBe(true);
  });
});

describe('simulator CLI event-array flag', () => {
  it('sets eventArray', () => {
    expect(parseCli(['--event-array']).opts.eventArray).toBe(true);
  });
});

describe('simulator CLI flags of the older options', () => {
  it('sets callStepMs, signInDelayMs, eventGenTime and forceLoginAllowed', () => {
    const o = parseCli([
      '--call-step-ms',
      '5',
      '--sign-in-delay-ms',
      '0',
      '--omit-event-gen-time',
      '--refuse-force-login',
    ]).opts;
    expect(o).toMatchObject({
      callStepMs: 5,
      signInDelayMs: 0,
      eventGenTime: false,
      forceLoginAllowed: false,
    });
  });
});

describe('simulator CLI queue flags', () => {
  it('sets acdStatAsText', () => {
    expect(parseCli(['--acd-stat-as-text']).opts.acdStatAsText).toBe(true);
  });
});

describe('simulator CLI node flag', () => {
  it('sets the node of a backup gateway', () => {
    expect(parseCli(['--node', '1']).opts.node).toBe(1);
    expect(() => parseCli(['--node', '100'])).toThrow(UsageError);
  });
});
