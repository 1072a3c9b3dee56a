/**
 * MongoDB regular expressions (PCRE syntax, options i m s x u) as JS RegExps. PCRE constructs JS
 * lacks (possessive quantifiers, \A \Z, recursion) are not translated and fail to compile.
 */
import { locationError } from './errors.js';
import { bsonTag } from './bson-type.js';

export interface RegexSource {
  readonly pattern: string;
  readonly options: string;
}

export function isRegexValue(v: unknown): boolean {
  return (
    v instanceof RegExp || (typeof v === 'object' && v !== null && bsonTag(v) === 'BSONRegExp')
  );
}

/** The pattern and options of a JS RegExp or a BSONRegExp. */
export function regexSource(v: unknown): RegexSource {
  if (v instanceof RegExp) return { pattern: v.source, options: v.flags.replace(/[gyd]/g, '') };
  const r = v as { pattern: string; options: string };
  return { pattern: r.pattern, options: r.options };
}

/** Removes unescaped whitespace and `#` comments outside character classes (the `x` option). */
function stripExtended(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** A JS RegExp for a MongoDB pattern and options; throws MongoDB's error for a bad pattern. */
export function toJsRegExp(pattern: string, options: string): RegExp {
  const key = `${options}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  for (const o of options) {
    if (!'imsxu'.includes(o)) {
      throw locationError(51108, `invalid flag in regex options: ${o}`);
    }
  }
  const source = options.includes('x') ? stripExtended(pattern) : pattern;
  const flags = [...new Set(options.replace(/[xu]/g, ''))].join('');
  let re: RegExp;
  try {
    re = new RegExp(source, flags + 'u');
  } catch {
    try {
      // Without `u`, JS accepts more PCRE-style escapes (such as `\-` outside a class).
      re = new RegExp(source, flags);
    } catch (e) {
      throw locationError(
        51091,
        `Regular expression is invalid: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, re);
  return re;
}
