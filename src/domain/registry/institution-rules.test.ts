import { describe, expect, it } from 'vitest';
import { checkInstitutionShape, type ShapeFacts, type ParentFacts } from './institution-rules';

const base: ShapeFacts = {
  kind: 'medical', subtype: 'clinic', hospitalLevel: 'unrated', status: 'applicant', ybCode: null,
  parentId: null, parentRelation: null, regionCode: '530102',
};
const parent = (over: Partial<ParentFacts> = {}): ParentFacts => ({ id: 'p', kind: 'medical', subtype: 'general_hospital', parentId: null, ...over });
const fields = (f: Partial<ShapeFacts>, p: ParentFacts | null = null) => checkInstitutionShape({ ...base, ...f }, p).map((x) => x.field);

describe('registry shape rules', () => {
  it('accepts a plain clinic', () => expect(fields({})).toEqual([]));
  it('subtype must belong to the kind', () => expect(fields({ kind: 'pharmacy' })).toContain('subtype'));
  it('only medical institutions carry a hospital level', () => expect(fields({ kind: 'pharmacy', subtype: 'pharmacy_single', hospitalLevel: 'level2' })).toEqual(['hospitalLevel']));
  it('third-party services are filed, never designated (吉医保规〔2023〕1号 第三十三条)', () => {
    expect(fields({ kind: 'third_party', subtype: 'medical_lab', status: 'designated' })).toEqual(['status']);
    expect(fields({ kind: 'third_party', subtype: 'medical_lab', status: 'filed' })).toEqual([]);
    expect(fields({ status: 'filed' })).toEqual(['status']);
  });
  it('医保 code prefix follows the kind', () => {
    expect(fields({ ybCode: 'P53010200001' })).toEqual(['ybCode']);
    expect(fields({ kind: 'pharmacy', subtype: 'pharmacy_single', ybCode: 'P53010200001' })).toEqual([]);
  });
  it('parent and relation come together', () => {
    expect(fields({ parentId: 'p' }, parent())).toContain('parentRelation');
    expect(fields({ parentRelation: 'branch' })).toContain('parentId');
  });
  it('an internet hospital needs its physical hospital (京医保发〔2021〕30号 第五条)', () => {
    expect(fields({ subtype: 'internet_hospital' })).toContain('parentId');
    expect(fields({ subtype: 'internet_hospital', parentId: 'p', parentRelation: 'internet_hospital' }, parent())).toEqual([]);
    expect(fields({ subtype: 'internet_hospital', parentId: 'p', parentRelation: 'internet_hospital' }, parent({ kind: 'pharmacy', subtype: 'pharmacy_single' }))).toContain('parentId');
  });
  it('a village clinic is run by a 乡镇卫生院 (吉医保规〔2023〕1号 第二十三条(四))', () => {
    const vc = { subtype: 'village_clinic' as const, parentId: 'p', parentRelation: 'village_clinic' as const };
    expect(fields(vc, parent({ subtype: 'township_health_center' }))).toEqual([]);
    expect(fields(vc, parent())).toEqual(['parentId']);
    expect(fields({ parentId: 'p', parentRelation: 'village_clinic' }, parent({ subtype: 'township_health_center' }))).toEqual(['parentRelation']);
  });
  it('no cycles of length one or two', () => {
    expect(fields({ id: 'p', parentId: 'p', parentRelation: 'branch' }, parent())).toContain('parentId');
    expect(fields({ id: 'c', parentId: 'p', parentRelation: 'branch' }, parent({ parentId: 'c' }))).toContain('parentId');
  });
  it('chain stores hang under a pharmacy', () => {
    expect(fields({ kind: 'pharmacy', subtype: 'pharmacy_chain_member', parentId: 'p', parentRelation: 'chain_store' }, parent())).toEqual(['parentId']);
  });
});
