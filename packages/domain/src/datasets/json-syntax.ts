// JSON.parse says *that* text is broken but not reliably *where*; this scanner finds the first
// syntax error's line and column so a person can open the file at that line.

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

const MAX_DEPTH = 512;

/** The first syntax error in `text` (which JSON.parse already refused), or null if it is valid. */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value(0);
    scanner.skipSpace();
    if (scanner.i < text.length) scanner.fail("unexpected text after the end of the JSON value");
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxAt)) throw error;
    return { ...lineAndColumn(text, error.at), message: error.message };
  }
}

export function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

class SyntaxAt extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new SyntaxAt(this.i, message);
  }

  skipSpace() {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  private describeHere(): string {
    if (this.i >= this.text.length) return "the file ends";
    const ch = String.fromCodePoint(this.text.codePointAt(this.i)!);
    return `found ${JSON.stringify(ch)}`;
  }

  value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail("nested too deeply");
    const c = this.text[this.i];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (c === "'") this.fail("strings must use double quotes, found a single quote");
    this.fail(`expected a value, ${this.describeHere()}`);
  }

  private object(depth: number) {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "}") {
      this.i++;
      return;
    }
    for (;;) {
      if (this.text[this.i] !== '"') {
        this.fail(`expected a property name in double quotes, ${this.describeHere()}`);
      }
      this.string();
      this.skipSpace();
      if (this.text[this.i] !== ":") this.fail(`expected ":" after the property name, ${this.describeHere()}`);
      this.i++;
      this.skipSpace();
      this.value(depth + 1);
      if (this.isClosedAfterItem("}", "an object")) return;
    }
  }

  private array(depth: number) {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "]") {
      this.i++;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      if (this.isClosedAfterItem("]", "an array")) return;
    }
  }

  /** After an object member or array item: a comma (more follow) or the closing bracket (done). */
  private isClosedAfterItem(close: "}" | "]", container: string): boolean {
    this.skipSpace();
    const c = this.text[this.i];
    if (c === ",") {
      this.i++;
      this.skipSpace();
      if (this.text[this.i] === close) this.fail(`trailing comma before "${close}"`);
      return false;
    }
    if (c === close) {
      this.i++;
      return true;
    }
    this.fail(`expected "," or "${close}" in ${container}, ${this.describeHere()}`);
  }

  private string() {
    const t = this.text;
    this.i++;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        return;
      }
      if (c === 92) {
        const next = t[this.i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6))) this.fail("invalid \\u escape in a string");
          this.i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) this.fail("invalid escape in a string");
        this.i += 2;
        continue;
      }
      if (c < 32) this.fail(c === 10 ? "a string is not closed before the end of the line" : "control character in a string");
      this.i++;
    }
    this.fail("a string is not closed before the end of the file");
  }

  private number() {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!match || match[0] === "-") this.fail("invalid number");
    this.i += match[0].length;
  }
}
