/**
 * Environment switches of the shell (pure). Development and test runs (an unpackaged app:
 * `electron out/main/index.js`, Playwright `_electron`) may point the desk at a simulator;
 * a packaged app ignores every one of them (threat: an environment variable silently
 * redirecting agents to a rogue gateway or another profile).
 *
 * | variable                | effect (unpackaged only)                                  |
 * |-------------------------|-----------------------------------------------------------|
 * | `ELECTRON_RENDERER_URL` | load the renderer from the Vite dev server (loopback only) |
 * | `AGENT_DESK_GATEWAY_URL`| gateway URL applied to the settings at start              |
 * | `AGENT_DESK_CA_FILE`    | PEM file of the gateway's CA applied to the settings      |
 * | `AGENT_DESK_USER_DATA`  | profile folder (settings, logs) instead of the default    |
 */

/** The shell's view of its environment. */
export interface ShellEnv {
  isDevelopment: boolean;
  devServerUrl: string | null;
  gatewayUrl: string | null;
  caFile: string | null;
  userDataDir: string | null;
}

function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
    );
  } catch {
    // Not a URL: treated as absent (the production UI is used).
    return false;
  }
}

/** Reads the switches; a packaged app gets production values whatever the environment. */
export function readShellEnv(env: NodeJS.ProcessEnv, isPackaged: boolean): ShellEnv {
  if (isPackaged) {
    return {
      isDevelopment: false,
      devServerUrl: null,
      gatewayUrl: null,
      caFile: null,
      userDataDir: null,
    };
  }
  const nonEmpty = (value: string | undefined): string | null =>
    value === undefined || value.trim() === '' ? null : value.trim();
  const renderer = nonEmpty(env['ELECTRON_RENDERER_URL']);
  return {
    isDevelopment: true,
    devServerUrl: renderer !== null && isLoopbackHttp(renderer) ? renderer : null,
    gatewayUrl: nonEmpty(env['AGENT_DESK_GATEWAY_URL']),
    caFile: nonEmpty(env['AGENT_DESK_CA_FILE']),
    userDataDir: nonEmpty(env['AGENT_DESK_USER_DATA']),
  };
}
