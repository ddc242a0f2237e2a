import { odataError } from "../errors";

/** A literal in a $filter: strings are quoted, GUIDs and date-times bare (Edm.Guid, Edm.DateTimeOffset). */
export type FilterLiteral =
  | { type: "string"; value: string }
  | { type: "guid"; value: string }
  | { type: "datetime"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "number"; value: number }
  | { type: "null" };

export type CompareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; operand: FilterNode }
  | { kind: "compare"; op: CompareOp; property: string; value: FilterLiteral }
  | { kind: "in"; property: string; values: FilterLiteral[] }
  | { kind: "function"; name: "startswith" | "endswith"; property: string; value: FilterLiteral }
  /**
   * `collection/any(x:x/field eq value)`; the predicate's properties are the element's fields, and
   * `x` alone (`proxyAddresses/any(x:x eq …)`) is the element itself, named LAMBDA_ELEMENT.
   */
  | { kind: "any"; collection: string; predicate: FilterNode };

/** The property a lambda's bare variable becomes: the element of a collection of strings. */
export const LAMBDA_ELEMENT = "$element";

type Token =
  | { kind: "word"; text: string; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "punct"; text: "(" | ")" | "," | ":"; at: number };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// An Edm.DateTimeOffset literal, read whole before its colons could split it into tokens.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/i;
const COMPARE_OPS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "(" || ch === ")" || ch === "," || ch === ":") {
      tokens.push({ kind: "punct", text: ch, at: i });
      i += 1;
    } else if (ch === "'") {
      const start = i;
      let text = "";
      i += 1;
      for (;;) {
        if (i >= source.length) throw syntaxError(source, start);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += source[i];
        i += 1;
      }
      tokens.push({ kind: "string", text, at: start });
    } else {
      const rest = source.slice(i);
      const m = DATE_TIME.exec(rest) ?? /^[\w$./+-]+/.exec(rest);
      if (!m) throw syntaxError(source, i);
      tokens.push({ kind: "word", text: m[0], at: i });
      i += m[0].length;
    }
  }
  return tokens;
}

const syntaxError = (source: string, at: number) =>
  odataError(`Invalid filter clause: Syntax error at position ${at} in '${source}'.`);

/** Recursive descent over Graph's $filter subset: and/or/not, comparisons, in, startswith/endswith, any(). */
class Parser {
  private pos = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterNode {
    const node = this.or();
    if (this.pos < this.tokens.length) this.fail();
    return node;
  }

  private fail(): never {
    throw syntaxError(this.source, this.tokens[this.pos]?.at ?? this.source.length);
  }

  private peekWord(): string | undefined {
    const token = this.tokens[this.pos];
    return token?.kind === "word" ? token.text.toLowerCase() : undefined;
  }

  private expect(text: "(" | ")" | "," | ":"): void {
    const token = this.tokens[this.pos];
    if (token?.kind !== "punct" || token.text !== text) this.fail();
    this.pos += 1;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.peekWord() === "or") {
      this.pos += 1;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.peekWord() === "and") {
      this.pos += 1;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (this.peekWord() === "not") {
      this.pos += 1;
      return { kind: "not", operand: this.unary() };
    }
    const token = this.tokens[this.pos];
    if (token?.kind === "punct" && token.text === "(") {
      this.pos += 1;
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    return this.primary();
  }

  private primary(): FilterNode {
    const word = this.tokens[this.pos];
    if (word?.kind !== "word") this.fail();
    const name = word.text.toLowerCase();
    this.pos += 1;
    if (name === "startswith" || name === "endswith") {
      this.expect("(");
      const property = this.property();
      this.expect(",");
      const value = this.literal();
      this.expect(")");
      return { kind: "function", name, property, value };
    }
    const lambda = /^(.+)\/any$/i.exec(word.text);
    if (lambda) return this.any(lambda[1]!);
    const op = this.peekWord();
    if (op === "in") {
      this.pos += 1;
      this.expect("(");
      const values = [this.literal()];
      while (this.tokens[this.pos]?.text === ",") {
        this.pos += 1;
        values.push(this.literal());
      }
      this.expect(")");
      return { kind: "in", property: word.text, values };
    }
    if (!op || !COMPARE_OPS.has(op)) this.fail();
    this.pos += 1;
    return { kind: "compare", op: op as CompareOp, property: word.text, value: this.literal() };
  }

  /** `assignedLicenses/any(x:x/skuId eq …)`: the variable prefix is stripped from inner properties. */
  private any(collection: string): FilterNode {
    this.expect("(");
    const variable = this.tokens[this.pos];
    if (variable?.kind !== "word") this.fail();
    this.pos += 1;
    this.expect(":");
    const predicate = this.or();
    this.expect(")");
    const name = variable.text.toLowerCase();
    return { kind: "any", collection, predicate: stripVariable(predicate, name, this.source) };
  }

  private property(): string {
    const token = this.tokens[this.pos];
    if (token?.kind !== "word") this.fail();
    this.pos += 1;
    return token.text;
  }

  private literal(): FilterLiteral {
    const token = this.tokens[this.pos];
    if (!token || token.kind === "punct") this.fail();
    this.pos += 1;
    if (token.kind === "string") return { type: "string", value: token.text };
    const text = token.text.toLowerCase();
    if (text === "true" || text === "false") return { type: "boolean", value: text === "true" };
    if (text === "null") return { type: "null" };
    if (GUID.test(token.text)) return { type: "guid", value: text };
    if (DATE_TIME.test(token.text)) return { type: "datetime", value: token.text };
    if (/^-?\d+(\.\d+)?$/.test(token.text)) return { type: "number", value: Number(token.text) };
    this.pos -= 1;
    this.fail();
  }
}

function stripVariable(node: FilterNode, variable: string, source: string): FilterNode {
  const prefix = `${variable}/`;
  const strip = (property: string) => {
    if (property.toLowerCase() === variable) return LAMBDA_ELEMENT;
    if (!property.toLowerCase().startsWith(prefix))
      throw syntaxError(source, source.indexOf(property));
    return property.slice(prefix.length);
  };
  switch (node.kind) {
    case "and":
    case "or":
      return {
        ...node,
        left: stripVariable(node.left, variable, source),
        right: stripVariable(node.right, variable, source),
      };
    case "not":
      return { ...node, operand: stripVariable(node.operand, variable, source) };
    case "any":
      throw syntaxError(source, source.indexOf(node.collection));
    default:
      return { ...node, property: strip(node.property) };
  }
}

export function parseFilter(source: string): FilterNode {
  const tokens = tokenize(source);
  if (tokens.length === 0) throw syntaxError(source, 0);
  return new Parser(source, tokens).parse();
}
