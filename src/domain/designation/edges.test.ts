/**
 * Every legal edge of the transition table, walked through scenarios; the last test fails if any
 * row of the table was never taken. Dates are 2025 on a weekends-only fake calendar.
 */
import { describe, expect, it } from 'vitest';
import type { Application } from './application';
import { ctxFor, edgeKey, draftMedical, inspection, panelFor, panelInspection, panelWork, POOL, walk, type Step, type Walk } from './fixtures';
import { replaceMember } from './panel';
import { blockedNow } from './dry-run';
import { transition } from './transition';
import { BEIJING, JILIN, YUNNAN, type WorkflowProfile } from './profiles';
import { TABLE } from './table';
import type { Effect } from './transition';

const visited = new Set<string>();
const run = (profile: WorkflowProfile, app: Application, steps: Step[]): Walk => {
  const w = walk(profile, app, steps);
  w.edges.forEach((e) => visited.add(e));
  return w;
};
const starts = (effects: Effect[]) => Object.fromEntries(effects.flatMap((e) => (e.kind === 'start_deadline' ? [[e.deadline, e.due]] : [])));

const SUBMIT = (on: string): Step[] => [
  { ev: { type: 'submit' }, role: 'institution_staff', on },
  { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on },
];
const ACCEPT = (on: string): Step => ({ ev: { type: 'accept' }, role: 'agency_officer', on });
const formPanel = (profile: WorkflowProfile, app: Application, on: string, sheetId: string, mode: 'on_site' | 'written' = 'on_site'): Step => ({
  ev: { type: 'form_panel', panel: panelFor(profile, app), sheetId, inspection: { required: mode === 'on_site', mode } },
  role: 'agency_officer', on,
});
/** a third party's inspection (its own staff); a panel's is PANEL_INSPECT */
const INSPECT = (on: string): Step => ({ ev: inspection(YUNNAN, ['第三方核查员甲']), role: 'agency_officer', on });
/** 云医保〔2022〕6号 第十三条 by a panel member, and 第十四条(一)1–2 the study and the report */
const PANEL_INSPECT = (app: Application, on: string): Step[] => panelInspection(YUNNAN, panelFor(YUNNAN, app), on);
const CONCLUDE = (on: string): Step => ({ ev: { type: 'conclude_evaluation' }, role: 'agency_officer', on });
const meeting = (on: string) => ({
  type: 'record_negotiation' as const,
  meeting: { on, form: 'meeting' as const, participants: ['经办机构', '医疗机构'], points: { serviceScope: '普通门诊、住院', paymentMethod: '按病种', settlementStandard: '按月结算' } },
});
const SIGN = (role: 'institution_staff' | 'agency_head', on: string, textHash = 'h1'): Step => ({
  ev: { type: role === 'institution_staff' ? 'institution_sign' : 'agency_sign', signer: role === 'institution_staff' ? '院长' : '主任', capacity: 'legal_rep', online: true, textHash },
  role, on,
});
const STUDY = (on: string): Step => ({ ev: { type: 'complete_study', attendees: ['院长', '医保办主任'], templateId: 'yn-medical', templateVersion: '2025', textHash: 'h1' }, role: 'agency_officer', on });

/** Yunnan, medical institution, from draft to evaluated_pass (with 补正 and an inquiry letter). */
function yunnanToPass(id: string): Walk {
  const app = draftMedical(id);
  return run(YUNNAN, app, [
    ...SUBMIT('2025-03-03'),
    { ev: { type: 'request_supplement', missingItems: ['信息系统相关材料'] }, role: 'agency_officer', on: '2025-03-05' },
    { ev: { type: 'supplement', items: ['信息系统相关材料'] }, role: 'institution_staff', on: '2025-03-12' },
    ACCEPT('2025-03-13'),
    { ev: { type: 'record_inquiry', kind: 'inquiry_letter', counterpart: '昆明市医保中心', summary: '违规情况函询' }, role: 'agency_officer', on: '2025-03-14' },
    formPanel(YUNNAN, app, '2025-03-20', 'yn-2022-checklist'),
    ...PANEL_INSPECT(app, '2025-03-25'),
    ...panelWork(YUNNAN, panelFor(YUNNAN, app), 'yn-2022-checklist', '2025-04-01', true),
    CONCLUDE('2025-04-01'),
  ]);
}

