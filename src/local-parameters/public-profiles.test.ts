import { describe, expect, it } from 'vitest';
import { offeredProfiles } from './public-profiles';

describe('the public site\'s profile list (decision 0043)', () => {
  it('自治区医保局〔2025〕征求意见稿 一(一): the draft names no province — offered under the province the deployment runs it in, else not at all', () => {
    expect(offeredProfiles([]).map((p) => p.id)).toEqual(['yunnan', 'beijing', 'jilin']);
    const deployed = offeredProfiles([{ code: '110000', profileId: 'beijing' }, { code: '450000', profileId: 'zizhiqu-2025-draft' }, { code: '460000', profileId: 'zizhiqu-2025-draft' }]);
    expect(deployed.find((p) => p.id === 'zizhiqu-2025-draft')).toEqual({ id: 'zizhiqu-2025-draft', name: expect.stringContaining('征求意见稿'), regionCode: '450000' });
    // the baseline every other province falls back to is not a region's own text
    expect(offeredProfiles([{ code: '120000', profileId: 'national' }]).some((p) => p.id === 'national')).toBe(false);
  });
});
