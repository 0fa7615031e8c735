/** Plain data used by the document tests (and handy for demo seeds). */
import type { AgreementTemplate, LocalSupplement } from './build-agreement';
import type { Agency, Institution } from './parties';

export const agency: Agency = {
  name: '昆明市医疗保障事业管理中心',
  address: '昆明市西山区滇池路 1 号',
  phone: '0871-12345678',
};

export const institution: Institution = {
  name: '昆明市五华区康宁医院',
  uscc: '91530102MA6K000000',
  address: '昆明市五华区龙泉路 88 号',
  legalRepresentative: '李四',
};

export const template: AgreementTemplate = {
  id: 'yn-medical-2025',
  version: '2025版',
  title: '云南省医疗保障定点医疗机构服务协议范本',
  issuer: '云南省医疗保障局',
  clauses: [
    { id: 'general', heading: '总则', paragraphs: ['{{乙方}}应当严格遵守医疗保障法律法规和本协议的约定，为参保人员提供合理、必要的医药服务。'] },
    { id: 'scope', heading: '服务范围', paragraphs: ['乙方提供的医保支付类别为：{{医保支付类别}}。'], overridable: true },
    { id: 'settlement', heading: '费用结算', paragraphs: ['甲方按月与乙方结算医保基金应支付的费用。'] },
    { id: 'breach', heading: '违约责任', paragraphs: ['乙方违反本协议的，甲方可采取约谈、暂停结算、中止或解除协议等处理措施。'] },
  ],
};

export const supplement: LocalSupplement = {
  id: 'km-2025',
  version: '2025年第1版',
  issuer: '昆明市医疗保障局',
  clauses: [
    { id: 'S1', relation: 'refines', target: 'settlement', paragraphs: ['每月10日前完成上月费用的对账。'] },
    { id: 'S2', relation: 'replaces', target: 'scope', paragraphs: ['乙方提供普通门诊、住院和门诊慢特病服务。'] },
    { id: 'S3', relation: 'adds', heading: '异地就医', paragraphs: ['乙方应按规定为异地就医参保人员提供直接结算服务。'] },
  ],
};
