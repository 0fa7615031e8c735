import type {
  InstitutionKind, InstitutionSubtype, Ownership, HospitalLevel, Grade, AdminLevel, InstitutionStatus, ParentRelation,
  PersonRole, LicenceKind,
} from './enums';

/** What the registry answers: a list row, and the detail with its people, licences, sites and relations. */
export interface InstitutionListItem {
  id: string;
  name: string;
  uscc: string;
  ybCode: string | null;
  kind: InstitutionKind;
  subtype: InstitutionSubtype;
  ownership: Ownership;
  hospitalLevel: HospitalLevel;
  grade: Grade;
  adminLevel: AdminLevel;
  regionCode: string;
  regionName: string | null;
  address: string;
  status: InstitutionStatus;
  dualChannel: boolean;
  parentId: string | null;
  parentRelation: ParentRelation | null;
  version: number;
  updatedAt: string;
}

export interface InstitutionPersonView {
  personId: string;
  name: string;
  /** 身份证号, always masked (5301**********123X) */
  idNumberMasked: string;
  phone: string | null;
  role: PersonRole;
  fromDate: string;
  toDate: string | null;
  dishonest: boolean;
}

export interface LicenceView {
  id: string;
  kind: LicenceKind;
  number: string;
  issuedBy: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface SiteView {
  id: string;
  name: string;
  address: string;
  regionCode: string;
  approved: boolean | null;
}

export interface RelatedInstitution {
  id: string;
  name: string;
  subtype: InstitutionSubtype;
  status: InstitutionStatus;
  regionCode: string;
  parentRelation: ParentRelation | null;
}

export interface InstitutionDetail extends InstitutionListItem {
  beds: number;
  phone: string | null;
  servicePhone: string | null;
  paymentCategories: string[];
  insuranceSchemes: string[];
  openedOn: string | null;
  /** 主要执业范围 codes (practice-scope.ts); null = not recorded */
  mainScope: string[] | null;
  designatedOn: string | null;
  createdAt: string;
  persons: InstitutionPersonView[];
  licences: LicenceView[];
  sites: SiteView[];
  /** null when there is none or it lies outside the reader's territory */
  parent: RelatedInstitution | null;
  /** branches, 医共体 members, village clinics, internet hospital, chain stores (within the territory) */
  children: RelatedInstitution[];
}
