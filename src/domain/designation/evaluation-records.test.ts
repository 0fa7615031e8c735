/**
 * What the agency and the panel must have recorded before a step may happen, per profile:
 * 云医保〔2022〕6号 第十条 违规性审核 of an add-category applicant, 第十三条 the inspection checklist and
 * inspectors drawn from the panel, 第十四条(一)1–2 the policy study and the 承办部门's report.
 */
import { describe, expect, it } from 'vitest';
import type { Application, InspectionFinding } from './application';
import { BRIEFING, ctxFor, draftMedical, inspection, panelFor, panelWork, walk, type Step } from './fixtures';
import { BEIJING, JILIN, YUNNAN, type WorkflowProfile } from './profiles';
import { transition } from './transition';
import type { DesignationEvent } from './events';

const SUBMIT: Step[] = [
  { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
  { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
];
const ACCEPT: Step = { ev: { type: 'accept' }, role: 'agency_officer', on: '2025-03-04' };
const REVIEW: DesignationEvent = { type: 'record_violation_review', violationsFound: true, summary: '2024年有1次违规收费，已整改完毕' };
const step = (profile: WorkflowProfile, app: Application, ev: DesignationEvent, role: Parameters<typeof ctxFor>[1], on: string, extra = {}) =>
  transition(app, ev, ctxFor(profile, role, on, extra));
const ruleIds = (r: ReturnType<typeof transition>) => (r.ok ? [] : r.reasons.map((x) => x.ruleId));

/** A Yunnan medical institution's panel evaluation, scored and voted pass. */
function yunnanPanel(id: string) {
  const app = draftMedical(id);
  const panel = panelFor(YUNNAN, app);
  const w = walk(YUNNAN, app, [
    ...SUBMIT, ACCEPT,
    { ev: { type: 'form_panel', panel, sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }, role: 'agency_officer', on: '2025-03-05' },
    ...panelWork(YUNNAN, panel, 'yn-2022-checklist', '2025-03-06', true),
  ]);
  return { app: w.app, panel };
}

describe('云医保〔2022〕6号 第十三条 现场核查', () => {
  it('云医保〔2022〕6号 第十三条: the inspection is recorded item by item — 试运营、人员资质服务项目、信息系统接口设备、核心管理制度、其他 — each with a finding and whether it conforms', () => {
    expect(YUNNAN.inspectionChecklist.value?.map((i) => i.id)).toEqual(['trial_operation', 'staffing', 'information_system', 'core_rules', 'other']);
    expect(YUNNAN.inspectionChecklist.cites).toEqual([{ doc: '云医保〔2022〕6号', article: 13 }]);
    const { app, panel } = yunnanPanel('cl');
    const by = [panel.members[0]!.expertId, panel.members[1]!.expertId];

    const free = step(YUNNAN, app, { type: 'record_inspection', by, findings: '均符合' }, 'agency_officer', '2025-03-07');
    expect(ruleIds(free)).toEqual(['inspection.checklist-complete']);
    expect(!free.ok && free.reasons[0]!.citation).toBe('云医保〔2022〕6号 第十三条');
    expect(!free.ok && free.message).toContain('未记录：医药机构试运营情况、人员配备、执业资质和服务项目情况');

    const full = inspection(YUNNAN, by) as Extract<DesignationEvent, { type: 'record_inspection' }>;
    const lines = full.checklist!;
    const partial = step(YUNNAN, app, { ...full, checklist: lines.slice(1) }, 'agency_officer', '2025-03-07');
    expect(!partial.ok && partial.message).toContain('未记录：医药机构试运营情况');
    const blank = step(YUNNAN, app, { ...full, checklist: [{ ...lines[0]!, finding: ' ' }, ...lines.slice(1)] }, 'agency_officer', '2025-03-07');
    expect(!blank.ok && blank.message).toContain('未记录：医药机构试运营情况');
    const twice = step(YUNNAN, app, { ...full, checklist: [...lines, lines[4]!] }, 'agency_officer', '2025-03-07');
    expect(!twice.ok && twice.message).toContain('重复记录：其他需要核查的内容');

    const mixed: InspectionFinding[] = lines.map((l) => (l.item === 'information_system' ? { ...l, conforming: false, finding: '医保接口未完成对接测试' } : l));
    const ok = step(YUNNAN, app, { ...full, checklist: mixed }, 'agency_officer', '2025-03-07');
    expect(ok.ok).toBe(true);
    const rec = ok.ok && ok.next.state === 'evaluating' ? ok.next.evaluation.inspection.record : undefined;
    expect(rec?.checklist?.find((l) => l.item === 'information_system')).toEqual({ item: 'information_system', conforming: false, finding: '医保接口未完成对接测试' });

    // a record kept before the checklist existed does not count as the inspection done
    const legacy = { ...app, evaluation: { ...(app as Extract<Application, { state: 'evaluating' }>).evaluation, briefing: undefined } } as Application;
    const old = legacy.state === 'evaluating' ? { ...legacy, evaluation: { ...legacy.evaluation, inspection: { ...legacy.evaluation.inspection, record: { on: '2025-03-07', by, findings: '均符合' } } } } : legacy;
    const concluded = step(YUNNAN, walk(YUNNAN, old, [{ ev: BRIEFING, role: 'agency_officer', on: '2025-03-07' }]).app, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-07');
    expect(ruleIds(concluded)).toEqual(['inspection.done']);
    expect(!concluded.ok && concluded.message).toContain('核查记录不完整');
  });

  it('云医保〔2022〕6号 第十三条: Beijing and Jilin keep a free-text inspection record (no checklist in their texts)', () => {
    expect(BEIJING.inspectionChecklist.value).toBeNull();
    expect(JILIN.inspectionChecklist.value).toBeNull();
    const app = walk(JILIN, draftMedical('jl'), [...SUBMIT, ACCEPT, { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' }]).app;
    const w = walk(JILIN, app, [{ ev: { type: 'form_panel', panel: panelFor(JILIN, app), sheetId: 'jl-2023-medical', inspection: { required: true, mode: 'on_site' } }, role: 'agency_officer', on: '2025-03-20' }]);
    expect(step(JILIN, w.app, { type: 'record_inspection', by: ['经办人甲'], findings: '现场查看，符合' }, 'agency_officer', '2025-03-21').ok).toBe(true);
  });

  it('云医保〔2022〕6号 第十三条: 现场核查从评估小组中抽取人员承担 — an inspector who is not a member of the panel is refused with the article', () => {
    const { app, panel } = yunnanPanel('by');
    const member = panel.members[2]!.expertId;
    const r = step(YUNNAN, app, inspection(YUNNAN, [member, '经办人王五']), 'agency_officer', '2025-03-07');
    expect(ruleIds(r)).toEqual(['inspection.by-panel-members']);
    expect(!r.ok && r.reasons[0]).toMatchObject({ citation: '云医保〔2022〕6号 第十三条', message: expect.stringContaining('以下核查人员不是本评估小组成员：经办人王五') });
    const ok = step(YUNNAN, app, inspection(YUNNAN, [member]), 'expert', '2025-03-07', { id: member });
    expect(ok.ok && ok.next.state === 'evaluating' && ok.next.evaluation.inspection.record?.by).toEqual([member]);

    // a third party inspects with its own staff (第十一条); Jilin's text does not draw inspectors from the panel
    const tp = walk(YUNNAN, walk(YUNNAN, draftMedical('tp'), [...SUBMIT, ACCEPT]).app, [
      { ev: { type: 'appoint_third_party', name: '某评估公司', qualification: '资质证书', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }, role: 'agency_officer', on: '2025-03-05' },
    ]).app;
    expect(step(YUNNAN, tp, inspection(YUNNAN, ['评估公司核查员']), 'agency_officer', '2025-03-06').ok).toBe(true);
    expect(JILIN.inspectorsFromPanel.value).toBe(false);
    expect(YUNNAN.inspectorsFromPanel).toMatchObject({ value: true, cites: [{ doc: '云医保〔2022〕6号', article: 13 }] });
  });
});

describe('云医保〔2022〕6号 第十条 违规性审核', () => {
  it('云医保〔2022〕6号 第十条: an add-category application cannot be accepted before its 违规性审核 is recorded; a first application has none to record', () => {
    const add = walk(YUNNAN, { ...draftMedical('add'), route: 'add_category' }, SUBMIT).app;
    const early = step(YUNNAN, add, { type: 'accept' }, 'agency_officer', '2025-03-04');
    expect(ruleIds(early)).toEqual(['violation-review.recorded']);
    expect(!early.ok && early.reasons[0]).toMatchObject({ citation: '云医保〔2022〕6号 第十条', message: '申请增加医保支付类别的，须先记录违规性审核情况，方可受理' });

    const reviewed = walk(YUNNAN, add, [{ ev: REVIEW, role: 'agency_officer', on: '2025-03-04' }]);
    expect(reviewed.app.state).toBe('under_review');
    const accepted = step(YUNNAN, reviewed.app, { type: 'accept' }, 'agency_officer', '2025-03-05');
    expect(accepted.ok && accepted.next.state).toBe('accepted');
    expect(accepted.ok && accepted.row.cites).toContainEqual({ doc: '云医保〔2022〕6号', article: 10 });
    // violations found are recorded for the evaluation (第十四条(一)2 违规审查情况), they do not refuse by themselves
    expect(accepted.ok && accepted.next.state === 'accepted' && accepted.next.violationReview?.violationsFound).toBe(true);

    expect(step(YUNNAN, add, REVIEW, 'institution_staff', '2025-03-04')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const first = walk(YUNNAN, draftMedical('first'), SUBMIT).app;
    const r = step(YUNNAN, first, REVIEW, 'agency_officer', '2025-03-04');
    expect(ruleIds(r)).toEqual(['violation-review.applicable']);
    expect(step(YUNNAN, first, { type: 'accept' }, 'agency_officer', '2025-03-04').ok).toBe(true);
  });

  it('云医保〔2022〕6号 第十条: Beijing and Jilin accept an add-category application without a separate 违规性审核', () => {
    const bj = walk(BEIJING, { ...draftMedical('bj'), route: 'add_category' }, SUBMIT).app;
    expect(step(BEIJING, bj, { type: 'accept' }, 'agency_officer', '2025-03-04', { agencyLevel: 'county' }).ok).toBe(true);
    const jl = walk(JILIN, { ...draftMedical('jl'), route: 'add_category' }, SUBMIT).app;
    expect(step(JILIN, jl, { type: 'accept' }, 'agency_officer', '2025-03-04').ok).toBe(true);
  });
});

describe('云医保〔2022〕6号 第十四条(一) 评估程序', () => {
  it('云医保〔2022〕6号 第十四条(一)1–2: the panel\'s result cannot be concluded before the policy study and the 承办部门\'s report are recorded', () => {
    const { app, panel } = yunnanPanel('br');
    const inspected = walk(YUNNAN, app, [{ ev: inspection(YUNNAN, [panel.members[0]!.expertId]), role: 'agency_officer', on: '2025-03-07' }]).app;
    const early = step(YUNNAN, inspected, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-07');
    expect(ruleIds(early)).toEqual(['evaluation.briefed']);
    expect(!early.ok && early.reasons[0]!.citation).toBe('云医保〔2022〕6号 第十四条(一)1；云医保〔2022〕6号 第十四条(一)2');
    expect(step(YUNNAN, inspected, BRIEFING, 'expert', '2025-03-07', { id: panel.members[0]!.expertId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const briefed = step(YUNNAN, inspected, BRIEFING, 'agency_officer', '2025-03-07');
    const b = briefed.ok && briefed.next.state === 'evaluating' ? briefed.next.evaluation.briefing : undefined;
    expect(b).toMatchObject({ on: '2025-03-07', by: 'agency_officer-1', study: { content: '医药机构定点有关政策规定和纪律要求' } });
    expect(Object.keys(b!.report)).toEqual(['reporter', 'basics', 'materialReview', 'violationReview', 'inspection']);
    const done = step(YUNNAN, briefed.ok ? briefed.next : inspected, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-07');
    expect(done.ok && done.next.state).toBe('evaluated_pass');
  });

  it('云医保〔2022〕6号 第十四条(一)1–2: a third-party evaluation holds no panel meeting; Beijing and Jilin require no such record', () => {
    const tp = walk(YUNNAN, walk(YUNNAN, draftMedical('tp'), [...SUBMIT, ACCEPT]).app, [
      { ev: { type: 'appoint_third_party', name: '某评估公司', qualification: '资质证书', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }, role: 'agency_officer', on: '2025-03-05' },
    ]).app;
    expect(ruleIds(step(YUNNAN, tp, BRIEFING, 'agency_officer', '2025-03-06'))).toEqual(['briefing.panel-evaluation']);
    expect(BEIJING.evaluationBriefing.value).toBe(false);
    expect(JILIN.evaluationBriefing.value).toBe(false);
    expect(YUNNAN.evaluationBriefing.value).toBe(true);
  });
});
