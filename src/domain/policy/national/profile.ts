import type { Profile } from '../model';
import { BASE_FROM } from './cite';
import { institutionTypes, medicalConditions, nationalMaterials, pharmacyConditions } from './conditions';
import { nationalParams } from './params';
import { nationalProcedure } from './procedure';
import { medicalRefusals, pharmacyRefusals, reapplicationRules } from './refusals';

/** The national baseline every regional profile extends. */
export const nationalProfile: Profile = {
  id: 'national',
  name: '国家基线（国家医疗保障局令第2号、第3号）',
  regionCode: null,
  extends: null,
  draft: false,
  effectiveFrom: BASE_FROM,
  params: nationalParams,
  overrides: [],
  added: [
    institutionTypes,
    ...medicalConditions,
    ...pharmacyConditions,
    ...nationalMaterials,
    ...medicalRefusals,
    ...pharmacyRefusals,
    ...reapplicationRules,
    ...nationalProcedure,
  ],
};
