/**
 * The workbooks around an import: the template (sheet 「机构及协议」 with the Chinese headers and one
 * example row, sheet 「字段说明」 with the mapping of docs/import-mapping.md) and the rejected rows
 * of a job (the row as read, its line and the 错误说明), streamed with exceljs' WorkbookWriter.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { IMPORT_COLUMNS, type ImportKey } from '../domain/registry/import-columns';
import { rejectsAfter } from '../db/import-repo';
import { getImportJob } from './run-import';
import { rejectsExpired } from './job-housekeeping';
import { AppError } from '../domain/errors';

const EXAMPLE: Partial<Record<ImportKey, string>> = {
  ybCode: 'H53010200001', name: '昆明市五华区示例社区卫生服务中心', uscc: '12530102MB0000001X', kind: '医疗机构', subtype: '社区卫生服务中心',
  ownership: '公立', hospitalLevel: '一级', regionCode: '530102', address: '昆明市五华区示例路1号', phone: '0871-65123456', status: '定点',
  beds: '20', paymentCategories: '普通门诊、住院', insuranceSchemes: '职工、居民', designatedOn: '2020-01-01', legalRepName: '张华',
  legalRepIdNumber: '（18位身份证号）', licenceKind: '医疗机构执业许可证', licenceNumber: 'PDY12345-653010212A1001', licenceValidFrom: '2021-01-01',
  licenceValidTo: '2026-12-31', agreementNumber: '五华医保协〔2025〕1号', agreementFrom: '2025-01-01', agreementTo: '2025-12-31',
  agreementCategories: '普通门诊、住院', agreementStatus: '履行中',
};

export async function importTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('机构及协议');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(EXAMPLE).font = { color: { argb: 'FF888888' }, italic: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = book.addWorksheet('字段说明');
  help.columns = [
    { header: '列名（Excel 模板）', key: 'header', width: 20 },
    { header: '国家平台字段名（CSV）', key: 'national', width: 22 },
    { header: '必填', key: 'required', width: 6 },
    { header: '说明', key: 'note', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow({ header: c.header, national: c.national ?? '（无，CSV 中可用中文列名）', required: c.required ? '是' : '', note: c.note });
  help.addRow({});
  help.addRow({ header: '说明', note: '每行一家机构及其现行协议；示例行（灰色）请删除后再导入。只读取第一个工作表。统一社会信用代码相同的行视为同一机构：已登记的机构按导入内容更新，内容未变的不做任何修改。' });
  help.addRow({ header: '', note: 'CSV 文件请用 UTF-8 编码，第一行为列名（国家平台字段名或上表的中文列名）。' });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The rejected rows of a job as a workbook: 行号, 错误说明, then the row's own columns. */
export async function exportRejects(ctx: AppContext, user: SessionUser, jobId: string): Promise<{ stream: PassThrough; fileName: string }> {
  const job = await getImportJob(ctx, user, jobId);
  if (job.rejected > 0 && rejectsExpired(ctx, job)) {
    throw new AppError('NOT_FOUND', `错误行清单已超过保存期限（${ctx.config.IMPORT_REJECTS_RETENTION_DAYS}天）被清除，如需要请重新导入原文件`);
  }
  const stream = rejectsWorkbook((after, limit) => rejectsAfter(ctx.db, job.id, after, limit));
  return { stream, fileName: `未导入的行-${job.fileName.replace(/\.[^.]+$/, '')}.xlsx` };
}

/**
 * A rejected-rows workbook, streamed: 行号, 错误说明, then the row's own columns as read. `page`
 * answers the rows after a line, in line order (the registry import's and the indicators', decision 0040).
 */
export function rejectsWorkbook(page: (afterLine: number, limit: number) => Promise<{ line: number; raw: [string, string][]; message: string }[]>): PassThrough {
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const sheet = book.addWorksheet('未导入的行');
  const write = async () => {
    let after = 0;
    let headers: string[] | null = null;
    for (;;) {
      const rows = await page(after, 1000);
      for (const r of rows) {
        if (!headers) {
          headers = r.raw.map(([h]) => h);
          sheet.columns = [
            { header: '行号', key: '__line', width: 8 }, { header: '错误说明', key: '__message', width: 60 },
            ...headers.map((h, i) => ({ header: h, key: `c${i}`, width: 16 })),
          ];
          sheet.getRow(1).font = { bold: true };
        }
        const values: Record<string, string | number> = { __line: r.line, __message: r.message };
        r.raw.forEach(([, v], i) => { values[`c${i}`] = v; });
        sheet.addRow(values).commit();
      }
      if (rows.length < 1000) break;
      after = rows[rows.length - 1]!.line;
    }
    if (!headers) {
      sheet.columns = [{ header: '行号', key: '__line', width: 8 }, { header: '错误说明', key: '__message', width: 60 }];
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return stream;
}
