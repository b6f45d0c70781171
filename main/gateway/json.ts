/**
 * A small lossless JSON parser. Same output as `JSON.parse` except that an integer literal
 * outside `Number.isSafeInteger` comes back as its exact source text (a string). Needed
 * because the preview `controlid` is a Java long (§5.1, §7.1): some gateways send it as a
 * bare number, and Node 20's `JSON.parse` reviver cannot see the source text.
 */

/** Thrown for malformed input; `position` is the 0-based offset of the problem. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    readonly detail: string,
    readonly position: number,
  ) {
    super(`${detail} at position ${position}`);
  }
}

/** Deeper nesting than this is refused instead of risking a stack overflow. */
const MAX_DEPTH = 256;

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Parses `text` like `JSON.parse`, keeping unsafe integers as exact digit strings. */
export function parseJsonLossless(text: string): unknown {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.pos !== text.length) parser.fail('Unexpected data after the JSON value');
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(detail: string): never {
    throw new JsonSyntaxError(detail, this.pos);
  }

  skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      // JSON whitespace is exactly space, tab, LF and CR.
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos += 1;
    }
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail('JSON nested too deeply');
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        return this.fail(c === undefined ? 'Unexpected end of JSON' : `Unexpected '${c}'`);
    }
  }

  private literal<T>(word: string, result: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('Invalid literal');
    this.pos += word.length;
    return result;
  }

  private number(): number | string {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail('Invalid number');
    this.pos += m[0].length;
    const n = Number(m[0]);
    const isIntegerLiteral = m[1] === undefined && m[2] === undefined;
    // The one deviation from JSON.parse: keep every digit of a big integer (a Java long).
    if (isIntegerLiteral && !Number.isSafeInteger(n)) return m[0];
    return n;
  }

  private string(): string {
    const t = this.text;
    this.pos += 1; // opening quote
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('Unterminated string');
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos);
        this.pos += 1;
        return out;
      }
      if (c < 0x20) this.fail('Control character in string');
      if (c === 0x5c) {
        out += t.slice(start, this.pos);
        out += this.escape();
        start = this.pos;
        continue;
      }
      this.pos += 1;
    }
  }

  private escape(): string {
    const e = this.text[this.pos + 1];
    if (e === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid unicode escape');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const mapped = e === undefined ? undefined : ESCAPES[e];
    if (mapped === undefined) this.fail('Invalid escape');
    this.pos += 2;
    return mapped;
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      out.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === ']') return out;
      if (c !== ',') {
        this.pos -= 1;
        this.fail("Expected ',' or ']'");
      }
    }
  }

  private object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('Expected a property name');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail("Expected ':'");
      this.pos += 1;
      this.skipWhitespace();
      const value = this.value(depth + 1);
      // defineProperty, not assignment: a "__proto__" key must stay a plain own property,
      // exactly as JSON.parse makes it (and must not swap the prototype).
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === '}') return out;
      if (c !== ',') {
        this.pos -= 1;
        this.fail("Expected ',' or '}'");
      }
    }
  }
}
