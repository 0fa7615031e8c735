/**
 * Characters that no text a person types into dingdian may carry, checked once at the edge for every
 * string of every request (body, query, path) so that none reaches the database or a document:
 * - NUL: PostgreSQL refuses it in text (a 500 before this check);
 * - lone UTF-16 surrogates: not Unicode text; JSON columns refuse them and other columns would
 *   silently turn them into U+FFFD — we refuse instead of rewriting;
 * - other C0/C1 control characters (tab, line feed and carriage return stay allowed: reasons and
 *   addresses have several lines);
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a
 *   name read differently from what is stored (「‮」 spoofing) on notices and in the audit log.
 */
export type UnsafeTextProblem = 'nul' | 'lone_surrogate' | 'control' | 'bidi';

export const unsafeTextMessage: Record<UnsafeTextProblem, string> = {
  nul: '含有空字符（NUL），请删除后重试',
  lone_surrogate: '含有无效的 Unicode 字符（孤立的代理项），请重新输入',
  control: '含有不可见的控制字符，请删除后重试',
  bidi: '含有改变文字方向的控制字符，请删除后重试',
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

export function textProblem(s: string): UnsafeTextProblem | null {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  if (CONTROL.test(s)) return 'control';
  if (BIDI.test(s)) return 'bidi';
  return null;
}

export interface UnsafeText {
  /** dotted path of the offending value, e.g. `body.items.2.requirement` */
  field: string;
  problem: UnsafeTextProblem;
}

/** The first unsafe string (or object key) in a parsed JSON value, depth-first, with its path. */
export function findUnsafeText(value: unknown, path: string): UnsafeText | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafeText(value[i], `${path}.${i}`);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = textProblem(k);
      if (keyProblem) return { field: path, problem: keyProblem };
      const hit = findUnsafeText(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return null;
}
