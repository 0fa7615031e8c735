/**
 * The documents a step issues (the table's `documents` column), built into the document model
 * with the src/documents builders and numbered from the agency's counter — the serials are taken
 * by the step's own UPDATE statement (src/db/designation-repo.ts) and the rows stored with its
 * audit row, inside the step's transaction, so a number exists only if the step happened.
 */
import { agencyShort } from '../documents/numbering';
import { eq } from 'drizzle-orm';
import type { DocumentInsert, SerialRequest } from '../db/document-repo';
import { institutions, institutionPersons, organizations, persons, regions } from '../db/schema/index';
import type { AppContext } from '../context';
import { AppError, type RuleReason } from '../domain/errors';
import type { Application } from '../domain/designation/application';
import type { DesignationEvent } from '../domain/designation/events';
import { deadlineCites, type WorkflowProfile } from '../domain/designation/profiles';
import { formatCites, ownCites } from '../domain/designation/cite';
import { documentLabel, type DocumentKind } from '../domain/designation/table';
import type { Effect } from '../domain/designation/transition';
import { stateLabel } from '../domain/designation/states';
import { DEFAULT_TYPE_CODE, formatDocumentNumber } from '../documents/numbering';
import type { DocumentModel, DocumentKind as RenderKind } from '../documents/model';
import { uniqueCitations } from '../documents/model';
import { buildAcceptanceNotice } from '../documents/build-acceptance-notice';
import { buildSupplementNotice } from '../documents/build-supplement-notice';
import { buildRefusalDecision } from '../documents/build-refusal-decision';
import { buildEvaluationResult } from '../documents/build-evaluation-result';
import { buildEvaluationMinutes } from '../documents/build-evaluation-minutes';
import { specialtyLabel } from '../domain/designation/panel';
import { buildPublicity } from '../documents/build-publicity';
import { issuerBlock, type Agency, type Institution } from '../documents/parties';

/** 机关代字 type codes: the documents module's six, and ours for the pipeline's other records. */
export const TYPE_CODE: Record<DocumentKind, string> = {
  acceptance_notice: DEFAULT_TYPE_CODE.acceptance_notice,
  supplement_notice: DEFAULT_TYPE_CODE.supplement_notice,
  refusal_decision: DEFAULT_TYPE_CODE.refusal_decision,
  evaluation_result_notice: DEFAULT_TYPE_CODE.evaluation_result,
  publicity_notice: DEFAULT_TYPE_CODE.publicity,
  agreement: DEFAULT_TYPE_CODE.agreement,
  evaluation_minutes: '定纪',
  evaluation_filing: '定评备',
  complaint_reply: '定诉',
  cancellation_notice: '定消',
  not_signed_notice: '定不签',
  signing_filing: '协备',
  directory_entry: '定录',
};

/** Which layout a record without its own builder is rendered with (alignment of the seal line). */
const RENDER_KIND: Record<DocumentKind, RenderKind> = {
  acceptance_notice: 'acceptance_notice', supplement_notice: 'supplement_notice', refusal_decision: 'refusal_decision',
  evaluation_result_notice: 'evaluation_result', publicity_notice: 'publicity', agreement: 'agreement',
  evaluation_minutes: 'evaluation_result', evaluation_filing: 'evaluation_result', complaint_reply: 'evaluation_result',
  cancellation_notice: 'refusal_decision', not_signed_notice: 'refusal_decision', signing_filing: 'agreement', directory_entry: 'publicity',
};


export interface Parties {
  agency: Agency & { orgId: string; short: string };
  institution: Institution & { id: string };
}

/** The issuing agency (acting agency user's org, else the application's agency) and the institution. */
export async function loadParties(ctx: AppContext, institutionId: string, agencyOrgId: string | null): Promise<Parties> {
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, institutionId));
  if (!inst) throw new AppError('NOT_FOUND', '机构不存在');
  const [legal] = await ctx.db
    .select({ name: persons.name })
    .from(institutionPersons)
    .innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(eq(institutionPersons.institutionId, institutionId))
    .limit(1);
  let agency: Parties['agency'] = { orgId: '00000000-0000-0000-0000-000000000000', name: '医疗保障经办机构', short: '医保' };
  if (agencyOrgId) {
    const [o] = await ctx.db
      .select({ id: organizations.id, name: organizations.name, level: organizations.level, regionName: regions.name })
      .from(organizations)
      .leftJoin(regions, eq(regions.code, organizations.regionCode))
      .where(eq(organizations.id, agencyOrgId));
    if (o) agency = { orgId: o.id, name: o.name, short: agencyShort(o.regionName, o.level) };
  }
  return {
    agency,
    institution: { id: inst.id, name: inst.name, uscc: inst.uscc, address: inst.address, ...(legal ? { legalRepresentative: legal.name } : {}) },
  };
}

