/**
 * Tests for what the designation pipeline implemented without a test naming its article, found
 * while mapping docs/policy-coverage.md. Each name cites the article; the guards, rows and helpers
 * exercised are named in that document.
 */
import { describe, expect, it } from 'vitest';
import { specialSections } from '../../agreements/agreement-sections';
import { failureDates } from '../../designation/screening-facts';
import { cleanScreeningFacts } from '../policy/facts';
import { evaluate } from '../policy/resolve';
import type { Application } from './application';
import { ctxFor, draftMedical, inspection, panelFor, panelWork, walk, type Step } from './fixtures';
import { inspectionSituations } from './guards';
import { BEIJING, JILIN, YUNNAN, ZIZHIQU_DRAFT, type WorkflowProfile } from './profiles';
import { computeResult } from './scoring';
import { SHEETS } from './sheets';
import { TERMINAL_STATES } from './states';
import { TABLE } from './table';
import { transition, type Effect } from './transition';
import type { DesignationEvent } from './events';

const SUBMIT: Step[] = [
  { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
  { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
];
const ACCEPT: Step = { ev: { type: 'accept' }, role: 'agency_officer', on: '2025-03-04' };
/** 云医保〔2022〕6号 第十条: an add-category applicant is accepted after its 违规性审核 */
const REVIEW: Step = { ev: { type: 'record_violation_review', violationsFound: false, summary: '协议期内未发现违规' }, role: 'agency_officer', on: '2025-03-04' };
const accepted = (profile: WorkflowProfile, app: Application = draftMedical()) =>
  walk(profile, app, [...SUBMIT, ...(app.route === 'add_category' ? [REVIEW] : []), ACCEPT]).app;
const step = (profile: WorkflowProfile, app: Application, ev: DesignationEvent, role: Parameters<typeof ctxFor>[1], on: string, extra = {}) =>
  transition(app, ev, ctxFor(profile, role, on, extra));
const ruleIds = (r: ReturnType<typeof transition>) => (r.ok ? [] : r.reasons.map((x) => x.ruleId));
const docs = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'issue_document' ? [e.document] : []));
const thirdParty = (qualification = '资质证书', mode: 'on_site' | 'written' = 'on_site'): DesignationEvent => ({
  type: 'appoint_third_party', name: '某评估公司', qualification, sheetId: 'yn-2022-checklist', inspection: { required: mode === 'on_site', mode },
});

/** An application in a later state, built the way transition.test.ts does. */
const later = (state: string, extra: object = {}): Application => ({
  ...accepted(YUNNAN), state, evaluations: [],
  publicity: { publishedOn: '2025-04-02', endsOn: '2025-04-11', complaints: [] },
  negotiation: { meetings: [], opensOn: '2025-04-11' },
  ...extra,
}) as Application;

describe('第二章 定点申请 — 材料审核', () => {
  it('云医保〔2022〕6号 第十条: a 函询 is recorded on the application without moving it; only the agency records it, and not once the evaluation has begun', () => {
    const w = walk(YUNNAN, draftMedical(), SUBMIT);
    const r = step(YUNNAN, w.app, { type: 'record_inquiry', kind: 'inquiry_letter', counterpart: '昆明市医保中心', summary: '违规情况、履约情况函询' }, 'agency_officer', '2025-03-04');
    expect(r.ok && r.next.state).toBe('under_review');
    expect(r.ok && 'inquiries' in r.next && r.next.inquiries).toEqual([
      { on: '2025-03-04', kind: 'inquiry_letter', counterpart: '昆明市医保中心', summary: '违规情况、履约情况函询' },
    ]);
    expect(r.ok && r.row.cites).toContainEqual({ doc: '云医保〔2022〕6号', article: 10 });
    expect(step(YUNNAN, w.app, { type: 'record_inquiry', kind: 'inquiry_letter', counterpart: 'x', summary: 'y' }, 'institution_staff', '2025-03-04'))
      .toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const evaluating = walk(YUNNAN, accepted(YUNNAN), [{ ev: thirdParty(), role: 'agency_officer', on: '2025-03-05' }]).app;
    expect(step(YUNNAN, evaluating, { type: 'record_inquiry', kind: 'inquiry_letter', counterpart: 'x', summary: 'y' }, 'agency_officer', '2025-03-06'))
      .toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });
});