describe('designation pipeline: every legal edge', () => {
  it('云医保〔2022〕6号 第八条–第二十条: the whole happy path, 即时受理 to 系统开通, with the deadlines each article sets', () => {
    const w0 = yunnanToPass('happy');
    const w = run(YUNNAN, w0.app, [
      { ev: { type: 'publish_publicity' }, role: 'agency_officer', on: '2025-04-02' },
      { ev: { type: 'file_complaint', complaintId: 'c1', summary: '疑似挂证', contact: '138****0000' }, role: 'public', on: '2025-04-03' },
      { ev: { type: 'resolve_complaint', complaintId: 'c1', foundTrue: false, finding: '经核实不属实' }, role: 'agency_officer', on: '2025-04-08' },
      { ev: { type: 'end_publicity' }, role: 'system', on: '2025-04-14' },
      { ev: meeting('2025-04-16'), role: 'agency_officer', on: '2025-04-16' },
      { ev: { type: 'negotiation_agreed' }, role: 'agency_officer', on: '2025-04-16' },
      STUDY('2025-04-18'),
      SIGN('institution_staff', '2025-04-22'),
      SIGN('agency_head', '2025-04-23'),
      { ev: { type: 'file_signing' }, role: 'agency_officer', on: '2025-04-25' },
      { ev: { type: 'activate_payment' }, role: 'agency_officer', on: '2025-04-28' },
    ]);
    expect(w.app.state).toBe('activated');
    // 第九条: one-time notice within 5 工作日 of receipt; 京医保发〔2021〕30号 第九条: 3 months from receipt
    expect(starts(w0.effects[0]!)).toEqual({ supplement_notice: '2025-03-10', evaluation_limit: '2025-06-03' });
    // 补正 from 03-05 to 03-12 is not counted: 7 days added
    expect(w0.effects[3]).toContainEqual(expect.objectContaining({ kind: 'resume_deadline', deadline: 'evaluation_limit', due: '2025-06-10' }));
    // 第十五条: published within 3 工作日 of the result, for 7 工作日
    expect(starts(w0.effects.at(-1)!)).toEqual({ publicity_publish: '2025-04-04' });
    expect(starts(w.effects[0]!)).toEqual({ publicity_period: '2025-04-11' });
    // 第十六条: negotiation within 10 工作日 after the publicity ends (counted from 04-11)
    expect(starts(w.effects[3]!)).toEqual({ negotiation_window: '2025-04-25' });
    // 第十八条: the region's signing limit starts after 协议学习
    expect(starts(w.effects[6]!)).toEqual({ signing_limit: '2025-05-16' });
    // 第十九条 filing within 5 工作日, 第二十条 activation within 10 工作日 of signing
    expect(starts(w.effects[8]!)).toEqual({ filing: '2025-04-30', activation: '2025-05-07' });
    expect(w.effects[8]!.filter((e) => e.kind === 'issue_document').map((e) => (e as { document: string }).document)).toEqual(['directory_entry']); // the agreement is its own record (one number), not a second 文书
  });

  it('京医保发〔2021〕30号 第十二条: a refusal rule fired, the officer overrides with a written reason', () => {
    const w = run(YUNNAN, draftMedical('override'), [
      { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
      { ev: { type: 'screening_completed', reasons: [{ ruleId: 'r', citation: '京医保发〔2021〕30号 第十二条(八)', message: '负责人被列入失信名单' }] }, role: 'system', on: '2025-03-03' },
      { ev: { type: 'override_refusal', reason: '失信名单已于2025年2月移出，经核实' }, role: 'agency_head', on: '2025-03-04' },
      { ev: { type: 'record_inquiry', kind: 'inquiry_letter', counterpart: '某市医保局', summary: '核实失信记录' }, role: 'agency_officer', on: '2025-03-04' },
      ACCEPT('2025-03-05'),
    ]);
    expect(w.app.state).toBe('accepted');
    expect(w.app.state === 'accepted' && w.app.override?.reason).toContain('经核实');
  });

  it('京医保发〔2021〕30号 第十二条: the officer confirms the refusal; 不予受理决定书 is issued and every deadline stops', () => {
    const w = run(YUNNAN, draftMedical('refuse'), [
      { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
      { ev: { type: 'screening_completed', reasons: [{ ruleId: 'r', citation: '京医保发〔2021〕30号 第十二条(一)', message: '以医疗美容为主要执业范围' }] }, role: 'system', on: '2025-03-03' },
      { ev: { type: 'confirm_refusal' }, role: 'agency_officer', on: '2025-03-04' },
    ]);
    expect(w.app.state).toBe('refused');
    expect(w.effects[2]).toEqual([
      { kind: 'stop_all_deadlines' },
      expect.objectContaining({ kind: 'issue_document', document: 'refusal_decision' }),
    ]);
  });

  it('云医保〔2022〕6号 第九条: a second request after 补正 may only repeat items of the one-time notice', () => {
    const w = run(YUNNAN, draftMedical('twice'), [
      ...SUBMIT('2025-03-03'),
      { ev: { type: 'request_supplement', missingItems: ['申请表', '财务制度'] }, role: 'agency_officer', on: '2025-03-04' },
      { ev: { type: 'supplement', items: ['申请表'] }, role: 'institution_staff', on: '2025-03-06' },
      { ev: { type: 'record_inquiry', kind: 'inquiry_letter', counterpart: 'x', summary: 'y' }, role: 'agency_officer', on: '2025-03-06' },
      { ev: { type: 'request_supplement', missingItems: ['财务制度'] }, role: 'agency_officer', on: '2025-03-07' },
    ]);
    expect(w.app.state).toBe('needs_supplement');
  });

  it('云医保〔2022〕6号 第十四条(三): 不合格 → notice served → 3 months of 整改 → re-evaluation → 不合格 again → 1 year ban', () => {
    const app = draftMedical('fail');
    const w = run(YUNNAN, app, [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'),
      formPanel(YUNNAN, app, '2025-03-10', 'yn-2022-checklist'), ...PANEL_INSPECT(app, '2025-03-11'),
      ...panelWork(YUNNAN, panelFor(YUNNAN, app), 'yn-2022-checklist', '2025-03-12', false),
      CONCLUDE('2025-03-12'),
      { ev: { type: 'serve_result_notice', servedOn: '2025-03-14' }, role: 'agency_officer', on: '2025-03-14' },
      { ev: { type: 'request_reevaluation' }, role: 'institution_staff', on: '2025-06-15' },
      { ev: { type: 'appoint_third_party', name: '某评估公司', qualification: '资质证书123', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }, role: 'agency_officer', on: '2025-06-16' },
      INSPECT('2025-06-17'),
      { ev: { type: 'record_third_party_result', pass: false, reportId: 'rpt-2' }, role: 'agency_officer', on: '2025-06-20' },
      CONCLUDE('2025-06-20'),
      { ev: { type: 'serve_result_notice', servedOn: '2025-06-23' }, role: 'agency_officer', on: '2025-06-23' },
    ]);
    const rect = w.seen.get('rectifying');
    expect(rect?.state === 'rectifying' && rect.reevaluationFrom).toBe('2025-06-15');
    expect(w.app.state === 'banned' && w.app.bannedUntil).toBe('2026-06-23');
    expect(w.app.state === 'banned' && w.app.evaluations.map((e) => e.pass)).toEqual([false, false]);
  });

  it('云医保〔2022〕6号 第十四条(三): a re-evaluation may also be a new panel', () => {
    const app = draftMedical('fail2');
    const w = run(YUNNAN, app, [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'),
      { ev: { type: 'appoint_third_party', name: '某评估公司', qualification: '资质', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }, role: 'agency_officer', on: '2025-03-05' },
      INSPECT('2025-03-06'),
      { ev: { type: 'record_third_party_result', pass: false, reportId: 'rpt-1' }, role: 'agency_officer', on: '2025-03-07' },
      CONCLUDE('2025-03-07'),
      { ev: { type: 'serve_result_notice', servedOn: '2025-03-10' }, role: 'agency_officer', on: '2025-03-10' },
      { ev: { type: 'request_reevaluation' }, role: 'agency_officer', on: '2025-06-11' },
      formPanel(YUNNAN, app, '2025-06-12', 'yn-2022-checklist'),
    ]);
    expect(w.app.state).toBe('evaluating');
    expect(w.app.attempt).toBe(2);
  });

  it('吉医保规〔2023〕1号 第十二条/第十八条/第十九条: batch evaluation, all members sign, a complaint found true cancels the negotiation', () => {
    const app = draftMedical('jl');
    const w = run(JILIN, app, [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'),
      { ev: { type: 'assign_batch', batchId: '2025-Q1', plannedOn: '2025-03-28' }, role: 'agency_officer', on: '2025-03-05' },
      { ev: { type: 'record_inquiry', kind: 'mutual_recognition_check', counterpart: '长春市医保局', summary: '互认核查' }, role: 'agency_officer', on: '2025-03-06' },
      formPanel(JILIN, app, '2025-03-28', 'jl-2023-medical', 'written'),
      ...panelWork(JILIN, panelFor(JILIN, app), 'jl-2023-medical', '2025-03-28', true),
      CONCLUDE('2025-03-28'),
      { ev: { type: 'publish_publicity' }, role: 'agency_officer', on: '2025-03-31' },
      { ev: { type: 'file_complaint', complaintId: 'c1', summary: '虚假材料', contact: '139****1111' }, role: 'public', on: '2025-04-01' },
      { ev: { type: 'resolve_complaint', complaintId: 'c1', foundTrue: true, finding: '属实' }, role: 'agency_officer', on: '2025-04-03' },
    ]);
    expect(w.app.state).toBe('negotiation_cancelled');
  });

  it('吉医保规〔2023〕1号 第七条: same-city mutual recognition skips the evaluation; 第十二条: a batch may go to a third party', () => {
    const a = run(JILIN, draftMedical('mr'), [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'),
      { ev: { type: 'recognise_result', sourceAgency: '吉林省医保局（省本级）', categories: ['inpatient'] }, role: 'agency_officer', on: '2025-03-05' },
    ]);
    expect(a.app.state).toBe('evaluated_pass');
    const b = run(JILIN, draftMedical('tp'), [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'),
      { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' },
      { ev: { type: 'appoint_third_party', name: '第三方', qualification: '资质', sheetId: 'jl-2023-medical', inspection: { required: false, mode: 'video' } }, role: 'agency_officer', on: '2025-03-20' },
    ]);
    expect(b.app.state).toBe('evaluating');
  });

  it('吉医保规〔2023〕1号 第二十一条: no agreement in the negotiation → not signed; 京医保发〔2021〕30号 第九条: the officer ends an open-ended publicity', () => {
    const app = draftMedical('bj');
    const w = run(BEIJING, app, [
      { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
      { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
      { ev: { type: 'accept' }, role: 'agency_officer', level: 'county', on: '2025-03-04' },
      { ...formPanel(BEIJING, app, '2025-03-10', 'bj-2021-checklist', 'written'), level: 'province' },
      ...panelWork(BEIJING, panelFor(BEIJING, app), 'bj-2021-checklist', '2025-03-11', true),
      { ...CONCLUDE('2025-03-11'), level: 'province' },
      { ev: { type: 'publish_publicity' }, role: 'agency_officer', level: 'province', on: '2025-03-12' },
      { ev: { type: 'end_publicity' }, role: 'agency_officer', on: '2025-03-20' },
      { ev: meeting('2025-03-24'), role: 'agency_officer', level: 'province', on: '2025-03-24' },
      { ev: { type: 'negotiation_failed', reason: '结算标准未达成一致' }, role: 'agency_officer', level: 'province', on: '2025-03-25' },
    ]);
    expect(w.app.state).toBe('not_signed');
  });

  it('云医保〔2022〕6号 第十八条: the agency may sign first; not signed in time → abandoned by the clock', () => {
    const base = yunnanToPass('sign');
    const toSigning: Step[] = [
      { ev: { type: 'publish_publicity' }, role: 'agency_officer', on: '2025-04-02' },
      { ev: { type: 'end_publicity' }, role: 'system', on: '2025-04-14' },
      { ev: meeting('2025-04-15'), role: 'agency_officer', on: '2025-04-15' },
      { ev: { type: 'negotiation_agreed' }, role: 'agency_officer', on: '2025-04-15' },
      STUDY('2025-04-18'),
    ];
    const a = run(YUNNAN, base.app, [...toSigning, SIGN('agency_head', '2025-04-21'), SIGN('institution_staff', '2025-04-22')]);
    expect(a.app.state).toBe('signed');
    const b = run(YUNNAN, base.app, [...toSigning, { ev: { type: 'signing_deadline_passed' }, role: 'system', on: '2025-05-19' }]);
    expect(b.app.state).toBe('abandoned');
  });

  it('吉医保规〔2023〕1号 第二条: designation is voluntary — the applicant may withdraw from any state before signing', () => {
    const w = yunnanToPass('wd');
    const states = new Map(w.seen);
    const more = run(YUNNAN, w.app, [
      { ev: { type: 'publish_publicity' }, role: 'agency_officer', on: '2025-04-02' },
      { ev: { type: 'end_publicity' }, role: 'system', on: '2025-04-14' },
      { ev: meeting('2025-04-15'), role: 'agency_officer', on: '2025-04-15' },
      { ev: { type: 'negotiation_agreed' }, role: 'agency_officer', on: '2025-04-15' },
      STUDY('2025-04-18'),
    ]);
    more.seen.forEach((v, k) => states.set(k, v));
    const other = [
      run(JILIN, draftMedical('wd-j'), [...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'), { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' }]),
      run(YUNNAN, draftMedical('wd-r'), [{ ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' }, { ev: { type: 'screening_completed', reasons: [{ ruleId: 'r', citation: 'c', message: 'm' }] }, role: 'system', on: '2025-03-03' }]),
    ];
    const fail = draftMedical('wd-f');
    other.push(run(YUNNAN, fail, [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'), formPanel(YUNNAN, fail, '2025-03-10', 'yn-2022-checklist'), ...PANEL_INSPECT(fail, '2025-03-11'),
      ...panelWork(YUNNAN, panelFor(YUNNAN, fail), 'yn-2022-checklist', '2025-03-12', false), CONCLUDE('2025-03-12'),
      { ev: { type: 'serve_result_notice', servedOn: '2025-03-14' }, role: 'agency_officer', on: '2025-03-14' },
      { ev: { type: 'request_reevaluation' }, role: 'institution_staff', on: '2025-06-15' },
    ]));
    other.forEach((o) => o.seen.forEach((v, k) => states.set(k, v)));
    const from = TABLE.filter((r) => r.event === 'withdraw').map((r) => r.from);
    for (const s of from) {
      const app = states.get(s);
      expect(app, `no sample application in state ${s}`).toBeDefined();
      const r = run(YUNNAN, app!, [{ ev: { type: 'withdraw', reason: '机构决定暂不申请' }, role: 'institution_staff', on: '2025-07-01' }]);
      expect(r.app.state === 'withdrawn' && r.app.withdrawnFrom).toBe(s);
      expect(r.effects[0]![0]).toEqual({ kind: 'stop_all_deadlines' });
    }
  });

  it('云医保〔2022〕6号 第十条: an add-category application is reviewed for violations (违规性审核) during 初审, also while and after 补正, then accepted', () => {
    const addCategory = (id: string) => ({ ...draftMedical(id), route: 'add_category' as const });
    const review = (on: string): Step => ({ ev: { type: 'record_violation_review', violationsFound: false, summary: '协议期内无违规记录' }, role: 'agency_officer', on });
    const a = run(YUNNAN, addCategory('vr-a'), [...SUBMIT('2025-03-03'), review('2025-03-04'), ACCEPT('2025-03-05')]);
    expect(a.app.state).toBe('accepted');
    expect(a.app.state === 'accepted' && a.app.violationReview).toEqual({ on: '2025-03-04', by: 'agency_officer-1', violationsFound: false, summary: '协议期内无违规记录' });
    const b = run(YUNNAN, addCategory('vr-b'), [
      ...SUBMIT('2025-03-03'),
      { ev: { type: 'request_supplement', missingItems: ['增加类别的服务能力材料'] }, role: 'agency_officer', on: '2025-03-04' },
      review('2025-03-05'),
      { ev: { type: 'supplement', items: ['增加类别的服务能力材料'] }, role: 'institution_staff', on: '2025-03-06' },
      review('2025-03-07'),
      ACCEPT('2025-03-07'),
    ]);
    expect(b.edges).toContain('needs_supplement --record_violation_review--> needs_supplement');
    expect(b.app.state === 'accepted' && b.app.violationReview?.on).toBe('2025-03-07');
  });

  it('云医保〔2022〕6号 第十一条 / 吉医保规〔2023〕1号 第十五条: 回避 — the member stands down and the slot is redrawn from the same stream, logged with its reason', () => {
    const app = draftMedical('recusal');
    const drawn = panelFor(YUNNAN, app);
    const out = drawn.members[3]!;
    const redraw = replaceMember(drawn, POOL, out.expertId);
    if (!redraw.ok) throw new Error(redraw.message);
    const w = run(YUNNAN, app, [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'), formPanel(YUNNAN, app, '2025-03-05', 'yn-2022-checklist'),
      { ev: { type: 'recuse_member', memberId: out.expertId, declaredBy: 'expert', reason: '曾在该院任职', panel: redraw.draw }, role: 'expert', on: '2025-03-06', actorId: out.expertId },
    ]);
    expect(w.edges).toContain('evaluating --recuse_member--> evaluating');
    const p = w.app.state === 'evaluating' && w.app.evaluation.evaluator.kind === 'panel' ? w.app.evaluation.evaluator.panel : null;
    expect(p!.members.find((m) => m.slot === out.slot)!.expertId).not.toBe(out.expertId);
    expect(p!.replacements[0]).toMatchObject({ out: out.expertId, recusal: { declaredBy: 'expert', reason: '曾在该院任职', on: '2025-03-06' } });
    // another member may not be stood down by an expert, and a forged redraw is refused
    const other = drawn.members[0]!;
    const evaluating = w.app;
    const otherRedraw = replaceMember(p!, POOL, other.expertId);
    if (!otherRedraw.ok) throw new Error(otherRedraw.message);
    const byExpert = transition(evaluating, { type: 'recuse_member', memberId: other.expertId, declaredBy: 'expert', reason: 'x', panel: otherRedraw.draw }, ctxFor(YUNNAN, 'expert', '2025-03-06', { id: out.expertId }));
    expect(byExpert.ok).toBe(false);
    expect(JSON.stringify(byExpert)).toContain('只能申请本人回避');
    const forged = { ...p!, members: p!.members.map((m) => (m.slot === other.slot ? { ...m, expertId: 'hand-picked' } : m)), replacements: [...p!.replacements, { out: other.expertId, in: 'hand-picked', specialty: other.specialty, slot: other.slot }] };
    const byOfficer = transition(evaluating, { type: 'recuse_member', memberId: other.expertId, declaredBy: 'officer', reason: 'x', panel: { ...forged, seed: 1 } }, ctxFor(YUNNAN, 'agency_officer', '2025-03-06'));
    expect(byOfficer.ok).toBe(false);
  });

  it('京医保发〔2021〕30号 第十二条: an officer\'s finding at 材料审核 re-runs the screening — clear keeps the state, a fired rule goes to 筛查拟不予受理', () => {
    const fired = [{ ruleId: 'beijing.refusal.price-policy', citation: '京医保发〔2021〕30号 第十二条(二)', message: '基本医疗服务未执行医药价格政策（京价检〔2025〕3号，2025-03-01）' }];
    const rescreen = (reasons: typeof fired): Step => ({ ev: { type: 'screening_completed', reasons }, role: 'system', on: '2025-03-05' });
    const a = run(BEIJING, draftMedical('rescreen-a'), [...SUBMIT('2025-03-03'), rescreen([]), rescreen(fired)]);
    expect(a.edges.slice(-2)).toEqual(['under_review --screening_completed--> under_review', 'under_review --screening_completed--> screening_refused']);
    expect(a.app.state === 'screening_refused' && a.app.screeningReasons).toEqual(fired);
    const b = run(BEIJING, draftMedical('rescreen-b'), [
      ...SUBMIT('2025-03-03'),
      { ev: { type: 'request_supplement', missingItems: ['信息系统相关材料'] }, role: 'agency_officer', on: '2025-03-04', level: 'county' },
      { ev: { type: 'supplement', items: ['信息系统相关材料'] }, role: 'institution_staff', on: '2025-03-05' },
      rescreen([]), rescreen(fired),
    ]);
    expect(b.edges.slice(-2)).toEqual(['supplemented --screening_completed--> supplemented', 'supplemented --screening_completed--> screening_refused']);
    // the officer may not run the screening step
    expect(transition(a.seen.get('under_review')!, { type: 'screening_completed', reasons: [] }, ctxFor(BEIJING, 'agency_officer', '2025-03-05')).ok).toBe(false);
  });

  it('京医保发〔2021〕30号 第十二条(九): 法律法规规定的其他情形 — a refusal after receipt citing the typed article, from 材料审核 until the evaluation starts', () => {
    const byLaw = { type: 'refuse_by_law' as const, basis: '《医疗机构管理条例》第二十三条', reason: '执业许可证已被注销' };
    const REFUSE: Step = { ev: byLaw, role: 'agency_officer', on: '2025-03-06', level: 'county' };
    const BJ_ACCEPT: Step = { ...ACCEPT('2025-03-04'), level: 'county' };
    const supplement: Step[] = [
      { ev: { type: 'request_supplement', missingItems: ['信息系统相关材料'] }, role: 'agency_officer', on: '2025-03-04', level: 'county' },
      { ev: { type: 'supplement', items: ['信息系统相关材料'] }, role: 'institution_staff', on: '2025-03-05' },
    ];
    const paths: Step[][] = [
      [...SUBMIT('2025-03-03')],
      [...SUBMIT('2025-03-03'), supplement[0]!],
      [...SUBMIT('2025-03-03'), ...supplement],
      [...SUBMIT('2025-03-03'), BJ_ACCEPT],
    ];
    for (const [i, p] of paths.entries()) {
      const w = run(BEIJING, draftMedical(`by-law-${i}`), [...p, REFUSE]);
      expect(w.app.state).toBe('refused');
      expect(w.app.state === 'refused' && w.app.refusalByLaw).toMatchObject({ basis: byLaw.basis, reason: byLaw.reason, on: '2025-03-06', byRole: 'agency_officer' });
      const doc = w.effects.at(-1)!.find((e) => e.kind === 'issue_document');
      expect(doc && doc.kind === 'issue_document' && doc.document).toBe('refusal_decision');
      expect(doc && doc.kind === 'issue_document' && doc.cites).toEqual([{ doc: '京医保发〔2021〕30号', article: 12, item: 9 }]);
    }
    // 吉林: 随时受理、集中评估 — refusable while waiting for the batch too
    const jl = run(JILIN, draftMedical('by-law-batch'), [
      ...SUBMIT('2025-03-03'), ACCEPT('2025-03-04'),
      { ev: { type: 'assign_batch', batchId: 'B1', plannedOn: '2025-04-01' }, role: 'agency_officer', on: '2025-03-05' },
      { ev: byLaw, role: 'agency_officer', on: '2025-03-06' },
    ]);
    expect(jl.edges.at(-1)).toBe('batched --refuse_by_law--> refused');
    // the citation and the reason are required; after the evaluation has started there is no such step
    const reviewing = run(BEIJING, draftMedical('by-law-empty'), [...SUBMIT('2025-03-03')]).app;
    const empty = transition(reviewing, { ...byLaw, basis: '  ' }, ctxFor(BEIJING, 'agency_officer', '2025-03-06', { agencyLevel: 'county' }));
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.reasons.map((r) => [r.ruleId, r.citation])).toEqual([['refusal-by-law.cited', '京医保发〔2021〕30号 第十二条(九)']]);
    // a profile whose refusals are the head's decision: an officer is refused, the head decides
    const headDecides: WorkflowProfile = { ...BEIJING, refusalHeadDecision: { value: true, cites: [{ doc: '京医保发〔2021〕30号', article: 12, item: 9 }] } };
    const officer = transition(reviewing, byLaw, ctxFor(headDecides, 'agency_officer', '2025-03-06', { agencyLevel: 'county' }));
    expect(!officer.ok && officer.message).toContain('须由经办机构负责人决定');
    // and the work screen does not offer it to the officer there (decision 0020)
    expect(blockedNow(reviewing, 'refuse_by_law', ctxFor(headDecides, 'agency_officer', '2025-03-06', { agencyLevel: 'county' }))).toContain('经办机构负责人');
    expect(blockedNow(reviewing, 'refuse_by_law', ctxFor(BEIJING, 'agency_officer', '2025-03-06', { agencyLevel: 'county' }))).toBeNull();
    const head = transition(reviewing, byLaw, ctxFor(headDecides, 'agency_head', '2025-03-06', { agencyLevel: 'county' }));
    expect(head.ok && head.next.state === 'refused' && head.next.refusalByLaw?.byRole).toBe('agency_head');
  });

  it('every row of the transition table was taken by a scenario above', () => {
    const missing = TABLE.map((r) => edgeKey(r.from, r.event, r.to)).filter((k) => !visited.has(k));
    expect(missing).toEqual([]);
  });
});
