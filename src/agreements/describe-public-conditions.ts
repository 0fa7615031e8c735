/**
 * What the public site publishes about applying (云医保〔2022〕6号 第七条: 申请条件、所需材料、
 * 受理时间、受理部门、受理时限) and about evaluating (自治区医保局〔2025〕征求意见稿 一(一): 评估标准和流程),
 * read from the policy profile and the workflow profile — never written by hand.
 */
import { AppError } from '../domain/errors';
import { formatCitation } from '../domain/policy/citation';
import { PROFILES } from '../domain/policy/profiles';
import { isCountyCode, materialsFor, materialsForRoute, resolveProfile, type LocalValue, type ResolvedParam, type ResolvedProfile } from '../domain/policy/resolve';
import { layerLabelOf } from '../domain/policy/local';
import { standardInForce, standardKindLabel, standardsBasis, type RegionStandard } from '../domain/policy/standards';
import { unitLabel, type AgencyLevel } from '../domain/policy/model';
import { institutionKindLabel, type InstitutionKind } from '../domain/registry/enums';
import { formatCites, ownCites, type Cite } from '../domain/designation/cite';
import { specialtyLabel } from '../domain/designation/panel';
import { panelSpecialtiesFor, type WorkflowProfile } from '../domain/designation/profiles';
import { SHEETS } from '../domain/designation/sheets';
import { DEADLINES } from '../domain/designation/deadlines';
import { workflowProfileFor } from '../designation/build-context';

const LEVEL_LABEL: Record<AgencyLevel, string> = {
  national: '国家级', province: '省级（北京为市级）', prefecture: '地市级（统筹地区）', county: '县（区）级',
};

function resolvePublic(profileId: string, asOf: string, local: readonly LocalValue[] = []): ResolvedProfile {
  if (!PROFILES.some((p) => p.id === profileId)) {
    throw new AppError('INVALID_INPUT', `未知的地区政策配置：${profileId}`, { field: 'profile' });
  }
  return resolveProfile(profileId, asOf, local);
}

/** Which layer a value came from, as the public reads it (the pooling region's with its 文号; decision 0031). */
const layerOf = (p: ResolvedParam | undefined) => {
  const layer = p?.layer ?? ('province' as const);
  return { layer, layerLabel: layerLabelOf(layer, p?.local?.docNo), docNo: p?.local?.docNo ?? null };
};

/** The profile's own citations as text (a foreign one never reaches the public page). */
const cited = (w: WorkflowProfile, cs: readonly Cite[]): string => formatCites(ownCites(w, cs));

function acceptanceTime(w: WorkflowProfile): { text: string; citation: string } {
  return w.batchEvaluation.value
    ? { text: '随时受理申请，按批次集中组织评估', citation: cited(w, w.batchEvaluation.cites) }
    : { text: '工作日随时受理，材料齐全的即时受理', citation: cited(w, w.batchEvaluation.cites) };
}

/** 申请条件、所需材料、受理时间、受理部门、受理时限 for one kind of institution. */
export function describeConditions(profileId: string, kind: InstitutionKind, asOf: string, local: readonly LocalValue[] = [], region: string | null = null) {
  const province = PROFILES.find((p) => p.id === profileId)?.regionCode;
  if (region && province && region.slice(0, 2) !== province.slice(0, 2)) {
    throw new AppError('INVALID_INPUT', `统筹地区 ${region} 不属于所选地区政策的省份`, { field: 'region' });
  }
  const r = resolvePublic(profileId, asOf, local);
  const w = workflowProfileFor(profileId);
  const applies = r.rules.filter((x) => x.rule.appliesTo.includes(kind));
  // the pooling region (decision 0031) and, when a county was picked, the county (its 实施细则, decision 0043)
  const county = region && isCountyCode(region) ? region : null;
  const pooling = region ? `${region.slice(0, 4)}00` : null;
  const paramOf = (key: string) => {
    const p = r.params.get(key);
    return p ? { key, label: p.label, value: p.value, unit: unitLabel[p.unit], citation: p.local ? `${p.local.docNo}（${formatCitation(p.cite)}）` : formatCitation(p.cite), ...layerOf(p) } : null;
  };
  const conditions = applies
    .filter((x) => x.rule.kind === 'eligibility')
    .map(({ rule }) => ({
      id: rule.id, title: rule.title, citation: rule.cites.map(formatCitation).join('；'),
      items: rule.items ?? [], params: rule.params.map(paramOf).filter((p) => p !== null),
    }));
  const refusals = applies
    .filter((x) => x.rule.kind === 'refusal')
    .map(({ rule }) => ({ id: rule.id, title: rule.title, citation: rule.cites.map(formatCitation).join('；') }));
  const materials = materialsFor(r, kind).map((m) => ({ id: m.id, label: m.label, citation: m.citation }));
  // 云医保〔2022〕6号 第六条第二款: the region's simplified list for adding a payment category, when it set one
  const addList = r.lists.get(`materials.add_category.${kind}`);
  const addCategoryMaterials = addList?.items
    ? { docNo: addList.docNo, layerLabel: layerLabelOf(isCountyCode(addList.regionCode) ? 'county' : 'local', addList.docNo), items: materialsForRoute(r, kind, 'add_category').map((m) => ({ id: m.id, label: m.label, citation: m.citation })) }
    : null;
  const departments = applies
    .filter((x) => x.rule.kind === 'jurisdiction' && x.rule.jurisdiction)
    .flatMap(({ rule }) => rule.jurisdiction!.entries.map((e) => ({
      accept: LEVEL_LABEL[e.accept], evaluate: LEVEL_LABEL[e.evaluate], sign: LEVEL_LABEL[e.sign],
      note: e.note ?? '', citation: rule.cites.map(formatCitation).join('；'),
    })));
  const limits = (['notice.supplement.workdays', 'evaluation.limit.months', 'publicity.duration.workdays', 'negotiation.window.workdays', 'signing.limit.workdays'] as const)
    .map((key) => {
      const spec = Object.values(DEADLINES).find((d) => d.paramKey === key);
      const p = w.params[key];
      // 云医保〔2022〕6号 第十八条 etc.: the pooling region's own value, when it set one (decision 0031)
      const own = r.params.get(key);
      if (own?.local) {
        return {
          key, label: spec?.label ?? key, value: own.value, unit: key.endsWith('.months') ? '个月' : '个工作日',
          citation: `${own.local.docNo}（${formatCitation(own.cite)}）`, note: p.note ?? null, ...layerOf(own),
        };
      }
      return {
        key, label: spec?.label ?? key, value: p.value,
        unit: key.endsWith('.months') ? '个月' : '个工作日', citation: cited(w, p.cites), note: p.note ?? null, ...layerOf(own),
      };
    });
  return {
    basis: cited(w, w.publicBasis.conditions),
    profile: { id: r.profile.id, name: r.profile.name, version: r.version },
    kind, kindLabel: institutionKindLabel[kind], asOf, region: pooling, county,
    conditions, materials, addCategoryMaterials, refusals,
    acceptance: { time: acceptanceTime(w), departments, limits },
  };
}

