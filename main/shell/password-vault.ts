/**
 * The remembered password, encrypted by the OS (safeStorage: DPAPI on Windows, Keychain on
 * macOS, libsecret/kwallet on Linux). STYLE.md §8: a remembered password only ever through
 * safeStorage; the store holds base64 ciphertext, never plain text. Pure apart from the two
 * injected ports, so it is tested with a fake cipher.
 */
import type { DeskLogger } from '../desk/logger';
import type { PasswordVault } from '../settings/service';

/** The part of Electron's `safeStorage` the vault uses. */
export interface OsCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the key (`basic_text` = none). */
  getSelectedStorageBackend?(): string;
}

/** Where the ciphertexts live (the settings store's `passwords` key). */
export interface CipherStore {
  get(): Record<string, string>;
  set(value: Record<string, string>): void;
}

/**
 * True when saving a password is safe on this host. On Linux without a keyring Chromium
 * falls back to `basic_text` — a fixed key, i.e. plain text in practice — so that counts as
 * unavailable and the sign-in form hides "remember password".
 */
export function canUseOsCipher(cipher: OsCipher, platform: NodeJS.Platform): boolean {
  if (!cipher.isEncryptionAvailable()) return false;
  if (platform !== 'linux' || cipher.getSelectedStorageBackend === undefined) return true;
  const backend = cipher.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/**
 * A PasswordVault over the OS cipher. One password is kept (for the remembered agent):
 * saving for an agent replaces any other. When the cipher is unavailable the vault is
 * inert (`available` false, `save` refuses by throwing, nothing is ever written).
 */
export function createSafeStorageVault(opts: {
  cipher: OsCipher;
  store: CipherStore;
  platform: NodeJS.Platform;
  logger: DeskLogger;
}): PasswordVault {
  const { cipher, store, logger } = opts;
  const available = canUseOsCipher(cipher, opts.platform);
  return {
    available,
    has: (agentId) => available && Object.hasOwn(store.get(), agentId),
    load(agentId) {
      if (!available) return null;
      const encoded = store.get()[agentId];
      if (encoded === undefined) return null;
      try {
        return cipher.decryptString(Buffer.from(encoded, 'base64'));
      } catch (error) {
        // The OS key changed (profile restored, keychain reset): the ciphertext is useless.
        // Forget it so the agent is asked to type the password, and say why in the log.
        logger.warn('shell:saved-password-unreadable', { error: String(error) });
        store.set({});
        return null;
      }
    },
    save(agentId, password) {
      if (!available) {
        throw new Error('OS encryption is not available: a password is never stored plain');
      }
      store.set({ [agentId]: cipher.encryptString(password).toString('base64') });
    },
    clear() {
      store.set({});
    },
  };
}
