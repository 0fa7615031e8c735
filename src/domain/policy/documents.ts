/**
 * The documents rules may cite. A citation names one of these by its 文号 (document number);
 * anything else fails the type check and the meta-test.
 * Sources: /work/shared/policy/README.md and the texts themselves.
 */
export interface PolicyDocument {
  /** 文号, or an id for a draft that has none */
  id: string;
  title: string;
  issuer: string;
  /** 施行 date; null for a draft */
  inForce: string | null;
  /** a draft has no 施行 date: rules from it are previewed as if in force from this date */
  assumedFrom?: string;
  draft: boolean;
  /** 条 (articles) or 一、(一) sections */
  structure: 'articles' | 'sections';
  scope: 'national' | 'regional';
  /** GB/T 2260 province code; null for national texts and the unnamed autonomous region */
  regionCode: string | null;
  /** file under /work/shared/policy/, when the text is held there */
  file?: string;
  /** whether the full text is held in the project (national orders are referred to, not reproduced) */
  textHeld: boolean;
}

const docs = [
  {
    id: '国务院令第735号', title: '医疗保障基金使用监督管理条例', issuer: '国务院',
    inForce: '2021-05-01', draft: false, structure: 'articles', scope: 'national', regionCode: null, textHeld: false,
  },
  {
    id: '国家医疗保障局令第2号', title: '医疗机构医疗保障定点管理暂行办法', issuer: '国家医疗保障局',
    inForce: '2021-02-01', draft: false, structure: 'articles', scope: 'national', regionCode: null, textHeld: false,
  },
  {
    id: '国家医疗保障局令第3号', title: '零售药店医疗保障定点管理暂行办法', issuer: '国家医疗保障局',
    inForce: '2021-02-01', draft: false, structure: 'articles', scope: 'national', regionCode: null, textHeld: false,
  },
  {
    id: '云医保〔2022〕6号', title: '云南省医疗保障定点管理经办规程（暂行）', issuer: '云南省医疗保障局',
    inForce: '2022-03-01', draft: false, structure: 'articles', scope: 'regional', regionCode: '530000',
    file: 'yunnan-2022-dingdian-jingban-guicheng.txt', textHeld: true,
  },
  {
    id: '云人社发〔2016〕308号', title: '关于统一城乡居民基本医疗保险定点医疗机构管理的通知',
    issuer: '云南省人力资源和社会保障厅、云南省卫生和计划生育委员会',
    inForce: '2017-01-01', draft: false, structure: 'sections', scope: 'regional', regionCode: '530000',
    file: 'yunnan-2016-chengxiang-jumin-dingdian.txt', textHeld: true,
  },
  {
    id: '京医保发〔2021〕30号', title: '北京市医疗机构医疗保障定点管理暂行办法', issuer: '北京市医疗保障局',
    inForce: '2022-01-01', draft: false, structure: 'articles', scope: 'regional', regionCode: '110000',
    file: 'beijing-2021-yiliao-jigou-dingdian-banfa.txt', textHeld: true,
  },
  {
    id: '吉医保规〔2023〕1号', title: '吉林省医疗保障定点服务机构评估经办规程（试行）', issuer: '吉林省医疗保障局',
    inForce: '2023-07-01', draft: false, structure: 'articles', scope: 'regional', regionCode: '220000',
    file: 'jilin-2023-dingdian-pinggu-guicheng.txt', textHeld: true,
  },
  {
    id: '自治区医保局〔2025〕征求意见稿',
    title: '自治区医保局关于进一步加强医疗保障定点医药机构协议管理的通知（征求意见稿）', issuer: '自治区医保局',
    inForce: null, assumedFrom: '2025-01-01', draft: true, structure: 'sections', scope: 'regional', regionCode: null,
    file: 'zizhiqu-2025-xieyi-guanli-draft.txt', textHeld: true,
  },
] as const satisfies readonly PolicyDocument[];

export type DocId = (typeof docs)[number]['id'];

export const DOCUMENTS: Readonly<Record<DocId, PolicyDocument>> = Object.fromEntries(docs.map((d) => [d.id, d])) as Record<
  DocId,
  PolicyDocument
>;

export const DOC_IDS = docs.map((d) => d.id) as DocId[];

export function isDocId(id: string): id is DocId {
  return Object.prototype.hasOwnProperty.call(DOCUMENTS, id);
}

/** The date from which a document's rules may take effect (施行 date, or the assumed date of a draft). */
export function docEffectiveFrom(id: DocId): string {
  const d = DOCUMENTS[id];
  return (d.inForce ?? d.assumedFrom)!;
}