describe('第三章 组织评估', () => {
  it('吉医保规〔2023〕1号 第七条: a result is recognised only where the profile has same-city mutual recognition, and only for its categories', () => {
    const y = step(YUNNAN, accepted(YUNNAN), { type: 'recognise_result', sourceAgency: '省本级', categories: ['inpatient'] }, 'agency_officer', '2025-03-05');
    expect(ruleIds(y)).toEqual(['mutual-recognition.applicable']);
    expect(!y.ok && y.message).toContain('本统筹区未实行评估结果同城互认');
    const j = accepted(JILIN);
    const outside = step(JILIN, j, { type: 'recognise_result', sourceAgency: '吉林省医保局（省本级）', categories: ['inpatient', 'chronic_disease'] }, 'agency_officer', '2025-03-05');
    expect(!outside.ok && outside.reasons[0]).toMatchObject({ ruleId: 'mutual-recognition.applicable', citation: '吉医保规〔2023〕1号 第七条' });
    expect(!outside.ok && outside.message).toContain('chronic_disease');
    expect(ruleIds(step(JILIN, j, { type: 'recognise_result', sourceAgency: '省本级', categories: [] }, 'agency_officer', '2025-03-05'))).toEqual(['mutual-recognition.applicable']);
  });

  it('云医保〔2022〕6号 第十一条: a third-party evaluator must have its qualification (资质条件) recorded', () => {
    const r = step(YUNNAN, accepted(YUNNAN), thirdParty('  '), 'agency_officer', '2025-03-05');
    expect(ruleIds(r)).toEqual(['third-party.allowed']);
    expect(!r.ok && r.message).toContain('资质');
  });

  it('云医保〔2022〕6号 第十三条: situations 2–5 — a single pharmacy\'s first application and the doubts the officer records require an on-site inspection; Beijing makes none compulsory', () => {
    const base = draftMedical();
    expect(inspectionSituations(base)).toEqual([1]);
    expect(inspectionSituations({ ...base, institutionKind: 'pharmacy', singlePharmacy: true })).toEqual([2]);
    expect(inspectionSituations({ ...base, institutionKind: 'pharmacy', singlePharmacy: false })).toEqual([]);
    const addCategory = { ...base, route: 'add_category' as const };
    expect(inspectionSituations(addCategory)).toEqual([]);
    expect(inspectionSituations(addCategory, { capabilityMismatch: true, breachInTerm: true, other: true })).toEqual([3, 4, 5]);

    const app = accepted(YUNNAN, addCategory);
    const written = (doubts?: object): DesignationEvent => ({ type: 'form_panel', panel: panelFor(YUNNAN, app), sheetId: 'yn-2022-checklist', inspection: { required: false, mode: 'written' }, ...(doubts ? { doubts } : {}) });
    expect(step(YUNNAN, app, written(), 'agency_officer', '2025-03-05').ok).toBe(true);
    const doubtful = step(YUNNAN, app, written({ capabilityMismatch: true }), 'agency_officer', '2025-03-05');
    expect(ruleIds(doubtful)).toEqual(['inspection.required-situations']);
    expect(!doubtful.ok && doubtful.message).toContain('第十三条第3项');

    const bj = walk(BEIJING, draftMedical('bj'), [...SUBMIT, { ...ACCEPT, level: 'county' }]).app;
    const bjWritten = step(BEIJING, bj, { type: 'form_panel', panel: panelFor(BEIJING, bj), sheetId: 'bj-2021-checklist', inspection: { required: false, mode: 'written' } }, 'agency_officer', '2025-03-05', { agencyLevel: 'province' });
    expect(bjWritten.ok).toBe(true);
  });

  it('云医保〔2022〕6号 第十三条: the result cannot be concluded before the required on-site inspection is recorded; 第十四条(三): a pass is filed and opens the 3 工作日 publicity clock', () => {
    const w = walk(YUNNAN, accepted(YUNNAN), [
      { ev: thirdParty(), role: 'agency_officer', on: '2025-03-05' },
      { ev: { type: 'record_third_party_result', pass: true, reportId: 'R-1' }, role: 'agency_officer', on: '2025-03-07' },
    ]);
    const early = step(YUNNAN, w.app, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-07');
    expect(ruleIds(early)).toEqual(['inspection.done']);
    const done = walk(YUNNAN, w.app, [
      { ev: inspection(YUNNAN, ['第三方核查员甲', '第三方核查员乙'], '人员、信息系统与申报一致'), role: 'agency_officer', on: '2025-03-10' },
      { ev: { type: 'conclude_evaluation' }, role: 'agency_officer', on: '2025-03-10' },
    ]);
    expect(done.app.state).toBe('evaluated_pass');
    expect(docs(done.effects[1]!)).toEqual(['evaluation_minutes', 'evaluation_filing']);
    expect(done.effects[1]!).toContainEqual(expect.objectContaining({ kind: 'start_deadline', deadline: 'publicity_publish', due: '2025-03-13' }));
  });

  it('云医保〔2022〕6号 第十四条(三): a failure is filed and the institution gets a 评估结果告知书', () => {
    const w = walk(YUNNAN, accepted(YUNNAN), [
      { ev: thirdParty(), role: 'agency_officer', on: '2025-03-05' },
      { ev: inspection(YUNNAN, ['第三方核查员甲'], '信息系统未完成对接'), role: 'agency_officer', on: '2025-03-06' },
      { ev: { type: 'record_third_party_result', pass: false, reportId: 'R-2' }, role: 'agency_officer', on: '2025-03-07' },
      { ev: { type: 'conclude_evaluation' }, role: 'agency_officer', on: '2025-03-07' },
    ]);
    expect(w.app.state).toBe('evaluated_fail');
    expect(docs(w.effects[3]!)).toEqual(['evaluation_minutes', 'evaluation_result_notice', 'evaluation_filing']);
    // the concluded evaluation stays on record with its result (evaluator, inspection findings)
    const failed = w.app as unknown as { evaluations: { pass: boolean; record?: { evaluator: { kind: string }; inspection: { record?: { findings: string } } } }[] };
    expect(failed.evaluations.at(-1)).toMatchObject({ pass: false, record: { evaluator: { kind: 'third_party' }, inspection: { record: { findings: '信息系统未完成对接' } } } });
  });

  it('云医保〔2022〕6号 第十四条(二)3: the screening facts count the failures since the last pass, the second dated by the notice served — the ban rule fires for 1 year', () => {
    const app = draftMedical('ban');
    const banned = walk(YUNNAN, accepted(YUNNAN, app), [
      { ev: thirdParty(), role: 'agency_officer', on: '2025-03-05' },
      { ev: inspection(YUNNAN, ['x']), role: 'agency_officer', on: '2025-03-06' },
      { ev: { type: 'record_third_party_result', pass: false, reportId: 'R-1' }, role: 'agency_officer', on: '2025-03-07' },
      { ev: { type: 'conclude_evaluation' }, role: 'agency_officer', on: '2025-03-07' },
      { ev: { type: 'serve_result_notice', servedOn: '2025-03-10' }, role: 'agency_officer', on: '2025-03-10' },
      { ev: { type: 'request_reevaluation' }, role: 'institution_staff', on: '2025-06-11' },
      { ev: thirdParty(), role: 'agency_officer', on: '2025-06-12' },
      { ev: inspection(YUNNAN, ['x']), role: 'agency_officer', on: '2025-06-13' },
      { ev: { type: 'record_third_party_result', pass: false, reportId: 'R-2' }, role: 'agency_officer', on: '2025-06-16' },
      { ev: { type: 'conclude_evaluation' }, role: 'agency_officer', on: '2025-06-16' },
      { ev: { type: 'serve_result_notice', servedOn: '2025-06-18' }, role: 'agency_officer', on: '2025-06-18' },
    ]).app;
    expect(banned.state).toBe('banned');
    const dates = failureDates([banned]);
    expect(dates).toEqual(['2025-03-07', '2025-06-18']);
    const fired = (asOf: string) => evaluate('yunnan', 'screening', { ...cleanScreeningFacts('medical'), lastEvaluationFailures: dates }, asOf)
      .reasons.map((r) => r.ruleId);
    expect(fired('2026-06-17')).toContain('yunnan.refusal.ban-after-second-failure');
    expect(fired('2026-06-19')).not.toContain('yunnan.refusal.ban-after-second-failure');
    // a later pass wipes the slate
    const passed = { ...banned, evaluations: [{ attempt: 1, on: '2026-09-01', pass: true, total: null, reasons: [] }] } as Application;
    expect(failureDates([banned, passed])).toEqual([]);
  });

  it('京医保发〔2021〕30号 第九条: a district agency may organise the panel, but only the city agency concludes the result', () => {
    const app = draftMedical('bj9');
    const panel = panelFor(BEIJING, app);
    const w = walk(BEIJING, app, [
      ...SUBMIT, { ...ACCEPT, level: 'county' },
      { ev: { type: 'form_panel', panel, sheetId: 'bj-2021-checklist', inspection: { required: false, mode: 'written' } }, role: 'agency_officer', level: 'county', on: '2025-03-10' },
      ...panelWork(BEIJING, panel, 'bj-2021-checklist', '2025-03-11', true),
    ]);
    const district = step(BEIJING, w.app, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-11', { agencyLevel: 'county' });
    expect(!district.ok && district.reasons[0]).toMatchObject({ ruleId: 'stage.result.agency-level' });
    expect(!district.ok && district.reasons[0]!.citation).toContain('京医保发〔2021〕30号 第九条');
    const city = step(BEIJING, w.app, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-11', { agencyLevel: 'province' });
    expect(city.ok && city.next.state).toBe('evaluated_pass');
  });

  it('吉医保规〔2023〕1号 第十六条: with 量化赋分 no vote can be cast', () => {
    const app = accepted(JILIN, draftMedical('jl16'));
    const panel = panelFor(JILIN, app);
    const w = walk(JILIN, app, [
      { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' },
      { ev: { type: 'form_panel', panel, sheetId: 'jl-2023-medical', inspection: { required: false, mode: 'written' } }, role: 'agency_officer', on: '2025-03-20' },
    ]);
    const m = panel.members[0]!.expertId;
    const r = step(JILIN, w.app, { type: 'cast_vote', memberId: m, vote: 'pass' }, 'expert', '2025-03-20', { id: m });
    expect(ruleIds(r)).toEqual(['voting.allowed']);
  });

  it('吉医保规〔2023〕1号 第十七条: a long-term-care home is scored on the 第十七条 sheet — five items citing (一)–(五), licences and information system are veto items', () => {
    expect(JILIN.sheets.value.ltc).toBe('jl-2023-ltc');
    const sheet = SHEETS['jl-2023-ltc']!;
    expect(sheet.items.map((i) => i.cites[0])).toEqual([1, 2, 3, 4, 5].map((item) => ({ doc: '吉医保规〔2023〕1号', article: 17, item, verified: false })));
    const members = ['m1', 'm2', 'm3'];
    const full = Object.fromEntries(sheet.items.map((i) => [i.id, i.maxPoints]));
    const r = computeResult({
      sheet, memberIds: members, votes: [], signatures: members.map((memberId) => ({ memberId })), voting: 'none', allMustSign: true,
      scores: members.map((memberId) => ({ memberId, scores: { ...full, licences: 0 } })),
    });
    expect(r.passByScore).toBe(true);
    expect(r.vetoFailed).toEqual(['licences']);
    expect(r.outcome).toBe('fail');
    const noIt = computeResult({
      sheet, memberIds: members, votes: [], signatures: members.map((memberId) => ({ memberId })), voting: 'none', allMustSign: true,
      scores: members.map((memberId) => ({ memberId, scores: { ...full, it: 0 } })),
    });
    expect(noIt.vetoFailed).toEqual(['it']);
    expect(noIt.outcome).toBe('fail');
  });
});

describe('公示、协商谈判、协议签订', () => {
  it('云医保〔2022〕6号 第十五条: a complaint is registered once and resolved once', () => {
    const pub = later('in_publicity', {
      publicity: { publishedOn: '2025-04-02', endsOn: '2025-04-11', complaints: [
        { id: 'c1', receivedOn: '2025-04-03', summary: 's', contact: 'c' },
        { id: 'c2', receivedOn: '2025-04-03', summary: 's', contact: 'c', outcome: { on: '2025-04-07', foundTrue: false, finding: '不属实' } },
      ] },
    });
    expect(ruleIds(step(YUNNAN, pub, { type: 'file_complaint', complaintId: 'c1', summary: 's', contact: 'c' }, 'public', '2025-04-08'))).toEqual(['complaint.new']);
    const unknown = step(YUNNAN, pub, { type: 'resolve_complaint', complaintId: 'zz', foundTrue: false, finding: 'f' }, 'agency_officer', '2025-04-08');
    expect(!unknown.ok && unknown.message).toContain('未找到该举报投诉');
    const twice = step(YUNNAN, pub, { type: 'resolve_complaint', complaintId: 'c2', foundTrue: false, finding: 'f' }, 'agency_officer', '2025-04-08');
    expect(!twice.ok && twice.message).toContain('该举报投诉已办结');
  });

  it('云医保〔2022〕6号 第十六条 / 自治区医保局〔2025〕征求意见稿 一(二): the negotiation cannot be concluded either way before a meeting is recorded, each profile citing its own text', () => {
    const neg = later('negotiating');
    for (const ev of [{ type: 'negotiation_agreed' }, { type: 'negotiation_failed', reason: '未达成一致' }] as DesignationEvent[]) {
      const r = step(YUNNAN, neg, ev, 'agency_officer', '2025-04-14');
      expect(ruleIds(r)).toEqual(['negotiation.recorded']);
      expect(!r.ok && r.reasons[0]!.citation).toBe('云医保〔2022〕6号 第十六条');
      const z = step(ZIZHIQU_DRAFT, neg, ev, 'agency_officer', '2025-04-14');
      expect(!z.ok && z.reasons[0]!.citation).toBe('自治区医保局〔2025〕征求意见稿（草案） 一(二)');
    }
  });

  it('云医保〔2022〕6号 第十七条: 协议学习 must record who attended and fix the text (template, version, hash) before signing starts', () => {
    const study = later('agreement_study');
    const ev = (over: object): DesignationEvent => ({ type: 'complete_study', attendees: ['院长'], templateId: 'yn-medical', templateVersion: '2025', textHash: 'h1', ...over } as DesignationEvent);
    expect(ruleIds(step(YUNNAN, study, ev({ attendees: [] }), 'agency_officer', '2025-04-18'))).toEqual(['study.recorded']);
    expect(ruleIds(step(YUNNAN, study, ev({ textHash: '' }), 'agency_officer', '2025-04-18'))).toEqual(['study.recorded']);
    const ok = step(YUNNAN, study, ev({}), 'agency_officer', '2025-04-18');
    expect(ok.ok && ok.next.state).toBe('signing');
  });

  it('云医保〔2022〕6号 第十八条: each party signs once', () => {
    const sig = { signer: '院长', capacity: 'legal_rep' as const, online: true, textHash: 'h', on: '2025-04-20' };
    const signing = later('signing', { agreement: { templateId: 't', templateVersion: '1', textHash: 'h', signBy: '2025-05-16', institutionSignature: sig } });
    const again = step(YUNNAN, signing, { type: 'institution_sign', signer: '院长', capacity: 'legal_rep', online: true, textHash: 'h' }, 'institution_staff', '2025-04-21');
    expect(ruleIds(again)).toEqual(['signing.party-not-signed']);
    const agency = step(YUNNAN, signing, { type: 'agency_sign', signer: '主任', capacity: 'legal_rep', online: true, textHash: 'h' }, 'agency_head', '2025-04-21');
    expect(agency.ok && agency.next.state).toBe('signed');
  });

  it('吉医保规〔2023〕1号 第二十三条(一)–(四): branches, practice sites, a medical community and village clinics become sections of the signed text, each citing its item', () => {
    const s = specialSections({
      branches: ['仁和医院东院'],
      sites: [{ name: '北院区', address: '北路1号', approved: true }, { name: '南院区', address: '南路2号', approved: false }],
      medicalCommunity: { lead: '某县人民医院', members: ['甲乡卫生院', '乙镇卫生院'] },
      villageClinics: ['丙村卫生室'],
    }, JILIN);
    expect(s.map((x) => x.note)).toEqual(['(一)', '(二)', '(三)', '(四)'].map((i) => `吉医保规〔2023〕1号 第二十三条${i}`));
    expect(s[0]!.list!.items).toEqual(['仁和医院东院']);
    // (二) a site that failed its evaluation is left out of the agreement, and named as excluded
    expect(s[1]!.table!.rows).toEqual([['北院区', '北路1号', '通过，可提供医保服务']]);
    expect(s[1]!.paragraphs[1]).toBe('未通过评估的执业地点（南院区）不适用本协议，不得提供医疗保障服务。');
    expect(s[2]!.paragraphs[0]).toContain('某县人民医院');
    expect(s[3]!.list!.items).toEqual(['丙村卫生室']);
    expect(specialSections({}, JILIN)).toEqual([]);
    // issue #7: under another profile the sections stand without the Jilin article
    expect(specialSections({ branches: ['东院'], internetHospital: { name: '互联网医院' } }, YUNNAN).map((x) => x.note)).toEqual([undefined, undefined]);
  });

  it('云医保〔2022〕6号 第十九条: filing the signing issues the 协议签订情况备案表 and stops the filing clock; 第二十条: activation stops the activation clock', () => {
    const sig = { signer: '院长', capacity: 'legal_rep' as const, online: true, textHash: 'h', on: '2025-04-22' };
    const signed = later('signed', {
      agreement: { templateId: 't', templateVersion: '1', textHash: 'h', signBy: '2025-05-16', institutionSignature: sig, agencySignature: { ...sig, signer: '主任' }, signedOn: '2025-04-23' },
    });
    const filed = step(YUNNAN, signed, { type: 'file_signing' }, 'agency_officer', '2025-04-25');
    expect(filed.ok && filed.next.state).toBe('filed');
    expect(filed.ok && filed.effects).toEqual([
      { kind: 'stop_deadline', deadline: 'filing' },
      expect.objectContaining({ kind: 'issue_document', document: 'signing_filing', cites: expect.arrayContaining([{ doc: '云医保〔2022〕6号', article: 19 }]) }),
    ]);
    if (!filed.ok) return;
    const activated = step(YUNNAN, filed.next, { type: 'activate_payment' }, 'agency_officer', '2025-04-28');
    expect(activated.ok && activated.next.state).toBe('activated');
    expect(activated.ok && activated.effects).toEqual([{ kind: 'stop_deadline', deadline: 'activation' }]);
  });

  it('云医保〔2022〕6号 第二十条: an activated application is finished — no row leaves a terminal state', () => {
    const activated = later('activated', { activatedOn: '2025-04-28' });
    const r = step(YUNNAN, activated, { type: 'withdraw', reason: 'x' }, 'institution_staff', '2025-05-01');
    expect(!r.ok && r.message).toBe('当前状态为「医保支付系统已开通」，不能「撤回申请」；申请已办结');
    expect(TABLE.filter((row) => TERMINAL_STATES.includes(row.from))).toEqual([]);
  });
});