export interface DocumentInput {
  /** 整改建议 for a 不合格 result */
  advice?: string[];
  /** officer's remark on a refusal */
  note?: string;
  /** complaint channel for a publicity */
  complaintPhone?: string;
}

interface BuildArgs {
  kind: DocumentKind;
  number: string;
  today: string;
  parties: Parties;
  before: Application;
  next: Application;
  event: DesignationEvent;
  effects: readonly Effect[];
  profile: WorkflowProfile;
  materials: { itemKey: string; label: string; citation: string; received: boolean }[];
  /** the profile's material-list article (e.g. 京医保发〔2021〕30号 第七条): the basis of an item not on the list */
  materialListCitation: string;
  input: DocumentInput;
  cites: string;
}

function generic(a: BuildArgs, paragraphs: string[]): DocumentModel {
  return {
    kind: RENDER_KIND[a.kind], number: a.number, title: documentLabel[a.kind], issuer: a.parties.agency.name,
    recipient: a.parties.institution.name, date: a.today,
    sections: [{ paragraphs }],
    citations: uniqueCitations(a.cites.split('；')), signatures: [issuerBlock(a.parties.agency, a.today)], warnings: [],
    meta: { applicationId: a.next.id, state: a.next.state },
  };
}

const received = (a: Application): string => ('submittedOn' in a && a.submittedOn ? a.submittedOn : '');

function build(a: BuildArgs): DocumentModel {
  const { agency, institution } = a.parties;
  const base = { number: a.number, date: a.today, agency, institution, applicationNo: a.next.id.slice(0, 8) };
  const p = a.profile.params;
  switch (a.kind) {
    case 'acceptance_notice':
      return buildAcceptanceNotice({
        ...base, receivedOn: received(a.next) || a.today,
        materials: a.materials.some((m) => m.received) ? a.materials.filter((m) => m.received).map((m) => m.label) : ['定点申请表及申请材料'],
        acceptanceCitation: a.cites,
        evaluation: { months: p['evaluation.limit.months'].value ?? 3, citation: formatCites(deadlineCites(a.profile, 'evaluation_limit')) },
      });
    case 'supplement_notice': {
      // this request's items (a repeat after 补正 lists only what is still asked for), each with the
      // article of the profile's material list that requires it, its own requirement, and the 补正期限
      if (a.event.type !== 'request_supplement') break;
      const { missingItems, requirements = {}, dueOn } = a.event;
      const ownCites = formatCites(a.profile.completeMaterials.cites);
      return buildSupplementNotice({
        ...base, receivedOn: received(a.next) || a.today,
        missingItems: missingItems.map((item) => {
          const m = a.materials.find((x) => x.itemKey === item || x.label === item);
          return { item: m?.label ?? item, citation: m?.citation ?? (a.materialListCitation || ownCites), ...(requirements[item] ? { requirement: requirements[item] } : {}) };
        }),
        noticeBasis: { workingDays: p['notice.supplement.workdays'].value ?? 5, citation: formatCites(deadlineCites(a.profile, 'supplement_notice')) },
        ...(dueOn ? { due: dueOn } : {}),
        pauseCitation: formatCites(deadlineCites(a.profile, 'evaluation_limit')),
      });
    }
    case 'refusal_decision': {
      // 第十二条(九): the officer's typed law or regulation article, beside the article that allows it
      const reasons: RuleReason[] = a.event.type === 'refuse_by_law'
        ? [{ ruleId: 'refusal.other-by-law', message: a.event.reason.trim(), citation: `${a.event.basis.trim()}；${a.cites}` }]
        : ('screeningReasons' in a.next ? a.next.screeningReasons : undefined) ?? [];
      if (reasons.length === 0) break;
      return buildRefusalDecision({ ...base, receivedOn: received(a.next) || a.today, reasons, ...(a.input.note ? { officerNote: a.input.note } : {}) });
    }
    case 'evaluation_result_notice': {
      const last = 'evaluations' in a.next ? a.next.evaluations?.at(-1) : undefined;
      if (!last) break;
      const findings = (last.reasons.length ? last.reasons : ['评估结果为不合格']).map((r) => ({ item: '评估结论', finding: r, citation: a.cites }));
      return buildEvaluationResult({
        ...base, result: last.pass ? 'pass' : 'fail', concludedOn: last.on, findings,
        advice: a.input.advice?.length ? a.input.advice : ['请对照上述不合格事项逐项整改，整改完成后可申请再次评估。'],
        resultCitation: a.cites,
        reevaluation: {
          months: p['reevaluation.wait.months'].value ?? 3, banYears: Math.round((p['reapplication.ban.months'].value ?? 12) / 12),
          citation: formatCites(deadlineCites(a.profile, 'reevaluation_wait')),
        },
      });
    }
    case 'evaluation_minutes': {
      // 云医保〔2022〕6号 第十三条, 第十四条(一): the concluded evaluation as it stood when the result was formed
      const last = 'evaluations' in a.next ? a.next.evaluations?.at(-1) : undefined;
      const ev = last?.record;
      if (!last || !ev) break;
      const members = ev.evaluator.kind === 'panel' ? ev.evaluator.panel.members : [];
      const nameOf = new Map(members.map((m) => [m.expertId, m.name]));
      const itemLabel = new Map((a.profile.inspectionChecklist.value ?? []).map((i) => [i.id as string, i.label]));
      const rec = ev.inspection.record;
      return buildEvaluationMinutes({
        ...base, result: last.pass ? 'pass' : 'fail', concludedOn: last.on, resultCitation: a.cites,
        reasons: last.pass || last.reasons.length ? last.reasons : ['评估结果为不合格'], // as the 评估结果告知书 above
        ...(members.length ? { panel: members.map((m) => ({ name: m.name, specialty: specialtyLabel[m.specialty] })) } : {}),
        ...(ev.briefing ? { briefing: { on: ev.briefing.on, study: ev.briefing.study, report: ev.briefing.report, citation: formatCites(ownCites(a.profile, a.profile.evaluationBriefing.cites)) } } : {}),
        ...(rec ? {
          inspection: {
            on: rec.on, by: rec.by.map((b) => nameOf.get(b) ?? b), findings: rec.findings,
            citation: formatCites(ownCites(a.profile, a.profile.inspectionChecklist.value ? a.profile.inspectionChecklist.cites : a.profile.mandatoryInspection.cites)),
            ...(rec.checklist ? { checklist: rec.checklist.map((l) => ({ item: itemLabel.get(l.item) ?? l.item, finding: l.finding, conforming: l.conforming })) } : {}),
          },
        } : {}),
      });
    }
    case 'publicity_notice': {
      if (a.next.state !== 'in_publicity' || !a.next.publicity.endsOn) break;
      return buildPublicity({
        number: a.number, date: a.today, agency,
        entries: [{ name: institution.name, kindLabel: a.next.institutionKind === 'pharmacy' ? '零售药店' : a.next.institutionKind === 'ltc' ? '长期护理服务机构' : '医疗机构', address: institution.address ?? '', categories: [] }],
        period: { from: a.today, to: a.next.publicity.endsOn, workingDays: p['publicity.duration.workdays'].value ?? 0, citation: formatCites(deadlineCites(a.profile, 'publicity_period')) },
        complaint: { ...(a.input.complaintPhone ? { phone: a.input.complaintPhone } : {}), url: '/public/publicity' },
        complaintCitation: a.cites,
      });
    }
    default:
      break;
  }
  return generic(a, [
    `${institution.name}的医疗保障定点申请（申请编号：${a.next.id.slice(0, 8)}）于${a.today}办理「${documentLabel[a.kind]}」，` +
      `办理后状态为「${stateLabel[a.next.state]}」。`,
    `依据：${a.cites}。`,
  ]);
}

