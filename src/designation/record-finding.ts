/**
 * An officer's finding at 材料审核 (decision 0024): 基本医疗服务未执行医药价格政策, 未依法履行行政处罚责任
 * (with the decision number and date), 弄虚作假 (with the date found) — 京医保发〔2021〕30号 第十二条(二)–(四)
 * — and the 云人社发〔2016〕308号 二(二) situations, 造成其它不良社会影响 included. Each with its source,
 * date and evidence (a note and/or a file of the application). One transaction: the screening runs
 * again as the system with the finding (`screening_completed`: the state stays, or 筛查拟不予受理
 * with every rule that fired), the finding row and its audit row are written with it.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { AppError, invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { findingKinds, type Finding, type FindingKind } from '../domain/policy/findings';
import { stateLabel, type State } from '../domain/designation/states';
import { appendAudit } from '../db/audit-repo';
import { insertFinding, materialOf, type FindingRow } from '../db/finding-repo';
import type { ApplicationRow } from '../db/designation-repo';
import type { Evaluation } from '../domain/policy/resolve';
import { loadApplicationFor } from './run-event';
import { screenApplication } from './screen-application';

export interface FindingInput {
  version: number;
  kind: FindingKind;
  foundOn: string;
  source: string;
  note?: string | undefined;
  evidenceFileId?: string | undefined;
}

/** 材料审核: the states in which an officer records findings (the rescreen rows of the table). */
export const FINDING_STATES: readonly State[] = ['under_review', 'supplemented'];

export async function recordFinding(
  ctx: AppContext, user: SessionUser, applicationId: string, input: FindingInput,
): Promise<{ finding: FindingRow; application: ApplicationRow; evaluation: Evaluation }> {
  const row = await loadApplicationFor(ctx, user, applicationId);
  if (row.version !== input.version) throw new AppError('STALE_VERSION', '申请已被他人处理，请刷新后重试');
  if (!FINDING_STATES.includes(row.state as State)) {
    throw new AppError('CONFLICT', `当前状态为「${stateLabel[row.state as State] ?? row.state}」，材料审核（初审、复核）期间方可记录审核发现`);
  }
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const def = findingKinds[input.kind];
  if (input.foundOn > today) throw invalid('body.foundOn', `字段 body.foundOn：${def.dateLabel}不能晚于今天（${today}）`);
  const note = input.note?.trim() || null;
  let evidenceFile: string | null = null;
  if (input.evidenceFileId) {
    const m = await materialOf(ctx.db, row.id, input.evidenceFileId);
    if (!m) throw invalid('body.evidenceFileId', '字段 body.evidenceFileId：证据文件不是本申请已上传的文件');
    evidenceFile = `${m.fileName}（SHA-256 ${m.sha256}）`;
  }
  if (!note && !evidenceFile) throw invalid('body.note', '字段 body.note：须填写情况说明或指定证据文件');

  const finding: Finding = {
    id: randomUUID(), kind: input.kind, applicationId: row.id, foundOn: input.foundOn, source: input.source.trim(),
    note, evidenceFileId: input.evidenceFileId ?? null, evidenceFile, resolvedOn: null,
  };
  let written!: FindingRow;
  const r = await screenApplication(ctx, row.id, row.version, undefined, {
    row,
    pending: [finding],
    within: async (tx) => {
      written = await insertFinding(tx, { ...finding, institutionId: row.institutionId, recordedBy: user.id, recordedAt: now });
      await appendAudit(tx, now, {
        actor: user, action: 'screening_finding.record', entityType: 'screening_finding', entityId: finding.id, regionCode: row.regionCode,
        after: { ...finding, institutionId: row.institutionId, label: def.label, applicationVersion: row.version },
        reason: `${def.label}（${finding.source}，${finding.foundOn}）`,
      });
    },
  });
  return { finding: written, application: r.application, evaluation: r.evaluation };
}
