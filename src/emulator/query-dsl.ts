/**
 * Parser for DCI's `query=` DSL (REST reference §3.4). Syntax only: it knows nothing of columns
 * or types; `query-language.ts` checks fields and evaluates the tree.
 *
 * DCI parses the DSL with pyparsing 2, and the emulator reproduces what that parser does rather
 * than what the grammar suggests:
 * - whitespace before every token is skipped, but a VALUE keeps the spaces inside and after it;
 * - tabs are expanded to spaces (8-column stops) before parsing, so a tab inside a value becomes
 *   spaces;
 * - the parse is not anchored at the end: whatever follows a complete expression is ignored;
 * - keywords need no word boundary (`eqx(` fails at the `x`, not at `eqx`);
 * - after the first op of an op list, a `null(f)` may follow without a comma (`eq(a,1)null(b)`);
 * - every failure is reported as the top-level alternative's "Expected …" text at the position
 *   reached by the alternative that got furthest.
 */

/** A binary DSL operator. */
export type DslBinOp =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'like'
  | 'ilike'
  | 'contains'
  | 'not_contains';

/** A parsed DSL expression. `logic` operands keep their number (`not` arity is checked later). */
export type DslNode =
  | { kind: 'logic'; op: 'and' | 'or' | 'not'; operands: DslNode[] }
  | { kind: 'binop'; op: DslBinOp; field: string; value: string }
  | { kind: 'null'; field: string };

/** A DSL syntax error: `message` is the pyparsing-style text DCI appends to its own prefix. */
export class DslSyntaxError extends Error {
  constructor(
    /** Offset (in the tab-expanded text) where the furthest alternative failed. */
    readonly loc: number,
    message: string,
  ) {
    super(message);
    this.name = 'DslSyntaxError';
  }
}

const BINOPS: readonly DslBinOp[] = [
  'contains',
  'eq',
  'ge',
  'gt',
  'ilike',
  'le',
  'like',
  'lt',
  'ne',
  'not_contains',
];
const LOGIC = ['and', 'not', 'or'] as const;
const FIELD_CHARS = /[A-Za-z0-9_]/;
const VALUE_CHARS = /[A-Za-z0-9_ %.:/-]/;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

// The "Expected …" text, written the way pyparsing 2 prints the grammar's top alternative.
const OP_DESC = `{${BINOPS.join(' | ')} Suppress:("(") W:(ABCD...) Suppress:(",") W:(ABCD...) Suppress:(")")}`;
const UOP_DESC = '{null Suppress:("(") W:(ABCD...) Suppress:(")")}';
const OPS_DESC = `{Group:({${OP_DESC} | ${UOP_DESC}}) [Group:({{Suppress:(",") ${OP_DESC}} | ${UOP_DESC}})]...}`;
const ITEM_DESC = `{${OPS_DESC} | Group:(Forward: ...)}`;
const TOP_DESC = `{${OPS_DESC} | {${LOGIC.join(' | ')} Suppress:("(") ${ITEM_DESC} [{Suppress:(",") ${ITEM_DESC}}]... Suppress:(")")}}`;

/** Internal failure marker: where an alternative stopped matching. */
class Fail {
  constructor(readonly loc: number) {}
}

