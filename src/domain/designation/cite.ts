/**
 * Citations of the designation workflow. One citation model and one numeral function: the policy
 * module's `Citation` / `formatCitation` / `chineseNumeral` (docs/decisions/0015-citation-layers.md).
 *
 * Shared data (table rows, guards, deadline specs) lists its citations per layer — the national
 * orders and each region's text side by side; `citesFor(layers, cites)` keeps only what the active
 * profile's layers may cite: its own region's documents if any of them is cited, otherwise the
 * national orders. A citation from another region never reaches a user.
 */
import { formatCitation, type Citation } from '../policy/citation';
import { DOCUMENTS, type DocId } from '../policy/documents';

export type Cite = Citation;
export type DesignationDocId = DocId;

export const YN = '云医保〔2022〕6号' satisfies DocId;
export const JL = '吉医保规〔2023〕1号' satisfies DocId;
export const BJ = '京医保发〔2021〕30号' satisfies DocId;
export const ZZQ = '自治区医保局〔2025〕征求意见稿' satisfies DocId;
export const NHSA2 = '国家医疗保障局令第2号' satisfies DocId;
export const NHSA3 = '国家医疗保障局令第3号' satisfies DocId;

/** 国家医疗保障局令第2号: 第五至十二条 are attested by the regional texts that cite them (policy/national/cite.ts). */
export const nat = (article: number, item?: number): Cite => (item === undefined ? { doc: NHSA2, article } : { doc: NHSA2, article, item });
/** 国家医疗保障局令第2号, a requirement whose article is not located in the project's texts. */
export const natUnlocated = (text: string): Cite => ({ doc: NHSA2, text, verified: false });

/** `云医保〔2022〕6号 第十三条`, `自治区医保局〔2025〕征求意见稿（草案） 一(二)`. */
export const formatCite = (c: Cite): string => formatCitation(c);

/** Distinct citations, in order (two citations are the same when they format the same). */
export function uniqueCites(cs: readonly Cite[]): Cite[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = formatCitation(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `a；b`, without repeats. */
export const formatCites = (cs: readonly Cite[]): string => uniqueCites(cs).map(formatCitation).join('；');

export const art = (doc: DocId, article: number, item?: number, point?: number): Cite =>
  item === undefined ? { doc, article } : point === undefined ? { doc, article, item } : { doc, article, item, point };

/** The documents a profile may cite: the national orders and its own region's texts. */
export interface CitationLayers {
  /** regional (or draft) documents of the profile; empty for the national baseline */
  documents: readonly DocId[];
}

export const isNational = (doc: DocId): boolean => DOCUMENTS[doc].scope === 'national';

/** A citation the profile may show: a national order, or one of its own region's documents. */
export const citeAllowed = (layers: CitationLayers, c: Cite): boolean => isNational(c.doc) || layers.documents.includes(c.doc);

/**
 * The citations of shared data under a profile: its own region's citations if any are listed,
 * else the national ones (the regional text takes the place of the baseline it restates); never
 * another region's. De-duplicated.
 */
export function citesFor(layers: CitationLayers, cites: readonly Cite[]): Cite[] {
  const own = cites.filter((c) => !isNational(c.doc) && layers.documents.includes(c.doc));
  return uniqueCites(own.length > 0 ? own : cites.filter((c) => isNational(c.doc)));
}

/** Citations that belong to the profile already (its own parameters and flags): foreign ones dropped, repeats removed. */
export const ownCites = (layers: CitationLayers, cites: readonly Cite[]): Cite[] => uniqueCites(cites.filter((c) => citeAllowed(layers, c)));
