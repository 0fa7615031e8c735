/**
 * Search tokens for the registry's name search. A trigram index cannot serve 2-character
 * Chinese queries (pg_trgm needs 3 characters, and ignores CJK under a C locale), so each
 * institution carries the distinct character bigrams of its name plus region tokens
 * ('r:53', 'r:5301', 'r:530102'); a GIN index on the array answers
 * `tokens @> ARRAY['r:5301','人民','民医']` and a LIKE recheck confirms the substring.
 * Names are compared after NFKC (full-width letters, digits and brackets fold to ASCII),
 * lower-casing and removal of whitespace. Measured at 1.1 M rows: docs/decisions/0001-name-search.md.
 */
export function nameBigrams(text: string): string[] {
  const chars = Array.from(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ''));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

export function regionTokens(regionCode: string): string[] {
  return [`r:${regionCode.slice(0, 2)}`, `r:${regionCode.slice(0, 4)}`, `r:${regionCode}`];
}

export function buildSearchTokens(name: string, regionCode: string): string[] {
  return [...nameBigrams(name), ...regionTokens(regionCode)];
}

/** Tokens a query must contain; a 1-character query yields none (served by LIKE alone). */
export function queryTokens(q: string): string[] {
  return nameBigrams(q);
}