/** The serials a step's documents need, one per `issue_document` effect, in effect order. */
export function serialRequests(effects: readonly Effect[], agencyOrgId: string, today: string): (SerialRequest & { document: DocumentKind; cites: string })[] {
  const year = Number(today.slice(0, 4));
  return effects.flatMap((e) => (e.kind === 'issue_document' ? [{ agencyOrgId, typeCode: TYPE_CODE[e.document], year, document: e.document, cites: formatCites(e.cites) }] : []));
}

/**
 * The rows of a step's documents, numbered with the serials the step's UPDATE took
 * (`updateApplicationStateTakingSerials`) — pure: the caller stores them with the audit row.
 */
export function buildDocuments(
  ctx: Pick<AppContext, 'clock'>, args: Omit<BuildArgs, 'kind' | 'number' | 'cites'> & { issuedBy: string | null; applicationNo?: string | null },
  requests: ReturnType<typeof serialRequests>, serials: readonly number[],
): DocumentInsert[] {
  return requests.map((r, i) => {
    const number = formatDocumentNumber({ agencyShort: args.parties.agency.short, typeCode: r.typeCode, year: r.year, serial: serials[i]! });
    const built = build({ ...args, kind: r.document, number, cites: r.cites });
    // the 申请编号 under the 文号 of every notice of the application (decision 0019)
    const model = args.applicationNo ? { ...built, applicationNo: args.applicationNo } : built;
    return { applicationId: args.next.id, kind: r.document, model, issuedAt: ctx.clock.now(), issuedBy: args.issuedBy, issuerOrgId: args.parties.agency.orgId };
  });
}
