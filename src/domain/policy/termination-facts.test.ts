/** How a termination record becomes the cause the refusal rules read (decision 0034). */
import { describe, expect, it } from 'vitest';
import { terminationCause, terminationFacts, type OwnTerminationRecord } from './termination-facts';
import { TERMINATION_SITUATIONS } from '../agreement/situations';

const rec = (r: Partial<OwnTerminationRecord>): OwnTerminationRecord => ({
  terminatedOn: '2024-01-01', category: 'other', cause: null, situation: null, source: 'lifecycle', penaltiesFulfilledOn: null, ...r,
});

describe('termination records as screening facts', () => {
  it('京医保发〔2021〕30号 第十二条(五)(六): the recorded cause wins, then the situation, then the category', () => {
    expect(terminationCause(rec({ cause: 'violation' }))).toBe('illegal');
    expect(terminationCause(rec({ cause: 'breach', situation: 'fraud' }))).toBe('serious_breach');
    expect(terminationCause(rec({ situation: 'fraud' }))).toBe('illegal');
    expect(terminationCause(rec({ situation: 'suspended_twice' }))).toBe('serious_breach');
    expect(terminationCause(rec({ situation: 'licence_revoked' }))).toBe('other');
    expect(terminationCause(rec({ category: 'serious' }))).toBe('illegal');
    expect(terminationCause(rec({}))).toBe('other');
  });

  it('京医保发〔2021〕30号 第四十三条(十二): a termination at the institution\'s request bans nothing; a 第三十条 cascade is "other"', () => {
    expect(terminationCause(rec({ cause: 'on_request' }))).toBeNull();
    expect(terminationCause(rec({ situation: 'on_request', category: 'serious' }))).toBeNull();
    expect(terminationCause(rec({ cause: 'cascade', category: 'serious' }))).toBe('other');
    expect(terminationFacts([rec({ cause: 'on_request' })], '2025-01-01')).toEqual([]);
  });

  it('京医保发〔2021〕30号 第十二条(六): a record converted by 0015 keeps the earlier reading (严重违约) until corrected', () => {
    expect(terminationCause(rec({ source: 'converted', category: 'serious', cause: 'other' }))).toBe('serious_breach');
    expect(terminationCause(rec({ source: 'converted', category: 'other', cause: 'other' }))).toBe('other');
    expect(terminationCause(rec({ source: 'converted', category: 'serious', cause: 'violation' }))).toBe('illegal');
  });

  it('京医保发〔2021〕30号 第十二条(五): penalties count as fulfilled from the recorded day on, newest record first', () => {
    const facts = terminationFacts([
      rec({ terminatedOn: '2020-01-01', situation: 'fraud', penaltiesFulfilledOn: '2025-03-02' }),
      rec({ terminatedOn: '2023-01-01', situation: 'by_agreement', penaltiesFulfilledOn: '2025-03-01' }),
    ], '2025-03-01');
    expect(facts).toEqual([
      { date: '2023-01-01', cause: 'serious_breach', penaltiesFulfilled: true },
      { date: '2020-01-01', cause: 'illegal', penaltiesFulfilled: false },
    ]);
  });

  it('every agency termination ground maps to a cause (no situation falls through to the category)', () => {
    for (const s of TERMINATION_SITUATIONS) expect(terminationCause(rec({ situation: s.code, category: 'serious' })), s.code).not.toBeNull();
    expect(TERMINATION_SITUATIONS.filter((s) => s.seriousness === 'serious').every((s) => terminationCause(rec({ situation: s.code })) === 'illegal')).toBe(true);
  });
});
