/**
 * Text PostgreSQL can store. A NUL character is refused by `text`/`jsonb` (error 22P05) and a lone
 * UTF-16 surrogate cannot be encoded as UTF-8, so both are rejected at the edge with a message
 * instead of failing deep in the database with a 500.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}