/** Python's `str.expandtabs(8)`, which pyparsing applies before parsing. */
function expandTabs(s: string): string {
  let out = '';
  let column = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const pad = 8 - (column % 8);
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += ch;
      column = ch === '\n' || ch === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

class Parser {
  constructor(private readonly s: string) {}

  private skip(loc: number): number {
    let i = loc;
    while (i < this.s.length && WHITESPACE.has(this.s[i]!)) i++;
    return i;
  }

  private literal(ch: string, loc: number): number {
    const i = this.skip(loc);
    if (this.s[i] !== ch) throw new Fail(i);
    return i + 1;
  }

  private keyword<K extends string>(words: readonly K[], loc: number): [K, number] {
    const i = this.skip(loc);
    let best: K | undefined;
    for (const w of words) {
      if (this.s.startsWith(w, i) && (best === undefined || w.length > best.length)) best = w;
    }
    if (best === undefined) throw new Fail(i);
    return [best, i + best.length];
  }

  private word(chars: RegExp, loc: number): [string, number] {
    const start = this.skip(loc);
    let i = start;
    while (i < this.s.length && chars.test(this.s[i]!)) i++;
    if (i === start) throw new Fail(start);
    return [this.s.slice(start, i), i];
  }

  /** pyparsing MatchFirst: the first alternative that matches, else the furthest failure. */
  private first<R>(loc: number, ...alternatives: ((loc: number) => R)[]): R {
    let furthest = -1;
    for (const alt of alternatives) {
      try {
        return alt(loc);
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        furthest = Math.max(furthest, e.loc);
      }
    }
    throw new Fail(furthest);
  }

  /** BINOP "(" FIELD "," VALUE ")" */
  private op(loc: number): [DslNode, number] {
    const [op, a] = this.keyword(BINOPS, loc);
    const [field, b] = this.word(FIELD_CHARS, this.literal('(', a));
    const [value, c] = this.word(VALUE_CHARS, this.literal(',', b));
    return [{ kind: 'binop', op, field, value }, this.literal(')', c)];
  }

  /** "null" "(" FIELD ")" */
  private uop(loc: number): [DslNode, number] {
    const [, a] = this.keyword(['null'], loc);
    const [field, b] = this.word(FIELD_CHARS, this.literal('(', a));
    return [{ kind: 'null', field }, this.literal(')', b)];
  }

  /** op ("," op | null-op)* — the flat list pyparsing groups one op at a time. */
  private ops(loc: number): [DslNode[], number] {
    const [firstNode, a] = this.first(
      loc,
      (l) => this.op(l),
      (l) => this.uop(l),
    );
    const nodes = [firstNode];
    let at = a;
    for (;;) {
      try {
        const [node, next] = this.first(
          at,
          (l) => this.op(this.literal(',', l)),
          (l) => this.uop(l),
        );
        nodes.push(node);
        at = next;
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        return [nodes, at];
      }
    }
  }

  /** One operand list entry of a logic operator: a flat op list or a nested query. */
  private item(loc: number): [DslNode[], number] {
    return this.first(
      loc,
      (l) => this.ops(l),
      (l) => {
        const [nodes, next] = this.query(l);
        return [[nodes[0]!], next];
      },
    );
  }

  /** LOGIC "(" item ("," item)* ")" */
  private logic(loc: number): [DslNode[], number] {
    const [op, a] = this.keyword(LOGIC, loc);
    const [operands, b] = this.item(this.literal('(', a));
    let at = b;
    for (;;) {
      try {
        const [more, next] = this.item(this.literal(',', at));
        operands.push(...more);
        at = next;
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        break;
      }
    }
    return [[{ kind: 'logic', op, operands }], this.literal(')', at)];
  }

  /** ops | logic; returns every top-level element (DCI applies only the first). */
  query(loc: number): [DslNode[], number] {
    return this.first(
      loc,
      (l) => this.ops(l),
      (l) => this.logic(l),
    );
  }

  /** pyparsing's 1-based line and column of an offset. */
  position(loc: number): { line: number; col: number } {
    const before = this.s.slice(0, loc);
    const line = before.split('\n').length;
    const col =
      loc > 0 && loc < this.s.length && this.s[loc - 1] === '\n'
        ? 1
        : loc - before.lastIndexOf('\n');
    return { line, col };
  }
}

/**
 * Parses a DSL expression the way DCI does and returns every top-level element. A top-level
 * comma list (`eq(a,1),eq(b,2)`) yields several nodes, of which DCI uses only the first, and
 * trailing text after a complete expression is ignored. Throws DslSyntaxError on failure.
 */
export function parseDsl(text: string): DslNode[] {
  const parser = new Parser(expandTabs(text));
  try {
    return parser.query(0)[0];
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const { line, col } = parser.position(e.loc);
    throw new DslSyntaxError(
      e.loc,
      `Expected ${TOP_DESC} (at char ${e.loc}), (line:${line}, col:${col})`,
    );
  }
}
