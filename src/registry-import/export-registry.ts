/**
 * Export of the registry (issue #9) with the institutions list's filters and territory: Excel
 * (exceljs streaming writer, the import template's Chinese headers) or CSV (UTF-8 with BOM, the
 * national platform's field names where it has one, else the Chinese header). Values are written
 * as the import reads them (Chinese labels), so an export re-imports unchanged — except the legal
 * representative's 身份证号, which is masked (personal information) and so is not an import column.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import * as E from '../domain/registry/enums';
import { IMPORT_COLUMNS, type ImportKey } from '../domain/registry/import-columns';
import { maskIdNumber } from '../domain/validators/id-number';
import { exportPage, type ExportFilter, type ExportRow } from '../db/registry-export-repo';

const PAGE = 1000;
export const MASKED_ID_HEADER = '法定代表人身份证号（脱敏）';
/** not the import's 「法定代表人姓名」: without the full 身份证号 the pair could not be re-imported */
export const REP_NAME_HEADER = '法定代表人';

const label = <T extends string>(labels: Record<T, string>, v: string | null) => (v ? (labels[v as T] ?? v) : '');
const labels = <T extends string>(m: Record<T, string>, vs: string[] | null) => (vs ?? []).map((v) => m[v as T] ?? v).join('、');
const LEVEL: Record<string, string> = { level3: '三级', level2: '二级', level1: '一级' };
const GRADE: Record<string, string> = { A: '甲等', B: '乙等', C: '丙等', none: '' };

/** The row as import-template values (Chinese labels); the 身份证号 masked. */
export function exportValues(r: ExportRow): Record<ImportKey, string> {
  return {
    ybCode: r.ybCode ?? '', name: r.name, uscc: r.uscc, kind: label(E.institutionKindLabel, r.kind), subtype: label(E.institutionSubtypeLabel, r.subtype),
    ownership: label(E.ownershipLabel, r.ownership),
    hospitalLevel: r.hospitalLevel === 'unrated' ? (r.kind === 'medical' ? '未定级' : '') : `${LEVEL[r.hospitalLevel] ?? ''}${GRADE[r.grade] ?? ''}`,
    regionCode: r.regionCode, address: r.address, phone: r.phone ?? '', status: label(E.institutionStatusLabel, r.status), beds: String(r.beds),
    paymentCategories: labels(E.paymentCategoryLabel, r.paymentCategories), insuranceSchemes: labels(E.insuranceSchemeLabel, r.insuranceSchemes),
    designatedOn: r.designatedOn ?? '', legalRepName: r.legalRepName ?? '', legalRepIdNumber: r.legalRepIdNumber ? maskIdNumber(r.legalRepIdNumber) : '',
    licenceKind: label(E.licenceKindLabel, r.licenceKind), licenceNumber: r.licenceNumber ?? '', licenceValidFrom: r.licenceValidFrom ?? '',
    licenceValidTo: r.licenceValidTo ?? '', agreementNumber: r.agreementNumber ?? '', agreementFrom: r.agreementFrom ?? '', agreementTo: r.agreementTo ?? '',
    agreementCategories: labels(E.paymentCategoryLabel, r.agreementCategories),
    agreementStatus: r.agreementStatus ? (r.agreementStatus === 'void' ? '已作废' : '履行中') : '',
  };
}

/**
 * The export's columns: the import's, except the legal representative's, which are shown under
 * headers of their own (the 身份证号 masked), so that a re-import leaves the person links alone.
 */
export const EXPORT_COLUMNS = IMPORT_COLUMNS.map((c) => (c.key === 'legalRepIdNumber' ? { ...c, header: MASKED_ID_HEADER, national: undefined }
  : c.key === 'legalRepName' ? { ...c, header: REP_NAME_HEADER, national: undefined } : c));

/** A CSV cell: quoted when needed; a leading = + - @ is neutralised (no formula when opened in a spreadsheet). */
export function csvCell(v: string): string {
  const s = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportRegistry(
  ctx: AppContext, user: SessionUser, f: ExportFilter, format: 'xlsx' | 'csv',
): Promise<{ stream: PassThrough; fileName: string; mime: string }> {
  const scope = scopeOf(user);
  const today = chinaDate(ctx.clock.now());
  const stream = new PassThrough();
  const rows = async function* () {
    let after: string | null = null;
    for (;;) {
      const page = await exportPage(ctx.db, scope, f, after, PAGE);
      for (const r of page) yield exportValues(r);
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.id;
    }
  };
  const fail = (e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e)));
  if (format === 'csv') {
    const write = async () => {
      stream.write(`\uFEFF${EXPORT_COLUMNS.map((c) => csvCell(c.national ?? c.header)).join(',')}\r\n`);
      for await (const v of rows()) {
        if (!stream.write(`${EXPORT_COLUMNS.map((c) => csvCell(v[c.key])).join(',')}\r\n`)) await new Promise((r) => stream.once('drain', r));
      }
      stream.end();
    };
    write().catch(fail);
    return { stream, fileName: `定点医药机构登记簿-${today}.csv`, mime: 'text/csv; charset=utf-8' };
  }
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('机构及协议');
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const v of rows()) sheet.addRow(v).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch(fail);
  return { stream, fileName: `定点医药机构登记簿-${today}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
