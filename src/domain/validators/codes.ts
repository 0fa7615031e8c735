/**
 * National 医保 institution code (国家医保信息业务编码): 'H' (定点医疗机构) or 'P' (定点零售药店),
 * the 6-digit 医保区划 (GB/T 2260 or a 省本级/市本级 pseudo code), and a 5-digit serial,
 * e.g. H53010200001.
 */
export const YB_CODE_RE = /^[HP]\d{6}\d{5}$/;
export const isValidYbCode = (code: string): boolean => YB_CODE_RE.test(code);

/** Mobile (1[3-9] + 9 digits, optional +86) or landline (area code 0xx/0xxx, 7–8 digits, optional extension). */
const MOBILE_RE = /^(?:\+?86[- ]?)?1[3-9]\d{9}$/;
const LANDLINE_RE = /^(?:\(0\d{2,3}\)|0\d{2,3}[- ]?)?[2-9]\d{6,7}(?:[-转#]\d{1,6})?$/;
/** Public service numbers (12393 医保服务热线, 12345, 120 …) are allowed as service phones. */
const SERVICE_RE = /^(?:110|119|120|122|12\d{3}|[48]00[- ]?\d{3}[- ]?\d{4})$/;

export const isMobile = (s: string): boolean => MOBILE_RE.test(s);
export const isLandline = (s: string): boolean => LANDLINE_RE.test(s);
export const isValidPhone = (s: string): boolean => isMobile(s) || isLandline(s) || SERVICE_RE.test(s);

/** GB/T 2260 code shape (6 digits, not starting with 0). Whether it exists is the database's question. */
export const isRegionCodeShape = (s: string): boolean => /^[1-9]\d{5}$/.test(s);
