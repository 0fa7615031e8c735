/**
 * Name material for the demo registry: the seven county-level areas of the demo, with their
 * streets, villages, chains and phone area codes, and the 省本级/市本级 hospitals.
 */
export interface DemoArea {
  key: string;
  code: string;
  /** province abbreviation used in licence numbers (滇, 京, 吉, 桂) */
  abbr: string;
  city: string;
  county: string;
  /** how local names begin: 昆明市五华区 */
  prefix: string;
  areaCode: string;
  streets: string[];
  villages: string[];
  chains: string[];
  /** 吉林 areas carry the long-term-care homes (吉医保规〔2023〕1号 第九条) */
  ltc: boolean;
  ethnic?: string;
}

export const DEMO_AREAS: DemoArea[] = [
  {
    key: 'wuhua', code: '530102', abbr: '滇', city: '昆明市', county: '五华区', prefix: '昆明市五华区', areaCode: '0871',
    streets: ['华山', '护国', '大观', '龙翔', '丰宁', '红云', '黑林铺', '普吉', '西翥', '莲华'],
    villages: ['厂口', '沙朗', '团结'], chains: ['一心堂药业', '云南白药大药房', '健之佳'], ltc: false, ethnic: '昆明市五华区傣医医院',
  },
  {
    key: 'panlong', code: '530103', abbr: '滇', city: '昆明市', county: '盘龙区', prefix: '昆明市盘龙区', areaCode: '0871',
    streets: ['拓东', '鼓楼', '东华', '联盟', '金辰', '青云', '龙泉', '茨坝', '松华', '双龙'],
    villages: ['麦冲', '龙潭', '小河'], chains: ['一心堂药业', '健之佳', '老百姓大药房'], ltc: false,
  },
  {
    key: 'dongcheng', code: '110101', abbr: '京', city: '北京市', county: '东城区', prefix: '北京市东城区', areaCode: '010',
    streets: ['东华门', '景山', '交道口', '安定门', '北新桥', '东四', '朝阳门', '建国门', '东直门', '和平里'],
    villages: [], chains: ['北京同仁堂', '金象大药房', '嘉事堂'], ltc: false,
  },
  {
    key: 'chaoyang', code: '110105', abbr: '京', city: '北京市', county: '朝阳区', prefix: '北京市朝阳区', areaCode: '010',
    streets: ['建外', '朝外', '呼家楼', '三里屯', '左家庄', '香河园', '和平街', '安贞', '亚运村', '孙河'],
    villages: ['康营', '上辛堡', '沙子营'], chains: ['北京同仁堂', '金象大药房', '京卫大药房'], ltc: false,
  },
  {
    key: 'nanguan', code: '220102', abbr: '吉', city: '长春市', county: '南关区', prefix: '长春市南关区', areaCode: '0431',
    streets: ['南岭', '自强', '民康', '新春', '长通', '全安', '曙光', '永吉', '幸福乡', '鸿城'],
    villages: ['幸福', '红星', '玉潭'], chains: ['吉林大药房', '益丰大药房', '老百姓大药房'], ltc: true,
  },
  {
    key: 'yanji', code: '222401', abbr: '吉', city: '延边朝鲜族自治州', county: '延吉市', prefix: '延吉市', areaCode: '0433',
    streets: ['进学', '北山', '新兴', '公园', '建工', '河南', '依兰', '小营', '朝阳川', '三道湾'],
    villages: ['太阳', '八道', '光新'], chains: ['吉林大药房', '延边大药房', '益丰大药房'], ltc: true, ethnic: '延边朝医医院',
  },
  {
    // the 2025 draft's region (decision 0043: the demo runs it in 广西); last, so that the areas above keep their seeded values
    key: 'qingxiu', code: '450103', abbr: '桂', city: '南宁市', county: '青秀区', prefix: '南宁市青秀区', areaCode: '0771',
    streets: ['新竹', '中山', '建政', '南湖', '津头', '仙葫', '长塘', '伶俐', '刘圩', '南阳'],
    villages: ['那马', '施厚', '英华'], chains: ['一心堂药业', '大参林', '老百姓大药房'], ltc: false, ethnic: '南宁市青秀区壮医医院',
  },
];

