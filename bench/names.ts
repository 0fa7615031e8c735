import type { InstitutionSubtype } from '../src/domain/registry/enums';
import type { County } from './regions';

/**
 * Realistic-looking Chinese institution names, built from real place names (GB/T 2260)
 * plus generated town, village, street and person names. Deterministic given `rand`.
 */

export type Rand = () => number;

export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chars = (s: string) => Array.from(s);

/** Subtype mix, roughly the national picture of designated institutions (~46% pharmacies). */
export const SUBTYPE_MIX: [InstitutionSubtype, number][] = [
  ['pharmacy_chain_member', 0.29], ['pharmacy_single', 0.13],
  ['village_clinic', 0.17], ['clinic', 0.14], ['outpatient_dept', 0.025], ['health_room', 0.01],
  ['community_station', 0.02], ['community_center', 0.009],
  ['township_health_center', 0.025], ['central_health_center', 0.008], ['street_health_center', 0.001],
  ['general_hospital', 0.013], ['tcm_hospital', 0.005], ['specialty_hospital', 0.007],
  ['integrated_hospital', 0.001], ['rehab_hospital', 0.001], ['maternal_child', 0.0025], ['ethnic_hospital', 0.0005],
  ['disease_prevention', 0.001], ['dialysis_center', 0.001], ['nursing_home_medical', 0.002],
  ['eldercare_internal', 0.003], ['internet_hospital', 0.0005], ['emergency_center', 0.0003], ['hospice', 0.0002],
  ['ltc_eldercare_home', 0.005], ['ltc_nursing_home', 0.003],
  ['lab_center', 0.001], ['medical_lab', 0.0015], ['pathology_center', 0.0005], ['imaging_center', 0.001],
];

const SURNAMES = chars('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤');
const GIVEN = chars('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌宇浩凯健俊峰林波辉鹏云飞志新海燕春梅琳晶丹雪');
const PLACE_A = chars('新东西南北大小高石白青龙凤金安永长太平和河山桥柳杨林李王张马黄刘陈赵沙黑红双三五中上下古马牛羊鹿桃梨杏松竹梅兰清福兴隆庆丰');
const PLACE_B = chars('庄集店镇桥坝湾营屯寨口沟坪岭河堡铺港场滩洲湖塘坡岗峪川溪园井泉田寺城关头台园山坎渡');
const AUSPICIOUS = ['仁和', '仁爱', '博爱', '康华', '同济', '协和', '华康', '普济', '德仁', '济民', '百草', '回春', '益寿', '康宁', '民生', '福康', '佑安', '惠民', '同仁', '寿康', '泰和', '安康', '济世', '广济', '杏林', '瑞康', '康泰', '永安', '天和', '万家'];
const PHARMACY_BRANDS = ['老百姓', '益丰', '大参林', '一心堂', '国大', '海王星辰', '漱玉平民', '健之佳', '九州', '同仁堂', '养天和', '华润', '张仲景', '百姓缘', '瑞人堂', '鸿翔', '德仁堂', '天天好', '开心人', '成大方圆', '金象', '华氏', '第一医药', '雷允上', '采芝林', '好药师', '万家康', '康佰家', '众友', '福寿堂', '济生堂', '同济堂', '宝芝林', '怡康', '广药', '百信', '中联', '先声再康', '药圣堂', '仁和'];
const ROAD_A = ['人民', '解放', '中山', '建设', '和平', '文化', '胜利', '朝阳', '新华', '长江', '黄河', '青年', '光明', '幸福', '团结', '健康', '东风', '滨江', '迎宾', '金沙', '学府', '科技', '工业', '商业', '府前', '环城', '沿河', '体育', '公园', '车站', '振兴', '东方', '世纪', '锦绣', '凤凰', '白云', '民主', '红旗', '友谊', '育才'];
const ROAD_DIR = ['', '', '', '东', '西', '南', '北', '中'];
const ROAD_KIND = ['路', '路', '路', '街', '大道', '大街'];
const SPECIALTIES = ['口腔', '眼科', '骨科', '肿瘤', '精神病', '传染病', '儿童', '妇产', '皮肤病', '耳鼻喉', '肛肠', '男科', '心血管病', '胸科', '烧伤', '整形外科'];
const ETHNIC = ['藏医', '蒙医', '维吾尔医', '傣医', '彝医', '壮医', '苗医'];
const LABS = ['金域', '迪安', '艾迪康', '华大', '达安', '凯普', '兰卫', '高新'];
const UNITS = ['第一中学', '第二中学', '实验小学', '水泥厂', '火车站', '机务段', '纺织厂', '钢铁厂', '看守所', '林业局', '职业技术学院', '师范学院', '汽车站'];
const ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六'];

const given = (r: Rand) => (r() < 0.6 ? pick(r, GIVEN) + pick(r, GIVEN) : pick(r, GIVEN));
export const personName = (r: Rand) => pick(r, SURNAMES) + given(r);
const place = (r: Rand) => pick(r, PLACE_A) + pick(r, PLACE_B);
const town = (r: Rand) => place(r) + pick(r, ['镇', '镇', '乡']);
const street = (r: Rand) => place(r) + '街道';
export const road = (r: Rand) => pick(r, ROAD_A) + pick(r, ROAD_DIR) + pick(r, ROAD_KIND);
/** The county name, or occasionally the prefecture + county (e.g. 昆明市五华区). */
const county = (r: Rand, c: County) => (r() < 0.15 && c.cityName !== c.name ? c.cityName + c.name : c.name);

