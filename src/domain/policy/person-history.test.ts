/** 京医保发〔2021〕30号 第十二条(七): which terminations a person's dated role spans make theirs (decision 0024). */
import { describe, expect, it } from 'vitest';
import { heldOn, personTerminations } from './person-history';
import { factsFromFindings, findingsInForce, type Finding } from './findings';

describe('persons\' history', () => {
  it('京医保发〔2021〕30号 第十二条(七): the day of a change is inclusive on both sides', () => {
    expect(heldOn({ fromDate: '2024-05-10', toDate: '2024-05-10' }, '2024-05-10')).toBe(true);
    expect(heldOn({ fromDate: '2018-01-01', toDate: '2024-05-10' }, '2024-05-10')).toBe(true);
    expect(heldOn({ fromDate: '2024-05-11', toDate: null }, '2024-05-10')).toBe(false);
    expect(heldOn({ fromDate: '2018-01-01', toDate: '2024-05-09' }, '2024-05-10')).toBe(false);
    expect(heldOn({ fromDate: '2018-01-01', toDate: null }, '2030-01-01')).toBe(true);
  });

  it('京医保发〔2021〕30号 第十二条(七): only terminations of an institution where the person held a role on the termination date; the category travels with it', () => {
    const spans = [
      { institutionId: 'A', role: 'legal_rep', fromDate: '2018-01-01', toDate: '2020-12-31' },
      { institutionId: 'B', role: 'controller', fromDate: '2022-01-01', toDate: null },
    ];
    const terminations = [
      { institutionId: 'A', terminatedOn: '2021-06-30', category: 'serious' as const }, // left before: not theirs
      { institutionId: 'A', terminatedOn: '2020-12-31', category: 'other' as const }, // on the last day: theirs, not serious
      { institutionId: 'B', terminatedOn: '2023-03-01', category: 'serious' as const },
      { institutionId: 'C', terminatedOn: '2023-03-01', category: 'serious' as const }, // never linked
    ];
    expect(personTerminations(spans, terminations)).toEqual([
      { date: '2020-12-31', serious: false, institutionId: 'A' },
      { date: '2023-03-01', serious: true, institutionId: 'B' },
    ]);
  });
});

describe('an officer\'s findings as screening facts', () => {
  const f = (x: Partial<Finding>): Finding => ({
    id: 'f', kind: 'price_violation', applicationId: 'app1', foundOn: '2025-01-01', source: '检查', note: null, evidenceFileId: null, evidenceFile: null, resolvedOn: null, ...x,
  });
  it('京医保发〔2021〕30号 第十二条(二)–(四): this application\'s findings and the institution\'s outliving ones count, until resolved', () => {
    const all = [
      f({ id: 'p-other-app', applicationId: 'app0' }), // 价格: stays with its application
      f({ id: 'pen', kind: 'unfulfilled_penalty', applicationId: 'app0', source: '罚〔2024〕1号', foundOn: '2024-06-01' }),
      f({ id: 'pen-done', kind: 'unfulfilled_penalty', applicationId: 'app0', foundOn: '2024-01-01', resolvedOn: '2024-03-01' }),
      f({ id: 'fraud', kind: 'fraud_application', applicationId: 'app0', foundOn: '2023-02-01' }),
      f({ id: 'later', kind: 'adverse_social_impact', foundOn: '2025-12-01' }), // after asOf
    ];
    expect(findingsInForce(all, 'app1', '2025-09-25').map((x) => x.id)).toEqual(['pen', 'fraud']);
    expect(factsFromFindings(findingsInForce(all, 'app1', '2025-09-25'))).toEqual({
      unfulfilledPenalty: true, fraudApplicationFoundOn: '2023-02-01',
      evidence: { unfulfilledPenalty: '罚〔2024〕1号，2024-06-01', fraudApplicationFoundOn: '检查，2023-02-01' },
    });
  });
  it('云人社发〔2016〕308号 二(二): 「造成其它不良社会影响」 is a fact of its own', () => {
    expect(factsFromFindings([f({ kind: 'adverse_social_impact', source: '通报', foundOn: '2025-09-01' })])).toMatchObject({ adverseSocialImpact: true, evidence: { adverseSocialImpact: '通报，2025-09-01' } });
  });
});
