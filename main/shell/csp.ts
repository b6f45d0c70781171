/**
 * The Content-Security-Policy sent with every `app://` response (STYLE.md §8). Pure: the
 * protocol handler and the tests share it, so the header the page gets is the one tested.
 */

/** The production policy, exactly as STYLE.md §8 states it. */
export const productionCsp =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

/**
 * The policy for a given build. In development the page comes from the Vite dev server,
 * so its origin (scripts, hot-module reload) and its websocket are added — and nothing else
 * (STYLE.md §8: "The dev policy adds only the Vite origin and its websocket").
 *
 * @param devServerUrl the Vite URL in development, `null` in production.
 */
export function contentSecurityPolicy(devServerUrl: string | null): string {
  if (devServerUrl === null) return productionCsp;
  const origin = new URL(devServerUrl).origin;
  const ws = origin.replace(/^http/, 'ws');
  return productionCsp
    .replace("script-src 'self'", `script-src 'self' ${origin}`)
    .replace("style-src 'self'", `style-src 'self' ${origin}`)
    .replace("connect-src 'self'", `connect-src 'self' ${origin} ${ws}`);
}
