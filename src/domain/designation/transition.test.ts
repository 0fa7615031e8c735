/** Illegal steps, failing guards and the differences between profiles. */
import { describe, expect, it } from 'vitest';
import type { Application } from './application';
import { ctxFor, draftMedical, inspection, panelFor, panelWork, walk, type Step } from './fixtures';
import { GUARDS } from './guards';
import { BEIJING, JILIN, PROFILES, YUNNAN, type WorkflowProfile } from './profiles';
import { TABLE } from './table';
import { transition } from './transition';
import type { DesignationEvent } from './events';

const SUBMIT: Step[] = [
  { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
  { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
];
const accepted = (profile: WorkflowProfile, id = 'a', level?: 'county') =>
  walk(profile, draftMedical(id), [...SUBMIT, { ev: { type: 'accept' }, role: 'agency_officer', on: '2025-03-04', ...(level ? { level } : {}) }]).app;
const step = (profile: WorkflowProfile, app: Application, ev: DesignationEvent, role: Parameters<typeof ctxFor>[1], on: string, extra = {}) =>
  transition(app, ev, ctxFor(profile, role, on, extra));

describe('out-of-order steps are refused with a Chinese message naming the state', () => {
  it('云医保〔2022〕6号 第九条: a draft cannot be accepted before it is submitted', () => {
    const r = step(YUNNAN, draftMedical(), { type: 'accept' }, 'agency_officer', '2025-03-03');
    expect(r).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(!r.ok && r.message).toMatch(/^当前状态为「填报中」，不能「受理签收」；此时可以：提交申请、撤回申请$/);
  });

  it('云医保〔2022〕6号 第十五条: no publicity before the evaluation', () => {
    const r = step(YUNNAN, accepted(YUNNAN), { type: 'publish_publicity' }, 'agency_officer', '2025-03-05');
    expect(r).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(!r.ok && r.message).toContain('当前状态为「已受理」');
  });

  it('a withdrawn application is finished: a second withdraw answers that it is closed (吉医保规〔2023〕1号 第二条: 自愿申请)', () => {
    const app = { ...accepted(YUNNAN), state: 'withdrawn', withdrawnOn: '2025-03-05', withdrawnFrom: 'accepted', reason: 'x' } as Application;
    const r = step(YUNNAN, app, { type: 'withdraw', reason: 'again' }, 'institution_staff', '2025-03-06');
    expect(!r.ok && r.message).toBe('当前状态为「已撤回」，不能「撤回申请」；申请已办结');
  });

  it('云医保〔2022〕6号 第九条: only the agency accepts — an institution user is FORBIDDEN', () => {
    const app = walk(YUNNAN, draftMedical(), SUBMIT).app;
    const r = step(YUNNAN, app, { type: 'accept' }, 'institution_staff', '2025-03-04');
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!r.ok && r.message).toContain('仅经办机构工作人员可受理签收');
  });

  it('云医保〔2022〕6号 第十八条: the agency side signs by its head only — the refusal says who may sign', () => {
    const signing = {
      ...accepted(YUNNAN), state: 'signing', evaluations: [],
      publicity: { publishedOn: '2025-04-01', endsOn: '2025-04-10', complaints: [] },
      negotiation: { meetings: [], opensOn: '2025-04-10' },
      agreement: { templateId: 't', templateVersion: '1', textHash: 'good', signBy: '2025-05-16' },
    } as Application;
    const r = step(YUNNAN, signing, { type: 'agency_sign', signer: '主任', capacity: 'legal_rep', online: true, textHash: 'good' }, 'agency_officer', '2025-04-20');
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!r.ok && r.message).toContain('仅经办机构负责人可签署');
  });
});

