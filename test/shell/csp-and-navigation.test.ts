import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, productionCsp } from '../../main/shell/csp';
import { isAllowedNavigation, isSafeExternalUrl } from '../../main/shell/navigation';

describe('content security policy', () => {
  it('is exactly the STYLE.md §8 policy in production', () => {
    expect(contentSecurityPolicy(null)).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(productionCsp).toBe(contentSecurityPolicy(null));
  });

  it('adds only the Vite origin and its websocket in development', () => {
    const dev = contentSecurityPolicy('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' http://localhost:5173;");
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173;");
    const added = dev
      .split(' ')
      .filter((token) => !productionCsp.split(' ').includes(token))
      .map((token) => token.replace(/;$/, ''));
    expect(new Set(added)).toEqual(new Set(['http://localhost:5173', 'ws://localhost:5173']));
    expect(dev).toContain("default-src 'none'");
  });
});

describe('navigation guard', () => {
  it('allows our app:// origin', () => {
    expect(isAllowedNavigation('app://desk/index.html')).toBe(true);
    expect(isAllowedNavigation('app://desk/settings#x')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'app://desk.evil/index.html',
    'app://evil/index.html',
    'file:///etc/passwd',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'not a url',
    '',
  ])('blocks %s in production', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('allows the Vite origin only when it is the configured dev server', () => {
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
  });

  it('opens only https links externally', () => {
    expect(isSafeExternalUrl('https://support.example.com/help')).toBe(true);
    for (const url of [
      'http://example.com/',
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
      'ms-settings:privacy',
      'https://user:pw@example.com/',
      'javascript:alert(1)',
      'nonsense',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
