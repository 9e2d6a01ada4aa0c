/**
 * A tiny SQL builder: values only travel as typed `{name:Type}` placeholders (sent as query_params),
 * identifiers only from allowlists via `ident()`, and fragments compose. Plain strings and numbers
 * cannot be interpolated — the type system refuses them.
 */
export interface Sql {
  readonly text: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const PARAM = Symbol('param');
const IDENT = Symbol('ident');

export interface Param { readonly [PARAM]: true; readonly type: string; readonly value: unknown }
export interface Ident { readonly [IDENT]: true; readonly text: string }

type Piece = Sql | Param | Ident;

function isSql(v: Piece): v is Sql { return typeof (v as Sql).text === 'string' && 'params' in v; }
function isParam(v: Piece): v is Param { return (v as Param)[PARAM] === true; }

let counter = 0;

export function sql(strings: TemplateStringsArray, ...values: Piece[]): Sql {
  let text = strings[0] ?? '';
  const params: Record<string, unknown> = {};
  values.forEach((v, i) => {
    if (isParam(v)) {
      const name = `p${(counter = (counter + 1) % 1_000_000_000)}`;
      params[name] = v.value;
      text += `{${name}:${v.type}}`;
    } else if (isSql(v)) {
      Object.assign(params, v.params);
      text += v.text;
    } else {
      text += v.text;
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
}

/** Joins fragments with a separator (e.g. ' AND '). */
export function join(parts: Sql[], sep: string): Sql {
  const params: Record<string, unknown> = {};
  for (const p of parts) Object.assign(params, p.params);
  return { text: parts.map((p) => p.text).join(sep), params };
}

export const empty: Sql = { text: '', params: {} };

/** Where-clause from optional conditions; `1` when none apply. */
export function and(parts: Array<Sql | null | undefined | false>): Sql {
  const real = parts.filter((p): p is Sql => !!p && p.text.length > 0);
  return real.length ? join(real.map((p) => sql`(${p})`), ' AND ') : { text: '1', params: {} };
}

/** An identifier or SQL keyword from an allowlist. Throws on anything that is not a plain identifier path. */
export function ident(name: string): Ident {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return { [IDENT]: true, text: name };
}

/** Trusted SQL text written in this codebase (never user input). */
export function trusted(text: string): Sql { return { text, params: {} }; }

const mk = (type: string) => (value: unknown): Param => ({ [PARAM]: true, type, value });
export const p = {
  str: mk('String') as (v: string) => Param,
  strs: mk('Array(String)') as (v: readonly string[]) => Param,
  int: mk('Int64') as (v: number) => Param,
  uint: mk('UInt64') as (v: number) => Param,
  float: mk('Float64') as (v: number) => Param,
  /** 'YYYY-MM-DD' */
  date: mk('Date') as (v: string) => Param,
  /** ['YYYY-MM-DD', …] */
  dates: mk('Array(Date)') as (v: readonly string[]) => Param,
  dateTime: mk('DateTime') as (v: string) => Param,
};
