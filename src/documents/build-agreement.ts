/**
 * 医疗保障服务协议 = the province's standard template (范本) + local supplements (补充条款).
 * 2025 draft 一(三): 各分统筹地区可在范本基础上进行补充和细化，但不得与 … 范本相冲突.
 *
 * The rule as code: a supplement clause declares how it relates to the template —
 *  - 'adds'     a new clause, appended after the template clauses;            always allowed
 *  - 'refines'  extra text under one template clause (细化), template text kept; always allowed
 *  - 'replaces' new text for one template clause;        allowed only when that clause is `overridable`
 * A 'replaces' of a clause that is not overridable (the default), a target that does not exist,
 * a duplicate id or an 'adds' clause whose heading repeats a template clause's (a disguised
 * override) is a conflict: the template text stays, the clause is not applied, and the
 * document carries a warning so that it cannot be issued or signed (see canonicalAgreementText).
 */
import { AppError } from '../domain/errors';
import { uniqueCitations, type DocSection, type DocumentModel } from './model';
import { requireText, type Agency, type Institution } from './parties';
import { articleLabel, formatChinaDate } from './text-format';

export interface TemplateClause {
  id: string;
  heading: string;
  paragraphs: string[];
  /** May a local supplement replace this clause's text? Default false: only refine. */
  overridable?: boolean;
}

export interface AgreementTemplate {
  id: string;
  /** e.g. '2025版'. */
  version: string;
  /** e.g. '医疗保障定点医疗机构服务协议范本'. */
  title: string;
  /** e.g. '云南省医疗保障局'. */
  issuer: string;
  clauses: TemplateClause[];
}

export type SupplementClause =
  | { id: string; relation: 'adds'; heading: string; paragraphs: string[] }
  | { id: string; relation: 'refines'; target: string; paragraphs: string[] }
  | { id: string; relation: 'replaces'; target: string; heading?: string; paragraphs: string[] };

export interface LocalSupplement {
  id: string;
  version: string;
  /** e.g. '昆明市医疗保障局'. */
  issuer: string;
  clauses: SupplementClause[];
}

export type AgreementConflictKind = 'locked_clause' | 'unknown_clause' | 'duplicate_id' | 'same_heading';

export interface AgreementConflict {
  kind: AgreementConflictKind;
  supplementClauseId: string;
  templateClauseId?: string;
  message: string;
}

export interface AgreementInput {
  number: string;
  /** Date the text was generated (the signing date is each signature's own). */
  date: string;
  template: AgreementTemplate;
  supplement?: LocalSupplement;
  agency: Agency;
  institution: Institution;
  term: { from: string; to: string };
  /** Legal basis named in the preamble, e.g. '云医保〔2022〕6号 第十七条'. */
  citations: string[];
  /** Values for {{placeholders}} in template and supplement text. */
  fields?: Record<string, string>;
}

export interface AgreementBuild {
  document: DocumentModel;
  conflicts: AgreementConflict[];
}

const PLACEHOLDER_RE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

export function buildAgreement(input: AgreementInput): AgreementBuild {
  const { template, supplement } = input;
  const agency = requireText(input.agency.name, 'agency.name', '经办机构名称');
  const institution = requireText(input.institution.name, 'institution.name', '医药机构名称');
  if (template.clauses.length === 0) {
    throw new AppError('INVALID_INPUT', '协议范本没有条款', { field: 'template.clauses' });
  }
  const conflicts = findConflicts(template, supplement);
  const rejected = new Set(conflicts.map((c) => c.supplementClauseId));
  const applied = (supplement?.clauses ?? []).filter((c) => !rejected.has(c.id));
  const supplementLabel = supplement ? `地方补充条款（${supplement.issuer}，${supplement.version}）` : '';

  const fields: Record<string, string> = {
    甲方: agency,
    乙方: institution,
    协议起始日期: formatChinaDate(input.term.from),
    协议终止日期: formatChinaDate(input.term.to),
    ...input.fields,
  };
  const unfilled = new Set<string>();
  const fill = (text: string) =>
    text.replace(PLACEHOLDER_RE, (whole, key: string) => {
      const v = fields[key];
      if (v === undefined) {
        unfilled.add(key);
        return whole;
      }
      return v;
    });

  const sections: DocSection[] = [preamble(input, agency, institution)];
  let article = 0;
  for (const clause of template.clauses) {
    article += 1;
    const replacement = applied.find((c) => c.relation === 'replaces' && c.target === clause.id);
    const refinements = applied.filter((c) => c.relation === 'refines' && c.target === clause.id);
    const heading = replacement?.relation === 'replaces' && replacement.heading ? replacement.heading : clause.heading;
    const paragraphs = (replacement ? replacement.paragraphs : clause.paragraphs).map(fill);
    for (const r of refinements) paragraphs.push(...r.paragraphs.map((p) => `（地方补充）${fill(p)}`));
    const notes: string[] = [];
    if (replacement) notes.push(`本条文本由${supplementLabel}第${replacement.id}项细化替换`);
    if (refinements.length > 0) notes.push(`本条含${supplementLabel}的补充内容`);
    sections.push({
      id: clause.id,
      heading: `${articleLabel(article)} ${heading}`,
      paragraphs,
      ...(notes.length > 0 ? { note: notes.join('；') } : {}),
    });
  }
  for (const c of applied) {
    if (c.relation !== 'adds') continue;
    article += 1;
    sections.push({
      id: `${supplement!.id}:${c.id}`,
      heading: `${articleLabel(article)} ${c.heading}`,
      paragraphs: c.paragraphs.map(fill),
      note: supplementLabel,
    });
  }
  sections.push({
    heading: `${articleLabel(article + 1)} 协议期限`,
    paragraphs: [
      `本协议有效期自${formatChinaDate(input.term.from)}起至${formatChinaDate(input.term.to)}止。`,
      '本协议经甲乙双方在线签署后生效。双方签署的协议文本以电子签名时的文本为准，签署后任何改动均可被校验发现。',
    ],
  });

  const warnings = conflicts.map((c) => c.message);
  for (const key of unfilled) warnings.push(`协议文本中的“{{${key}}}”未填写`);

  const document: DocumentModel = {
    kind: 'agreement',
    number: requireText(input.number, 'number', '协议编号'),
    title: template.title.replace(/范本$/, ''),
    issuer: agency,
    recipient: institution,
    date: input.date,
    sections,
    citations: uniqueCitations(input.citations),
    signatures: [
      { label: '甲方（盖章）', org: agency, signerLine: '经办机构负责人或授权代表（签字）' },
      { label: '乙方（盖章）', org: institution, signerLine: '法定代表人或授权委托人（签字）' },
    ],
    warnings,
    meta: {
      templateId: template.id,
      templateVersion: template.version,
      ...(supplement ? { supplementId: supplement.id, supplementVersion: supplement.version } : {}),
    },
  };
  return { document, conflicts };
}

