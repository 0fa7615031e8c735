/**
 * Agreement-level data the pipeline's states do not carry: the special signing cases of
 * 吉医保规〔2023〕1号 第二十三条 and the internet-hospital supplementary agreement (第三十三条), as
 * extra sections of the agreement text — so they are part of what both parties sign.
 */
import type { DocSection } from '../documents/model';
import { citeAllowed, JL, type CitationLayers } from '../domain/designation/cite';

export interface SpecialCases {
  /** (一) branches sharing the licence: one agreement with the institution, branches listed */
  branches?: string[];
  /** (二) several practice sites on the licence: each evaluated; sites not approved may not serve and are left out */
  sites?: { name: string; address: string; approved: boolean }[];
  /** (三) tight county medical community signing through its lead institution */
  medicalCommunity?: { lead: string; members: string[] };
  /** (四) village clinics under integrated township management, signed by the township health centre */
  villageClinics?: string[];
  /** 第三十三条: internet hospital relying on this institution — supplementary agreement */
  internetHospital?: { name: string };
}

const JL23 = '吉医保规〔2023〕1号 第二十三条';

/**
 * The special sections; each names its article of 吉医保规〔2023〕1号 only where the profile may
 * cite it (decision 0015) — elsewhere the section stands without a foreign citation.
 */
export function specialSections(s: SpecialCases, layers: CitationLayers): DocSection[] {
  const own = citeAllowed(layers, { doc: JL });
  const raw = specialSectionsCited(s);
  return own ? raw : raw.map(({ note: _note, ...rest }) => rest);
}

function specialSectionsCited(s: SpecialCases): DocSection[] {
  const out: DocSection[] = [];
  if (s.branches?.length) {
    out.push({
      heading: '附件 合并使用执业许可证的分支机构名单',
      paragraphs: ['下列分支机构与乙方合并使用医疗机构执业许可证，统一由乙方签订本协议，乙方对其医保服务行为承担协议责任。'],
      list: { ordered: true, items: s.branches },
      note: `${JL23}(一)`,
    });
  }
  if (s.sites?.length) {
    // (二) only the sites that passed their evaluation serve under the agreement; the others are named as excluded
    const passed = s.sites.filter((x) => x.approved);
    const failed = s.sites.filter((x) => !x.approved);
    out.push({
      heading: '附件 执业地点评估结果',
      paragraphs: [
        '乙方执业许可证上的各执业地点经甲方逐一评估，下列通过评估的执业地点适用本协议，可提供医疗保障服务。',
        ...(failed.length ? [`未通过评估的执业地点（${failed.map((x) => x.name).join('、')}）不适用本协议，不得提供医疗保障服务。`] : []),
      ],
      table: { columns: ['执业地点', '地址', '评估结果'], rows: passed.map((x) => [x.name, x.address, '通过，可提供医保服务']) },
      note: `${JL23}(二)`,
    });
  }
  if (s.medicalCommunity) {
    out.push({
      heading: '附件 紧密型县域医共体成员单位名单',
      paragraphs: [`本协议由紧密型县域医共体牵头医疗机构${s.medicalCommunity.lead}代表共同体签订，下列成员单位适用本协议。`],
      list: { ordered: true, items: s.medicalCommunity.members },
      note: `${JL23}(三)`,
    });
  }
  if (s.villageClinics?.length) {
    out.push({
      heading: '附件 代管村卫生室名单',
      paragraphs: ['下列实行乡村一体化管理的村卫生室由乙方统一签订本协议，乙方负责加强监管。'],
      list: { ordered: true, items: s.villageClinics },
      note: `${JL23}(四)`,
    });
  }
  if (s.internetHospital) {
    out.push({
      heading: `补充协议 ${s.internetHospital.name}互联网医疗服务`,
      paragraphs: [
        `${s.internetHospital.name}依托乙方（实体医疗机构）提供互联网医疗服务，适用本补充协议。`,
        '其提供的医疗服务所产生的符合医保支付范围的相关费用，由甲方与乙方按规定进行结算。',
      ],
      note: '吉医保规〔2023〕1号 第三十三条',
    });
  }
  return out;
}

export interface SiteResult {
  siteId: string;
  pass: boolean;
}

/**
 * 第二十三条(二) from the evaluation: with several practice sites on the licence, every site must
 * have its result before the agreement is drawn up; the sites as the agreement lists them, or the
 * names of those still without a result.
 */
export function sitesFromEvaluation(
  sites: readonly { id: string; name: string; address: string }[], results: readonly SiteResult[],
): { sites: NonNullable<SpecialCases['sites']>; missing: string[] } {
  const byId = new Map(results.map((r) => [r.siteId, r.pass]));
  return {
    sites: sites.filter((x) => byId.has(x.id)).map((x) => ({ name: x.name, address: x.address, approved: byId.get(x.id)! })),
    missing: sites.filter((x) => !byId.has(x.id)).map((x) => x.name),
  };
}
