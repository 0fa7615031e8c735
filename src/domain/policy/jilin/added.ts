import { defineRule, fail, PASS, unknown, type Rule } from '../model';
import { jl, JL_FROM } from './cite';

const eff = { from: JL_FROM };
const all = ['medical', 'pharmacy', 'ltc'] as const;

/** 吉医保规〔2023〕1号: long-term care, mutual recognition, scoring, special signing cases, cascade. */
export const jilinAdded: Rule[] = [
  defineRule({
    kind: 'jurisdiction', effective: eff, id: 'jilin.jurisdiction.mutual-recognition',
    title: '省本级与长春市、延边州本级与延吉市同城互认普通门诊（药店购药）、住院服务评估结果及重大信息变更结果',
    cites: [jl(7), jl(23, { item: 5 }), jl(25, { clause: 2 })], appliesTo: [...all],
    jurisdiction: {
      entries: [],
      mutualRecognition: [
        { a: '220000', b: '220100', categories: ['general_outpatient', 'pharmacy_purchase', 'inpatient'] },
        { a: '222400', b: '222401', categories: ['general_outpatient', 'pharmacy_purchase', 'inpatient'] },
      ],
    },
  }),
  defineRule({
    kind: 'eligibility', stage: 'conditions', effective: eff, id: 'jilin.condition.ltc-licence',
    title: '取得有效的养老或护理机构许可证（或民政备案材料证明）', cites: [jl(9, { item: 1 })], appliesTo: ['ltc'],
    check: (f) => (!f.ltc ? unknown('ltc') : f.ltc.hasLicence ? PASS : fail('未取得有效的养老或护理机构许可证（或民政备案材料证明）')),
  }),
  defineRule({
    kind: 'eligibility', stage: 'conditions', effective: eff, id: 'jilin.condition.ltc-staff',
    title: '至少1人具有医学或护理学背景、1人具有社会工作者资格或为二级及以上养老护理员，均已签订劳动合同并参保',
    cites: [jl(9, { item: 3 })], appliesTo: ['ltc'], params: ['ltc.staff.medicalOrNursing.min', 'ltc.staff.socialOrCare.min'],
    check: (f, c) => {
      if (!f.ltc) return unknown('ltc');
      const problems = [
        f.ltc.medicalOrNursingStaff < c.param('ltc.staff.medicalOrNursing.min') && '具有医学或护理学背景的人员不足',
        f.ltc.socialWorkerOrCaregiver < c.param('ltc.staff.socialOrCare.min') && '社会工作者或二级及以上养老护理员不足',
      ].filter(Boolean);
      return problems.length ? fail(problems.join('；')) : PASS;
    },
  }),
  defineRule({
    kind: 'eligibility', effective: eff, id: 'jilin.condition.ltc-other', title: '长期护理保险定点的其他基本条件（评估时核查）',
    cites: [jl(9, { item: 2 }), jl(9, { item: 4 }), jl(9, { item: 5 }), jl(9, { item: 6 })], appliesTo: ['ltc'],
    items: [
      { n: 2, label: '遵守国家相关法律法规和长期护理保险相关政策制度' },
      { n: 4, label: '场地面积、护理人员数量、场所使用权或租赁期限满足稳定服务需要；重度失智照护须有封闭安全的专门区域和专护人员' },
      { n: 5, label: '建立相适应的内部管理和运营制度，配备熟悉政策的管理人员' },
      { n: 6, label: '信息系统满足服务管理和费用结算需求' },
    ],
  }),
  defineRule({
    kind: 'eligibility', effective: eff, id: 'jilin.condition.national-conditions', title: '医疗机构和零售药店应符合国家规定的申请条件',
    cites: [jl(8)], appliesTo: ['medical', 'pharmacy'], note: '条件本身由国家基线规则承载（令第2号 第五、六条，令第3号 第五条）。',
  }),
  defineRule({
    kind: 'material', effective: eff, id: 'jilin.material.ltc', title: '长期护理保险定点申请材料',
    cites: [jl(11)], appliesTo: ['ltc'],
    materials: [
      { id: 'application_form', label: '吉林省长期护理保险定点服务机构申请表', cite: jl(11, { item: 1 }) },
      { id: 'licences', label: '养老或护理服务机构设立许可证（或民政备案材料证明）、营业执照/事业单位法人登记证书/民办非企业单位法人登记证书、法定代表人身份证复印件', cite: jl(11, { item: 2 }) },
      { id: 'staff_certificates', label: '社会工作者或养老护理员资格证书、医学或护理学人员资格证书和注册证，劳动合同和参保证明（聘用退休人员提供退休证）', cite: jl(11, { item: 3 }) },
      { id: 'premises', label: '服务场所使用权或租赁合同，场地面积、护理人员数量、服务区域、护理床等基础设施证明材料', cite: jl(11, { item: 4 }) },
      { id: 'internal_rules', label: '内部管理和运营制度，长期护理保险管理人员任职文件', cite: jl(11, { item: 5 }) },
      { id: 'information_system', label: '与信息系统有关的材料', cite: jl(11, { item: 6 }) },
      { id: 'fund_forecast', label: '纳入长期护理保险定点后使用医疗保障基金的预测性分析报告', cite: jl(11, { item: 7 }) },
    ],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.additional-category', title: '申请增加医保服务类别（住院、慢特病、双通道药品等）按所在统筹区规定申请',
    cites: [jl(10)], appliesTo: ['medical', 'pharmacy'],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.scoring', title: '按统一尺度和口径对基本情况、服务能力、内部管理量化赋分',
    cites: [jl(16)], appliesTo: [...all],
    scoring: {
      sections: [
        { key: 'basic', label: '基本情况', weight: null },
        { key: 'capacity', label: '服务能力', weight: null },
        { key: 'management', label: '内部管理', weight: null },
      ],
      note: '分值与合格线由统筹区评估标准确定（第十二条），本规程未给出数值，故权重留空，由部署时配置。',
    },
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.ltc-evaluation', title: '长期护理保险机构评估内容',
    cites: [jl(17)], appliesTo: ['ltc'],
    items: [
      { n: 1, label: '核查设立许可证（或民政备案）、营业执照或法人登记证书、法定代表人身份证' },
      { n: 2, label: '核查工作人员资格证书、注册证、劳动合同及参保证明' },
      { n: 3, label: '核查服务场所使用权或租赁合同及室外活动场地、居室、卫生间、浴室、厨房、餐厅、公共区域、护理床等' },
      { n: 4, label: '核查内部管理制度和运营制度' },
      { n: 5, label: '核查信息系统是否具备直接联网结算的条件' },
    ],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.result-signed-by-all', title: '评估结果分合格和不合格，由评估组全体成员签字确认，报同级医疗保障行政部门备案',
    cites: [jl(18)], appliesTo: [...all],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.complaint-cancels-negotiation', title: '评估合格的公示；公示期间举报投诉经查属实的，取消协商谈判资格',
    cites: [jl(19)], appliesTo: [...all],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.site-evaluation', title: '执业许可证上有多个执业地的，经办机构对各执业地逐一评估；未通过评估的执业地不得提供医疗保障服务，不列入协议',
    cites: [jl(23, { item: 2 })], appliesTo: ['medical'],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.special-signing', title: '医保协议签订的特殊情形',
    cites: [jl(23)], appliesTo: ['medical'],
    items: [
      { n: 1, label: '分支机构合并使用执业许可证的统一签订，未合并的分别签订' },
      { n: 2, label: '执业许可证有多个执业地的逐一评估，未通过的执业地不得提供医保服务' },
      { n: 3, label: '紧密型县域医共体可以共同体（牵头医疗机构）为单位签订' },
      { n: 4, label: '乡村一体化管理的村卫生室由代管的乡（镇）卫生院统一签订并列明名单；其他村卫生室按程序单独纳入' },
      { n: 5, label: '与注册地所在的经办机构签订，不与其他经办机构签订（同城互认的两对除外）' },
    ],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.performance', title: '绩效考核，结果与年终清算、质量保证金退还、协议续签挂钩',
    cites: [jl(26)], appliesTo: [...all],
  }),
  defineRule({
    kind: 'renewal', effective: eff, id: 'jilin.renewal.negotiation', title: '协议期满就续签协商谈判；未达成一致的，到期自动终止',
    cites: [jl(27)], appliesTo: [...all],
  }),
  defineRule({
    kind: 'suspension', effective: eff, id: 'jilin.suspension.cascade', title: '地市级及以上经办机构中止或解除协议的，该机构在其他统筹区的协议同时中止或解除',
    cites: [jl(30)], appliesTo: [...all],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.report-terminations', title: '定期向同级医疗保障行政部门报告解除协议情况',
    cites: [jl(31)], appliesTo: [...all],
  }),
  defineRule({
    kind: 'eligibility', effective: eff, id: 'jilin.eligibility.internet-hospital', title: '互联网医院依托实体医疗机构签订补充协议',
    cites: [jl(33)], appliesTo: ['medical'],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.third-party-filing', title: '独立设置的检验、病理、影像等第三方服务机构向经办机构备案服务项目，由定点医疗机构与其签约并结算',
    cites: [jl(33, { clause: 2 })], appliesTo: ['third_party'],
    materials: [
      { id: 'practice_licence', label: '医疗机构执业许可证', cite: jl(33, { clause: 2 }) },
      { id: 'equipment_list', label: '大型仪器设备清单', cite: jl(33, { clause: 2 }) },
      { id: 'staff_certificates', label: '相关专业人员的资格及注册证书', cite: jl(33, { clause: 2 }) },
    ],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.schemes-together', title: '申请定点时同时申请职工医保（含生育）、居民医保、大病保险服务范围，不分别申请',
    cites: [jl(35)], appliesTo: ['medical', 'pharmacy'], schemes: ['employee', 'resident', 'critical_illness'],
  }),
  defineRule({
    kind: 'procedure', effective: eff, id: 'jilin.procedure.medical-aid', title: '医疗救助定点评估参照本规程执行',
    cites: [jl(35, { clause: 2 })], appliesTo: ['medical', 'pharmacy'], schemes: ['medical_aid'],
  }),
];