describe('guards', () => {
  it('云医保〔2022〕6号 第九条: a second 补正 request may not add items the one-time notice did not list', () => {
    const w = walk(YUNNAN, draftMedical(), [
      ...SUBMIT,
      { ev: { type: 'request_supplement', missingItems: ['申请表'] }, role: 'agency_officer', on: '2025-03-04' },
      { ev: { type: 'supplement', items: ['申请表'] }, role: 'institution_staff', on: '2025-03-05' },
    ]);
    const r = step(YUNNAN, w.app, { type: 'request_supplement', missingItems: ['申请表', '信息系统材料'] }, 'agency_officer', '2025-03-06');
    expect(r).toMatchObject({ ok: false, code: 'GUARD_FAILED', reasons: [expect.objectContaining({ ruleId: 'supplement.one-time' })] });
    expect(!r.ok && r.message).toContain('信息系统材料');
  });

  it('云医保〔2022〕6号 第十三条: a first application of a medical institution needs an on-site inspection', () => {
    const app = accepted(YUNNAN);
    const r = step(YUNNAN, app, { type: 'form_panel', panel: panelFor(YUNNAN, app), sheetId: 'yn-2022-checklist', inspection: { required: false, mode: 'written' } }, 'agency_officer', '2025-03-05');
    expect(!r.ok && r.reasons.map((x) => x.ruleId)).toEqual(['inspection.required-situations']);
    expect(!r.ok && r.reasons[0]!.citation).toBe('云医保〔2022〕6号 第十三条');
  });

  it('吉医保规〔2023〕1号 第十四条: Jilin allows a remote video evaluation, Yunnan does not', () => {
    const y = accepted(YUNNAN, 'y');
    const ev = (): DesignationEvent => ({ type: 'appoint_third_party', name: 't', qualification: 'q', sheetId: 's', inspection: { required: false, mode: 'video' } });
    const ry = step(YUNNAN, { ...y, route: 'add_category' }, ev(), 'agency_officer', '2025-03-05');
    expect(!ry.ok && ry.reasons.map((x) => x.ruleId)).toContain('inspection.mode-allowed');
    const j = walk(JILIN, accepted(JILIN, 'j'), [{ ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' }]).app;
    expect(step(JILIN, j, ev(), 'agency_officer', '2025-03-20').ok).toBe(true);
  });

  it('吉医保规〔2023〕1号 第十八条: the result cannot be concluded until every member has signed', () => {
    const app = accepted(JILIN);
    const panel = panelFor(JILIN, app);
    const w = walk(JILIN, app, [
      { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' },
      { ev: { type: 'form_panel', panel, sheetId: 'jl-2023-medical', inspection: { required: false, mode: 'written' } }, role: 'agency_officer', on: '2025-03-20' },
      ...panelWork(JILIN, panel, 'jl-2023-medical', '2025-03-20', true).slice(0, -1),
    ]);
    const r = step(JILIN, w.app, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-20');
    expect(r).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
    expect(!r.ok && r.message).toContain(`未签字：${panel.members.at(-1)!.name}`);
    expect(!r.ok && r.message).not.toContain(panel.members.at(-1)!.expertId);
  });

  it('吉医保规〔2023〕1号 第十六条: a refusal names the experts who have not scored by display name, never by id', () => {
    const app = accepted(JILIN);
    const panel = panelFor(JILIN, app);
    const w = walk(JILIN, app, [
      { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' },
      { ev: { type: 'form_panel', panel, sheetId: 'jl-2023-medical', inspection: { required: false, mode: 'written' } }, role: 'agency_officer', on: '2025-03-20' },
      ...panelWork(JILIN, panel, 'jl-2023-medical', '2025-03-20', true).slice(0, 1),
    ]);
    const r = step(JILIN, w.app, { type: 'conclude_evaluation' }, 'agency_officer', '2025-03-20');
    const unscored = panel.members.slice(1);
    expect(!r.ok && r.message).toContain(`未评分：${unscored.map((m) => m.name).join('、')}`);
    for (const m of panel.members) expect(!r.ok && r.message).not.toContain(m.expertId);
    const sign = step(JILIN, w.app, { type: 'sign_result', memberId: panel.members[0]!.expertId }, 'expert', '2025-03-20', { id: panel.members[0]!.expertId });
    expect(!sign.ok && sign.message).toContain(unscored[0]!.name);
    expect(!sign.ok && sign.message).not.toContain(unscored[0]!.expertId);
  });

  it('吉医保规〔2023〕1号 第十八条: scores are locked once a member has signed; an expert acts only as themself', () => {
    const app = accepted(JILIN);
    const panel = panelFor(JILIN, app);
    const [m1, m2] = panel.members;
    const w = walk(JILIN, app, [
      { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' },
      { ev: { type: 'form_panel', panel, sheetId: 'jl-2023-medical', inspection: { required: false, mode: 'written' } }, role: 'agency_officer', on: '2025-03-20' },
      ...panelWork(JILIN, panel, 'jl-2023-medical', '2025-03-20', true).slice(0, panel.members.length + 1),
    ]);
    const again = step(JILIN, w.app, { type: 'record_scores', memberId: m1!.expertId, scores: { basics: 0, capability: 0, management: 0, it: 0 } }, 'expert', '2025-03-21', { id: m1!.expertId });
    expect(!again.ok && again.reasons[0]!.ruleId).toBe('evaluation.not-signed-yet');
    const impostor = step(JILIN, w.app, { type: 'sign_result', memberId: m2!.expertId }, 'expert', '2025-03-21', { id: m1!.expertId });
    expect(!impostor.ok && impostor.message).toContain('专家只能以本人身份');
  });

  it('云医保〔2022〕6号 第十四条(三): re-evaluation only after 3 months of 整改 from the notice served', () => {
    const app = accepted(YUNNAN);
    const w = walk(YUNNAN, app, [
      { ev: { type: 'appoint_third_party', name: 't', qualification: 'q', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }, role: 'agency_officer', on: '2025-03-05' },
      { ev: inspection(YUNNAN, ['x']), role: 'agency_officer', on: '2025-03-06' },
      { ev: { type: 'record_third_party_result', pass: false, reportId: 'r' }, role: 'agency_officer', on: '2025-03-07' },
      { ev: { type: 'conclude_evaluation' }, role: 'agency_officer', on: '2025-03-07' },
      { ev: { type: 'serve_result_notice', servedOn: '2025-03-10' }, role: 'agency_officer', on: '2025-03-10' },
    ]);
    const early = step(YUNNAN, w.app, { type: 'request_reevaluation' }, 'institution_staff', '2025-06-10');
    expect(!early.ok && early.message).toContain('2025-06-11 起方可申请再次评估');
    expect(step(YUNNAN, w.app, { type: 'request_reevaluation' }, 'institution_staff', '2025-06-11').ok).toBe(true);
  });

  it('云医保〔2022〕6号 第十八条: the signer must sign the exact agreed text; an agent needs a 授权委托书', () => {
    const signing = {
      ...accepted(YUNNAN), state: 'signing', evaluations: [],
      publicity: { publishedOn: '2025-04-01', endsOn: '2025-04-10', complaints: [] },
      negotiation: { meetings: [], opensOn: '2025-04-10' },
      agreement: { templateId: 't', templateVersion: '1', textHash: 'good', signBy: '2025-05-16' },
    } as Application;
    const changed = step(YUNNAN, signing, { type: 'institution_sign', signer: '院长', capacity: 'legal_rep', online: true, textHash: 'evil' }, 'institution_staff', '2025-04-20');
    expect(!changed.ok && changed.reasons.map((r) => r.ruleId)).toEqual(['signing.text-unchanged']);
    const agent = step(YUNNAN, signing, { type: 'institution_sign', signer: '副院长', capacity: 'authorised_agent', online: true, textHash: 'good' }, 'institution_staff', '2025-04-20');
    expect(!agent.ok && agent.message).toContain('授权委托书');
    const early = step(YUNNAN, signing, { type: 'signing_deadline_passed' }, 'system', '2025-05-16');
    expect(!early.ok && early.message).toContain('尚未届满');
  });

  it('云医保〔2022〕6号 第十五条: the publicity cannot end early, nor with a complaint still under investigation', () => {
    const pub = {
      ...accepted(YUNNAN), state: 'in_publicity', evaluations: [],
      publicity: { publishedOn: '2025-04-02', endsOn: '2025-04-11', complaints: [{ id: 'c', receivedOn: '2025-04-03', summary: 's', contact: 'c' }] },
    } as Application;
    const r1 = step(YUNNAN, pub, { type: 'end_publicity' }, 'system', '2025-04-11');
    expect(!r1.ok && r1.reasons.map((r) => r.ruleId)).toEqual(['publicity.period-elapsed', 'publicity.complaints-resolved']);
    const r2 = step(YUNNAN, pub, { type: 'resolve_complaint', complaintId: 'c', foundTrue: true, finding: '属实' }, 'agency_officer', '2025-04-08');
    // Yunnan: a founded complaint is handled 稳妥 — it does not cancel the negotiation by itself
    expect(r2.ok && r2.next.state).toBe('in_publicity');
  });
});

describe('profiles differ as data', () => {
  it('京医保发〔2021〕30号 第八条: in Beijing the district agency accepts — not the city agency', () => {
    const app = walk(BEIJING, draftMedical(), SUBMIT).app;
    const city = step(BEIJING, app, { type: 'accept' }, 'agency_officer', '2025-03-04', { agencyLevel: 'province' });
    expect(!city.ok && city.reasons[0]).toMatchObject({ ruleId: 'stage.acceptance.agency-level', message: '此环节由县（区）级经办机构办理' });
    expect(step(BEIJING, app, { type: 'accept' }, 'agency_officer', '2025-03-04', { agencyLevel: 'county' }).ok).toBe(true);
    // Yunnan: the territory's agency at any level
    expect(step(YUNNAN, app, { type: 'accept' }, 'agency_officer', '2025-03-04', { agencyLevel: 'province' }).ok).toBe(true);
  });

  it('京医保发〔2021〕30号 第十条: in Beijing the city agency signs — a district head cannot', () => {
    const signing = {
      ...accepted(YUNNAN), state: 'signing', evaluations: [],
      publicity: { publishedOn: '2025-04-01', endsOn: null, complaints: [] },
      negotiation: { meetings: [], opensOn: '2025-04-10' },
      agreement: { templateId: 't', templateVersion: '1', textHash: 'h', signBy: null },
    } as Application;
    const r = step(BEIJING, signing, { type: 'agency_sign', signer: '主任', capacity: 'legal_rep', online: true, textHash: 'h' }, 'agency_head', '2025-04-20', { agencyLevel: 'county' });
    expect(!r.ok && r.reasons[0]!.citation).toContain('京医保发〔2021〕30号 第十条');
  });

  it('吉医保规〔2023〕1号 第十二条: in Jilin an accepted application waits for a batch; Yunnan evaluates at once', () => {
    const j = accepted(JILIN, 'j');
    const r = step(JILIN, j, { type: 'form_panel', panel: panelFor(JILIN, j), sheetId: 'jl-2023-medical', inspection: { required: false, mode: 'written' } }, 'agency_officer', '2025-03-05');
    expect(!r.ok && r.reasons[0]!.ruleId).toBe('evaluation.not-awaiting-batch');
    const y = accepted(YUNNAN, 'y');
    expect(step(YUNNAN, y, { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, 'agency_officer', '2025-03-05')).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
  });

  it('吉医保规〔2023〕1号 第十六条: Jilin decides by quantified scores and takes no vote; Yunnan may vote', () => {
    expect(JILIN.voting.value).toBe('none');
    expect(YUNNAN.voting.value).toBe('optional');
    expect(JILIN.allMembersSign.value).toBe(true);
  });

  it('吉医保规〔2023〕1号 第十五条: an LTC home needs an 养老护理 expert on the panel', () => {
    const ltc = walk(JILIN, { ...draftMedical('ltc'), institutionKind: 'ltc' }, [...SUBMIT, { ev: { type: 'accept' }, role: 'agency_officer', on: '2025-03-04' }, { ev: { type: 'assign_batch', batchId: 'b', plannedOn: '2025-03-20' }, role: 'agency_officer', on: '2025-03-05' }]).app;
    const medicalPanel = panelFor(JILIN, { ...ltc, institutionKind: 'medical' });
    const r = step(JILIN, ltc, { type: 'form_panel', panel: medicalPanel, sheetId: 'jl-2023-ltc', inspection: { required: false, mode: 'written' } }, 'agency_officer', '2025-03-20');
    expect(!r.ok && r.message).toContain('养老护理');
    expect(step(JILIN, ltc, { type: 'form_panel', panel: panelFor(JILIN, ltc), sheetId: 'jl-2023-ltc', inspection: { required: false, mode: 'written' } }, 'agency_officer', '2025-03-20').ok).toBe(true);
  });

  it('every row, guard and profile parameter carries a citation', () => {
    for (const row of TABLE) expect(row.cites.length, `${row.from} ${row.event}`).toBeGreaterThan(0);
    for (const row of TABLE) for (const g of row.guards) expect(GUARDS[g], g).toBeDefined();
    for (const p of PROFILES) {
      const ctx = ctxFor(p, 'system', '2025-01-01');
      for (const g of Object.values(GUARDS)) expect((typeof g.cites === 'function' ? g.cites(ctx) : g.cites).length, g.id).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(p.params)) if (k !== 'evaluation.warn.days') expect(v.cites.length, `${p.id} ${k}`).toBeGreaterThan(0);
    }
  });
});
