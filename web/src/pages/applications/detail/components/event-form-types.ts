/** What an event's form needs to know, and what it must give back (the payload without `version`). */
import type { ReactNode } from 'react';
import type { ApplicationDetail, PublicStandards, RequiredMaterials } from '../../../../api/pipeline-types';
import type { SessionUser } from '../../../../api/types';

export interface EventFormContext {
  d: ApplicationDetail;
  user: SessionUser;
  required?: RequiredMaterials;
  standards?: PublicStandards;
}

export type FormValues = Record<string, unknown>;

export interface EventForm {
  /** the form's fields (antd Form.Item); none = a confirmation only */
  fields?: (ctx: EventFormContext) => ReactNode;
  initial?: (ctx: EventFormContext) => FormValues;
  payload?: (values: FormValues, ctx: EventFormContext) => Record<string, unknown>;
  /** text of the confirmation (no fields) or a note above the fields */
  hint?: string | ((ctx: EventFormContext) => ReactNode);
  danger?: boolean;
  /** needs the scoring sheet / required specialties (GET /api/public/standards) */
  needsStandards?: boolean;
  /** needs the material list (materials-required) */
  needsMaterials?: boolean;
}

/** 'YYYY-MM-DD' from a dayjs value (DatePicker) or a string. */
export function isoDay(v: unknown): string {
  if (v && typeof v === 'object' && 'format' in v && typeof (v as { format: unknown }).format === 'function') {
    return (v as { format: (f: string) => string }).format('YYYY-MM-DD');
  }
  return String(v ?? '');
}

/** Non-empty trimmed lines of a textarea, or the values of a tags Select. */
export function lines(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  return String(v ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
}
