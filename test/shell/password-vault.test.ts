import { describe, expect, it, vi } from 'vitest';
import {
  canUseOsCipher,
  createSafeStorageVault,
  type CipherStore,
  type OsCipher,
} from '../../main/shell/password-vault';

/** A reversible stand-in for the OS cipher (XOR + marker), so plain text never matches. */
function fakeCipher(available = true, backend = 'gnome_libsecret'): OsCipher {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(Buffer.from(`v10${plain}`, 'utf8').map((b) => b ^ key)),
    decryptString: (encrypted) => {
      const text = Buffer.from(encrypted.map((b) => b ^ key)).toString('utf8');
      if (!text.startsWith('v10')) throw new Error('Error while decrypting the ciphertext');
      return text.slice(3);
    },
    getSelectedStorageBackend: () => backend,
  };
}

function memoryStore(): CipherStore & { value: Record<string, string> } {
  return {
    value: {},
    get() {
      return { ...this.value };
    },
    set(value) {
      this.value = { ...value };
    },
  };
}

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('password vault over safeStorage', () => {
  it('stores base64 ciphertext, never the password, and reads it back', () => {
    const store = memoryStore();
    const vault = createSafeStorageVault({
      cipher: fakeCipher(),
      store,
      platform: 'win32',
      logger,
    });
    expect(vault.available).toBe(true);
    vault.save('1001', 'Pa55-word!');
    const stored = store.value['1001'] ?? '';
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(store.value)).not.toContain('Pa55-word!');
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain('Pa55');
    expect(vault.has('1001')).toBe(true);
    expect(vault.load('1001')).toBe('Pa55-word!');
    expect(vault.has('1002')).toBe(false);
    expect(vault.load('1002')).toBeNull();
  });

  it('keeps one password: saving for another agent replaces it; clear forgets it', () => {
    const store = memoryStore();
    const vault = createSafeStorageVault({
      cipher: fakeCipher(),
      store,
      platform: 'darwin',
      logger,
    });
    vault.save('1001', 'a');
    vault.save('1002', 'b');
    expect(Object.keys(store.value)).toEqual(['1002']);
    vault.clear();
    expect(store.value).toEqual({});
    expect(vault.has('1002')).toBe(false);
  });

  it('is unavailable, and never writes, when the OS cannot encrypt', () => {
    const store = memoryStore();
    const vault = createSafeStorageVault({
      cipher: fakeCipher(false),
      store,
      platform: 'win32',
      logger,
    });
    expect(vault.available).toBe(false);
    expect(() => vault.save('1001', 'pw')).toThrow(/never stored plain/);
    expect(store.value).toEqual({});
  });

  it('treats Linux without a keyring (basic_text) as unavailable', () => {
    expect(canUseOsCipher(fakeCipher(true, 'basic_text'), 'linux')).toBe(false);
    expect(canUseOsCipher(fakeCipher(true, 'kwallet5'), 'linux')).toBe(true);
    expect(canUseOsCipher(fakeCipher(true, 'basic_text'), 'win32')).toBe(true);
  });

  it('forgets a ciphertext the OS can no longer decrypt, and logs why', () => {
    const store = memoryStore();
    store.value = { '1001': Buffer.from('garbage').toString('base64') };
    const vault = createSafeStorageVault({
      cipher: fakeCipher(),
      store,
      platform: 'win32',
      logger,
    });
    expect(vault.load('1001')).toBeNull();
    expect(store.value).toEqual({});
    expect(logger.warn).toHaveBeenCalledWith('shell:saved-password-unreadable', expect.anything());
  });
});
