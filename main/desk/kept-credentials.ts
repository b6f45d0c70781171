/**
 * The credentials of the signed-in session, kept so the desk can sign in again by itself
 * after a gateway restart, a silence sign-out or a failover (issue #11 §1).
 *
 * Threat: the password leaking out of the main process. It lives only here, in a private
 * field: never in a snapshot, the renderer, the settings, a log line or an error detail.
 * `toJSON` and Node's inspector print a placeholder, so an accidental `JSON.stringify` or
 * `console.log` of a holder shows nothing. `wipe()` drops it on sign-out, on quit/dispose,
 * when the agent signs in by hand, when signing in again ends, and when `autoSignInMinutes`
 * is 0 (then nothing is kept at all). A JavaScript string cannot be overwritten in place:
 * wiping drops the only reference the desk holds, and the garbage collector reclaims it.
 */
export interface Credentials {
  agentId: string;
  phone: string;
  password: string;
}

export class KeptCredentials {
  #kept: Credentials | null = null;

  /** True while a password is kept. */
  get isKept(): boolean {
    return this.#kept !== null;
  }

  /** The agent the credentials belong to (not a secret), or null. */
  get agentId(): string | null {
    return this.#kept?.agentId ?? null;
  }

  keep(credentials: Credentials): void {
    this.#kept = { ...credentials };
  }

  /** A copy for one sign-in request, or null when nothing is kept. */
  take(): Credentials | null {
    return this.#kept === null ? null : { ...this.#kept };
  }

  wipe(): void {
    this.#kept = null;
  }

  toJSON(): string {
    return '[kept credentials]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'KeptCredentials [redacted]';
  }
}
