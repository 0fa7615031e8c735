/** Stored template rows ↔ the documents module's 范本 / 地方补充条款 types, and conflicts as rule reasons. */
import type { RuleReason } from '../domain/errors';
import type { AgreementConflict, AgreementTemplate, LocalSupplement, SupplementClause, TemplateClause } from '../documents/build-agreement';
import type { TemplateRow } from '../db/agreement-repo';

export const TEMPLATE_RULE_CITATION = '自治区医保局〔2025〕征求意见稿（草案） 一(三)';

export const versionLabel = (v: number) => `第${v}版`;

export function toTemplate(row: TemplateRow): AgreementTemplate {
  return { id: row.code, version: versionLabel(row.version), title: row.title, issuer: row.issuer, clauses: row.clauses as TemplateClause[] };
}

export function toSupplement(row: TemplateRow): LocalSupplement {
  return { id: row.code, version: versionLabel(row.version), issuer: row.issuer, clauses: row.clauses as SupplementClause[] };
}

export function conflictReasons(conflicts: AgreementConflict[]): RuleReason[] {
  return conflicts.map((c) => ({ ruleId: `agreement.supplement.${c.kind}`, citation: TEMPLATE_RULE_CITATION, message: c.message }));
}