export const ROADS = ['人民路', '建设路', '解放路', '长春路', '文化路', '新华路', '和平路', '光明路', '胜利路', '团结路', '青年路', '学府路'];
export const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '金', '朴', '崔', '段', '杜'];
export const GIVEN = ['建国', '秀英', '志强', '丽华', '海燕', '明', '伟', '芳', '军', '静', '晓东', '红梅', '永福', '春兰', '立新', '雪梅', '国庆', '玉兰', '宏伟', '丹', '磊', '婷', '斌', '慧', '俊杰', '桂英'];
export const CLINIC_STYLES = ['中医诊所', '内科诊所', '口腔诊所', '全科诊所', '中医诊所', '儿科诊所', '皮肤科诊所', '眼科诊所'];
export const PHARMACY_NAMES = ['康源药店', '百姓缘大药房', '仁和堂药店', '济民大药房', '福寿堂药店'];
export const LTC_NAMES = ['康乐养老院', '夕阳红养老院', '福寿养老院', '颐和养老院', '安康护理院', '仁爱护理院'];

/** 省本级 and 市本级 institutions (registered under the 医保区划 pseudo codes). */
export interface FixedHospital {
  key: string;
  name: string;
  regionCode: string;
  subtype: 'general_hospital' | 'tcm_hospital' | 'specialty_hospital' | 'emergency_center' | 'ethnic_hospital' | 'rehab_hospital';
  level: 'level3' | 'level2';
  adminLevel: 'province' | 'prefecture';
  beds: number;
  branch?: string;
  internet?: string;
}

export const FIXED_HOSPITALS: FixedHospital[] = [
  { key: 'yn-first', name: '云南省第一人民医院', regionCode: '539900', subtype: 'general_hospital', level: 'level3', adminLevel: 'province', beds: 3100, branch: '云南省第一人民医院新昆华医院', internet: '云南省第一人民医院互联网医院' },
  { key: 'yn-tcm', name: '云南省中医医院', regionCode: '539900', subtype: 'tcm_hospital', level: 'level3', adminLevel: 'province', beds: 1500 },
  { key: 'yn-tumor', name: '云南省肿瘤医院', regionCode: '539900', subtype: 'specialty_hospital', level: 'level3', adminLevel: 'province', beds: 2000 },
  { key: 'yn-rehab', name: '云南省康复医院', regionCode: '539900', subtype: 'rehab_hospital', level: 'level2', adminLevel: 'province', beds: 400 },
  { key: 'km-first', name: '昆明市第一人民医院', regionCode: '530199', subtype: 'general_hospital', level: 'level3', adminLevel: 'prefecture', beds: 2800, branch: '昆明市第一人民医院甘美医院' },
  { key: 'km-tcm', name: '昆明市中医医院', regionCode: '530199', subtype: 'tcm_hospital', level: 'level3', adminLevel: 'prefecture', beds: 1200 },
  { key: 'km-child', name: '昆明市儿童医院', regionCode: '530199', subtype: 'specialty_hospital', level: 'level3', adminLevel: 'prefecture', beds: 1100 },
  { key: 'km-yanan', name: '昆明市延安医院', regionCode: '530199', subtype: 'general_hospital', level: 'level3', adminLevel: 'prefecture', beds: 1600 },
  { key: 'km-emergency', name: '昆明市急救中心', regionCode: '530199', subtype: 'emergency_center', level: 'level2', adminLevel: 'prefecture', beds: 0 },
  { key: 'bj-chaoyang', name: '首都医科大学附属北京朝阳医院', regionCode: '119900', subtype: 'general_hospital', level: 'level3', adminLevel: 'province', beds: 1900, internet: '北京朝阳医院互联网医院' },
  { key: 'bj-tcm', name: '北京市中医医院', regionCode: '119900', subtype: 'tcm_hospital', level: 'level3', adminLevel: 'province', beds: 700 },
  { key: 'bj-emergency', name: '北京急救中心', regionCode: '119900', subtype: 'emergency_center', level: 'level2', adminLevel: 'province', beds: 0 },
  { key: 'jl-first', name: '吉林大学第一医院', regionCode: '229900', subtype: 'general_hospital', level: 'level3', adminLevel: 'province', beds: 6500, branch: '吉林大学第一医院二部' },
  { key: 'jl-people', name: '吉林省人民医院', regionCode: '229900', subtype: 'general_hospital', level: 'level3', adminLevel: 'province', beds: 2000 },
  { key: 'cc-central', name: '长春市中心医院', regionCode: '220199', subtype: 'general_hospital', level: 'level3', adminLevel: 'prefecture', beds: 1600 },
  { key: 'cc-tcm', name: '长春市中医院', regionCode: '220199', subtype: 'tcm_hospital', level: 'level3', adminLevel: 'prefecture', beds: 800 },
  { key: 'yb-hospital', name: '延边大学附属医院', regionCode: '222499', subtype: 'general_hospital', level: 'level3', adminLevel: 'prefecture', beds: 2200, internet: '延边大学附属医院互联网医院' },
];