/**
 * The evaluation standards and procedure: scoring sheet, panel, inspection, result; for a region a
 * visitor picked, the standards its 市/县 agency published (自治区医保局〔2025〕征求意见稿 一(一);
 * decision 0043), the county's own or else its prefecture's, each with its layer.
 */
export function describeStandards(profileId: string, kind: InstitutionKind, asOf: string, rows: readonly RegionStandard[] = [], region: string | null = null) {
  const province = PROFILES.find((p) => p.id === profileId)?.regionCode;
  if (region && province && region.slice(0, 2) !== province.slice(0, 2)) {
    throw new AppError('INVALID_INPUT', `统筹地区 ${region} 不属于所选地区政策的省份`, { field: 'region' });
  }
  const r = resolvePublic(profileId, asOf);
  const basis = standardsBasis(profileId);
  const regionStandards = region && basis
    ? basis.kinds.map((k) => standardInForce(rows, k, asOf)).filter((s) => s !== null)
      .map((s) => ({ kind: s.kind, kindLabel: standardKindLabel[s.kind], title: s.title, docNo: s.docNo, effectiveFrom: s.effectiveFrom, items: s.items, process: s.process, regionCode: s.regionCode, layer: s.layer, layerLabel: s.layerLabel }))
    : [];
  const w = workflowProfileFor(profileId);
  const sheetId = w.sheets.value[kind];
  const sheet = sheetId ? SHEETS[sheetId] : undefined;
  return {
    basis: cited(w, w.publicBasis.standards),
    profile: { id: r.profile.id, name: r.profile.name },
    kind, kindLabel: institutionKindLabel[kind],
    region, regionStandardsBasis: basis?.citation ?? null, regionStandards,
    sheet: sheet
      ? {
          id: sheet.id, version: sheet.version, title: sheet.title, passThreshold: sheet.passThreshold, citation: cited(w, sheet.cites),
          items: sheet.items.map((i) => ({
            id: i.id, title: i.title, maxPoints: i.maxPoints, veto: i.vetoBelow !== undefined, citation: cited(w, i.cites),
            verified: i.cites.every((c) => c.verified !== false),
          })),
        }
      : null,
    panel: {
      specialties: panelSpecialtiesFor(w, kind).map((s) => specialtyLabel[s]),
      citation: cited(w, w.panelSpecialties.cites),
      thirdPartyAllowed: w.thirdPartyAllowed.value,
    },
    inspection: {
      modes: w.inspectionModes.value.map((m) => ({ written: '书面', on_site: '现场', video: '远程视频' }[m])),
      mandatory: w.mandatoryInspection.value,
      citation: cited(w, [...w.inspectionModes.cites, ...w.mandatoryInspection.cites]),
    },
    result: {
      voting: { none: '量化赋分确定结果，不表决', optional: '必要时表决', required: '须表决' }[w.voting.value],
      allMembersSign: w.allMembersSign.value,
      citation: cited(w, [...w.voting.cites, ...w.allMembersSign.cites]),
      evaluationMonths: w.params['evaluation.limit.months'].value,
    },
    steps: [
      '提交申请（即时受理，材料不全的一次性告知补正）',
      '组织评估（评估小组或第三方机构；书面、现场等形式）',
      '评估结果（合格／不合格，不合格告知理由和整改建议）',
      '公示（接受社会举报投诉）',
      '协商谈判（记录在案）',
      '协议学习与在线签订',
      '备案与医保支付系统开通',
    ],
  };
}
