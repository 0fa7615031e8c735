import { subtypeKind, type InstitutionSubtype, type InstitutionKind, type InstitutionStatus, type ParentRelation } from './enums';

/**
 * Consistency of a registry entry, checked on create and on every change. Pure: the caller
 * loads the parent (if any) and passes what these checks need. Each problem names the field.
 */
export interface ShapeFacts {
  id?: string;
  kind: InstitutionKind;
  subtype: InstitutionSubtype;
  hospitalLevel: string;
  status: InstitutionStatus;
  ybCode: string | null;
  parentId: string | null;
  parentRelation: ParentRelation | null;
  regionCode: string;
}
export interface ParentFacts {
  id: string;
  kind: InstitutionKind;
  subtype: InstitutionSubtype;
  parentId: string | null;
}
export interface ShapeProblem {
  field: string;
  message: string;
}

const HEALTH_CENTRES: InstitutionSubtype[] = ['township_health_center', 'central_health_center', 'street_health_center'];

export function checkInstitutionShape(f: ShapeFacts, parent: ParentFacts | null): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const add = (field: string, message: string) => out.push({ field, message });

  if (subtypeKind[f.subtype] !== f.kind) add('subtype', '机构类型与机构类别不一致');
  if (f.kind !== 'medical' && f.hospitalLevel !== 'unrated') add('hospitalLevel', '只有医疗机构可以填写医院等级');

  // 吉医保规〔2023〕1号 第三十三条: third-party services are filed (备案), not designated
  if (f.kind === 'third_party' && !['applicant', 'filed'].includes(f.status)) add('status', '第三方服务机构只能备案，不能定点（吉医保规〔2023〕1号 第三十三条）');
  if (f.kind !== 'third_party' && f.status === 'filed') add('status', '只有第三方服务机构使用“已备案”状态');

  // national code prefix: H for 医疗机构, P for 零售药店
  if (f.ybCode) {
    const want = f.kind === 'pharmacy' ? 'P' : 'H';
    if (f.ybCode[0] !== want) add('ybCode', `${f.kind === 'pharmacy' ? '零售药店' : '医疗机构'}的医保机构编码应以 ${want} 开头`);
  }

  if (!!f.parentId !== !!f.parentRelation) add(f.parentId ? 'parentRelation' : 'parentId', '上级机构与隶属关系须同时填写');
  // 京医保发〔2021〕30号 第五条 款二 / 吉医保规〔2023〕1号 第三十三条: 互联网医院依托实体医疗机构
  if (f.subtype === 'internet_hospital' && f.parentRelation !== 'internet_hospital') add('parentId', '互联网医院须依托其实体医疗机构（京医保发〔2021〕30号 第五条）');
  if (f.parentRelation === 'internet_hospital' && f.subtype !== 'internet_hospital') add('parentRelation', '“依托实体机构的互联网医院”关系只适用于互联网医院');
  // 吉医保规〔2023〕1号 第二十三条(四): 乡村一体化村卫生室 by its 乡(镇)卫生院
  if (f.parentRelation === 'village_clinic' && f.subtype !== 'village_clinic') add('parentRelation', '“乡村一体化村卫生室”关系只适用于村卫生室');
  if (f.parentRelation === 'chain_store' && f.kind !== 'pharmacy') add('parentRelation', '“连锁总部门店”关系只适用于零售药店');

  if (parent) {
    if (f.id && parent.id === f.id) add('parentId', '上级机构不能是本机构');
    if (f.id && parent.parentId === f.id) add('parentId', '上级机构不能是本机构的下级机构');
    if (f.parentRelation === 'village_clinic' && !HEALTH_CENTRES.includes(parent.subtype)) add('parentId', '村卫生室应由乡（镇）卫生院代管（吉医保规〔2023〕1号 第二十三条(四)）');
    if (['internet_hospital', 'yigongti_member', 'branch', 'village_clinic'].includes(f.parentRelation ?? '') && parent.kind !== 'medical') add('parentId', '上级机构应为医疗机构');
    if (f.parentRelation === 'chain_store' && parent.kind !== 'pharmacy') add('parentId', '连锁总部应为零售药店');
  }
  return out;
}
