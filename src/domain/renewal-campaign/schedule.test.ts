import { describe, expect, it } from 'vitest';
import { calendar2025to2026 } from '../calendar/fixtures';
import { formatCitation } from '../policy/citation';
import { applicationDue, campaignSchedule, familyOf, institutionApplies, milestoneStatus, milestonesOfParty, organisedLate, type ScheduleInput } from './schedule';

const cal = calendar2025to2026();
// a December campaign for the terms ending in 2026 (the fixture's calendar covers 2025–2026)
const base: Omit<ScheduleInput, 'profileId'> = { openedOn: '2025-12-01', windowFrom: '2026-03-31', windowTo: '2026-12-31', decideBy: '2025-12-31' };
const run = (profileId: string, over: Partial<ScheduleInput> = {}) => campaignSchedule({ ...base, profileId, ...over }, cal);
const by = (ms: ReturnType<typeof run>, id: string) => ms.find((m) => m.id === id)!;
const cites = (m: { cites: { doc: string }[] }) => m.cites.map((c) => formatCitation(c as never));

describe('renewal campaign schedule per profile', () => {
  it('云医保〔2022〕6号 第二十九条: organised in December or at the latest 1 month before expiry; signed before the old term ends (no gap)', () => {
    const ms = run('yunnan');
    expect(ms.map((m) => m.id)).toEqual(['decide', 'organise', 'sign']);
    expect(by(ms, 'organise')).toMatchObject({ due: '2026-02-28', unit: 'month', n: -1, example: false });
    expect(cites(by(ms, 'organise'))).toEqual(['云医保〔2022〕6号 第二十九条']);
    expect(by(ms, 'sign')).toMatchObject({ due: '2026-03-31', unit: 'date' });
    expect(by(ms, 'decide').due).toBe('2025-12-31');
    expect(organisedLate(ms, '2025-12-01')).toBe(false);
    expect(organisedLate(ms, '2026-03-01')).toBe(true);
  });

  it('京医保发〔2021〕30号 第四十一条: the institution applies 3 months before expiry; the district reports to the city (no time in the text: example value); the city negotiates; no agreement ends at expiry', () => {
    const ms = run('beijing', { openedOn: '2025-11-03' });
    expect(by(ms, 'apply')).toMatchObject({ due: '2025-12-31', party: 'institution', unit: 'month', n: -3 });
    // 10 工作日 after 2025-12-31: 2026-01-01 is 元旦 (holiday), so the count runs to 2026-01-15
    expect(by(ms, 'report_city')).toMatchObject({ unit: 'workday', n: 10, example: true, due: '2026-01-15' });
    expect(by(ms, 'report_city').cites[0]).toMatchObject({ doc: '京医保发〔2021〕30号', article: 41, verified: false });
    expect(by(ms, 'negotiate')).toMatchObject({ party: 'city_agency', due: '2026-03-31' });
    expect(by(ms, 'expiry').due).toBe('2026-12-31');
    expect(ms.every((m) => cites(m).every((c) => c.startsWith('京医保发〔2021〕30号')))).toBe(true);
    expect(institutionApplies('beijing')).toBe(true);
    expect(institutionApplies('yunnan')).toBe(false);
  });

  it('京医保发〔2021〕30号 第四十一条: one agreement\'s application is due 3 months before its last day (民法典 第二百零二条: month end clamped)', () => {
    expect(applicationDue('beijing', '2026-05-31', '2025-12-01', cal).due).toBe('2026-02-28');
    expect(applicationDue('beijing', '2026-12-31', '2025-12-01', cal)).toMatchObject({ due: '2026-09-30', months: 3 });
  });

  it('吉医保规〔2023〕1号 第二十七条, 第二十九条: negotiation before the term ends, the end at expiry without agreement; 不再续签 asked 3 months ahead', () => {
    const ms = run('jilin');
    expect(by(ms, 'negotiate')).toMatchObject({ due: '2026-03-31' });
    expect(cites(by(ms, 'negotiate'))).toEqual(['吉医保规〔2023〕1号 第二十七条']);
    expect(by(ms, 'expiry').due).toBe('2026-12-31');
    expect(by(ms, 'exit_notice')).toMatchObject({ due: '2025-12-31', party: 'institution' });
    expect(cites(by(ms, 'exit_notice'))).toEqual(['吉医保规〔2023〕1号 第二十九条']);
  });

  it('自治区医保局〔2025〕征求意见稿 二: the yearly evaluation is the basis, before decisions; the 集中签约期 has no length in the text (example value)', () => {
    const ms = run('zizhiqu-2025-draft');
    expect(familyOf('zizhiqu-2025-draft')).toBe('zizhiqu');
    expect(by(ms, 'evaluate').due).toBe('2025-12-31');
    const sp = by(ms, 'signing_period');
    expect(sp).toMatchObject({ unit: 'workday', n: 20, example: true });
    expect(sp.due > '2025-12-31').toBe(true);
    expect(by(ms, 'sign').due).toBe('2026-03-31');
  });

  it('milestones are sorted by due day, and a year the calendar has not published makes a milestone provisional', () => {
    const ms = run('beijing', { windowFrom: '2027-06-30', windowTo: '2027-12-31', decideBy: '2027-01-15' });
    expect(ms.map((m) => m.due)).toEqual([...ms.map((m) => m.due)].sort());
    expect(by(ms, 'report_city').provisional).toBe(true);
  });

  it('京医保发〔2021〕30号 第四十一条: who acts by each milestone — the institution its application, the city its negotiation; the home page\'s lists agree with the schedule', () => {
    for (const id of ['national', 'yunnan', 'beijing', 'jilin', 'zizhiqu-2025-draft']) {
      for (const m of run(id)) {
        const listed = (party: 'institution' | 'city_agency') => milestonesOfParty(party).includes(`${id}:${m.id}`);
        expect([listed('institution'), listed('city_agency')], `${id}:${m.id}`).toEqual([m.party === 'institution', m.party === 'city_agency']);
      }
    }
    expect(milestonesOfParty('city_agency')).toEqual(['beijing:negotiate']);
  });

  it('an institution\'s milestone past its day is 已截止 (its window closed), an agency\'s is 已逾期', () => {
    expect(milestoneStatus('institution', '2025-12-31', '2026-01-05', false)).toBe('closed');
    expect(milestoneStatus('agency', '2025-12-31', '2026-01-05', false)).toBe('overdue');
    expect(milestoneStatus('city_agency', '2026-01-05', '2026-01-05', false)).toBe('due_today');
    expect(milestoneStatus('agency', '2026-02-01', '2026-01-05', false)).toBe('open');
    expect(milestoneStatus('institution', '2025-12-31', '2026-01-05', true)).toBe('met');
  });
});