export function institutionName(r: Rand, subtype: InstitutionSubtype, c: County): string {
  const city = c.cityName;
  switch (subtype) {
    case 'pharmacy_chain_member': {
      const brand = pick(r, PHARMACY_BRANDS);
      const x = r();
      if (x < 0.45) return `${brand}大药房（${road(r)}店）`;
      if (x < 0.7) return `${brand}大药房连锁有限公司${county(r, c)}${road(r)}店`;
      if (x < 0.85) return `${city}${brand}医药连锁有限公司${road(r)}分店`;
      return `${brand}药房（${c.name}${town(r)}店）`;
    }
    case 'pharmacy_single': {
      const x = r();
      if (x < 0.3) return `${county(r, c)}${pick(r, AUSPICIOUS)}堂药店`;
      if (x < 0.55) return `${county(r, c)}${personName(r)}大药房`;
      if (x < 0.8) return `${c.name}${town(r)}${pick(r, AUSPICIOUS)}药店`;
      return `${city}${pick(r, AUSPICIOUS)}大药房有限公司`;
    }
    case 'village_clinic':
      return r() < 0.8 ? `${county(r, c)}${town(r)}${place(r)}村卫生室` : `${c.name}${town(r)}${place(r)}村卫生所`;
    case 'clinic': {
      const x = r();
      if (x < 0.35) return `${county(r, c)}${personName(r)}诊所`;
      if (x < 0.6) return `${county(r, c)}${personName(r)}中医诊所`;
      if (x < 0.8) return `${county(r, c)}${pick(r, AUSPICIOUS)}口腔诊所`;
      return `${c.name}${town(r)}${personName(r)}西医内科诊所`;
    }
    case 'outpatient_dept':
      return r() < 0.5 ? `${county(r, c)}${pick(r, AUSPICIOUS)}门诊部` : `${city}${pick(r, AUSPICIOUS)}口腔门诊部（${road(r)}）`;
    case 'health_room':
      return `${county(r, c)}${pick(r, UNITS)}卫生所`;
    case 'community_station':
      return `${county(r, c)}${street(r)}${place(r)}社区卫生服务站`;
    case 'community_center':
      return `${county(r, c)}${street(r)}社区卫生服务中心`;
    case 'township_health_center':
      return `${county(r, c)}${town(r)}卫生院`;
    case 'central_health_center':
      return `${county(r, c)}${place(r)}中心卫生院`;
    case 'street_health_center':
      return `${county(r, c)}${street(r)}卫生院`;
    case 'general_hospital': {
      const x = r();
      if (x < 0.25) return `${c.name}人民医院`;
      if (x < 0.4) return `${city}${pick(r, ORDINALS)}人民医院`;
      if (x < 0.5) return `${city}中心医院`;
      if (x < 0.6) return `${c.name}${pick(r, ORDINALS)}人民医院`;
      return `${county(r, c)}${pick(r, AUSPICIOUS)}医院`;
    }
    case 'tcm_hospital':
      return r() < 0.7 ? `${c.name}中医医院` : `${city}中医院`;
    case 'specialty_hospital':
      return r() < 0.4 ? `${city}${pick(r, SPECIALTIES)}医院` : `${county(r, c)}${pick(r, AUSPICIOUS)}${pick(r, SPECIALTIES)}医院`;
    case 'integrated_hospital':
      return `${county(r, c)}中西医结合医院`;
    case 'rehab_hospital':
      return `${county(r, c)}${pick(r, AUSPICIOUS)}康复医院`;
    case 'maternal_child':
      return r() < 0.7 ? `${c.name}妇幼保健院` : `${city}妇幼保健院`;
    case 'ethnic_hospital':
      return `${county(r, c)}${pick(r, ETHNIC)}医院`;
    case 'disease_prevention':
      return r() < 0.5 ? `${city}结核病防治所` : `${c.name}皮肤病防治院`;
    case 'dialysis_center':
      return `${city}${pick(r, AUSPICIOUS)}血液透析中心`;
    case 'nursing_home_medical':
      return `${county(r, c)}${pick(r, AUSPICIOUS)}护理院`;
    case 'eldercare_internal':
      return `${county(r, c)}${pick(r, AUSPICIOUS)}养老院医务室`;
    case 'internet_hospital':
      return `${city}${pick(r, AUSPICIOUS)}互联网医院`;
    case 'emergency_center':
      return `${county(r, c)}急救中心`;
    case 'hospice':
      return `${city}${pick(r, AUSPICIOUS)}安宁疗护中心`;
    case 'ltc_eldercare_home':
      return r() < 0.5 ? `${c.name}${town(r)}敬老院` : `${county(r, c)}${pick(r, AUSPICIOUS)}养老院`;
    case 'ltc_nursing_home':
      return r() < 0.2 ? `${city}社会福利院` : `${county(r, c)}${pick(r, AUSPICIOUS)}护理中心`;
    case 'lab_center':
      return `${city}${pick(r, LABS)}医学检验中心`;
    case 'medical_lab':
      return `${city}${pick(r, LABS)}医学检验实验室`;
    case 'pathology_center':
      return `${city}${pick(r, LABS)}病理诊断中心`;
    case 'imaging_center':
      return `${city}${pick(r, AUSPICIOUS)}医学影像诊断中心`;
  }
}

export function address(r: Rand, c: County): string {
  return `${c.provinceName}${c.cityName === c.provinceName ? '' : c.cityName}${c.name}${road(r)}${1 + Math.floor(r() * 400)}号`;
}
