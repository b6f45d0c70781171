/**
 * Navigation and external-link rules (STYLE.md §8). Pure: origins are compared as parsed
 * `URL` origins, never by string prefix (`app://desk.evil` must not pass as `app://desk`).
 */
import { appOrigin } from './app-url';

/** Parsed origin of a URL, or null when it does not parse or has no origin. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Non-special schemes report origin "null"; rebuild it for our own scheme.
    if (parsed.protocol === 'app:') return `app://${parsed.host}`;
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    // An unparsable URL has no origin: the caller refuses it (that is the visible outcome).
    return null;
  }
}

/**
 * True when the window may navigate to `url`: our `app://desk` origin, or in development
 * the Vite dev server's origin. Everything else is blocked (threat: a link or a compromised
 * page taking the window — which holds the desk bridge — to a foreign site).
 */
export function isAllowedNavigation(url: string, devServerUrl: string | null = null): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  if (origin === appOrigin) return true;
  return devServerUrl !== null && origin === originOf(devServerUrl);
}

/**
 * True when `url` may be handed to the OS browser: `https:` only, with a host and no
 * credentials (threat: `file:`, `smb:` or custom protocol handlers launching programs).
 */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.hostname !== '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    // Not a URL: never opened (the caller reports the refusal).
    return false;
  }
}
