import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { challengeText, leadingZeroBits } from './challenge';
import { isPendingApplicant, nearestAgency, registrationDetails } from './registration';
import { withUsccCheck } from '../validators/uscc';
import { withIdCheck } from '../validators/id-number';

describe('proof-of-work challenge (decision 0027)', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x3f]))).toBe(18);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00]))).toBe(16);
  });
  it('a found nonce has the wanted bits, and the text binds id and salt', () => {
    const find = (id: string, salt: string, bits: number) => {
      for (let n = 0; ; n++) if (leadingZeroBits(createHash('sha256').update(challengeText(id, salt, String(n))).digest()) >= bits) return n;
    };
    const n = find('a', 's', 12);
    expect(leadingZeroBits(createHash('sha256').update(challengeText('a', 's', String(n))).digest())).toBeGreaterThanOrEqual(12);
    expect(challengeText('a', 's', '1')).not.toBe(challengeText('a', 't', '1'));
  });
});

describe('the receiving agency (属地)', () => {
  const agencies = [
    { id: 'province', regionCode: '530000' },
    { id: 'kunming', regionCode: '530100' },
    { id: 'wuhua', regionCode: '530102' },
  ];
  it('is the county\'s agency, else the prefecture\'s, else the province\'s', () => {
    expect(nearestAgency('530102', agencies)?.id).toBe('wuhua');
    expect(nearestAgency('530111', agencies)?.id).toBe('kunming');
    expect(nearestAgency('530302', agencies)?.id).toBe('province');
    expect(nearestAgency('110105', agencies)).toBeNull();
  });
});

describe('the pending applicant', () => {
  it('is an institution organisation without an institution', () => {
    expect(isPendingApplicant({ orgKind: 'institution', institutionId: null, roles: [] })).toBe(true);
    expect(isPendingApplicant({ orgKind: 'institution', institutionId: 'x', roles: ['institution_staff'] })).toBe(false);
    expect(isPendingApplicant({ orgKind: 'agency', institutionId: null, roles: ['agency_officer'] })).toBe(false);
  });
});

describe('the registration details', () => {
  const ok = {
    uscc: withUsccCheck('92530102MA0123456'), name: '诊所', kind: 'medical', subtype: 'clinic', ownership: 'private', regionCode: '530102',
    address: '地址', legalRepName: '张三', legalRepIdNumber: withIdCheck('53010219800101123'), contactName: '李四', contactPhone: '13800138000',
  };
  it('accept a consistent form and refuse a type of another kind', () => {
    expect(registrationDetails.safeParse(ok).success).toBe(true);
    const bad = registrationDetails.safeParse({ ...ok, kind: 'pharmacy' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('机构类型与机构类别不符');
  });
});