function preamble(input: AgreementInput, agency: string, institution: string): DocSection {
  const inst = input.institution;
  const partyB = [
    `乙方：${institution}`,
    inst.uscc ? `统一社会信用代码：${inst.uscc}` : '',
    inst.address ? `地址：${inst.address}` : '',
    inst.legalRepresentative ? `法定代表人：${inst.legalRepresentative}` : '',
  ].filter(Boolean);
  const partyA = [`甲方：${agency}`, input.agency.address ? `地址：${input.agency.address}` : ''].filter(Boolean);
  const basis = uniqueCitations(input.citations);
  const sources =
    `《${input.template.title}》（${input.template.issuer}，${input.template.version}）` +
    (input.supplement ? `及${input.supplement.issuer}制定的地方补充条款（${input.supplement.version}）` : '');
  return {
    id: 'preamble',
    paragraphs: [
      ...partyA,
      ...partyB,
      `为加强和规范医疗保障定点管理，保障参保人员合法权益，${basis.length > 0 ? `根据${basis.join('、')}等规定，` : ''}` +
        `依据${sources}，甲乙双方经协商一致，签订本协议。`,
    ],
  };
}

/** Every way the supplement conflicts with the template; empty when it only adds and refines. */
export function findConflicts(template: AgreementTemplate, supplement?: LocalSupplement): AgreementConflict[] {
  if (!supplement) return [];
  const byId = new Map(template.clauses.map((c) => [c.id, c]));
  const headings = new Map(template.clauses.map((c) => [normalizeHeading(c.heading), c]));
  const seen = new Set<string>();
  const replaced = new Set<string>();
  const out: AgreementConflict[] = [];
  for (const c of supplement.clauses) {
    if (seen.has(c.id)) {
      out.push({ kind: 'duplicate_id', supplementClauseId: c.id, message: `补充条款编号“${c.id}”重复` });
      continue;
    }
    seen.add(c.id);
    if (c.relation === 'adds') {
      const same = headings.get(normalizeHeading(c.heading));
      if (same) {
        out.push({
          kind: 'same_heading',
          supplementClauseId: c.id,
          templateClauseId: same.id,
          message: `补充条款“${c.heading}”与范本条款同名，疑似另行规定范本已有的内容，应改为对该条的补充细化`,
        });
      }
      continue;
    }
    const target = byId.get(c.target);
    if (!target) {
      out.push({
        kind: 'unknown_clause',
        supplementClauseId: c.id,
        templateClauseId: c.target,
        message: `补充条款“${c.id}”指向的范本条款“${c.target}”不存在`,
      });
      continue;
    }
    if (c.relation === 'replaces') {
      if (!target.overridable) {
        out.push({
          kind: 'locked_clause',
          supplementClauseId: c.id,
          templateClauseId: target.id,
          message: `补充条款“${c.id}”试图替换范本条款“${target.heading}”，该条不允许地方修改，只能补充细化（与范本相冲突）`,
        });
      } else if (replaced.has(target.id)) {
        out.push({
          kind: 'duplicate_id',
          supplementClauseId: c.id,
          templateClauseId: target.id,
          message: `范本条款“${target.heading}”被多个补充条款替换`,
        });
      } else {
        replaced.add(target.id);
      }
    }
  }
  return out;
}

function normalizeHeading(h: string): string {
  return h.replace(/[\s\u3000（）()、，,。.：:]/g, '');
}
