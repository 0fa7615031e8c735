// PLACEHOLDER until h-renewal merges: replaced at merge by the real screening (never lands as is)
import type { ScreenBatch } from './screen-batch';
export const screenAgreements: ScreenBatch = async () => { throw new Error('screening not wired'); };
export const renewalDefaults = (_profileId: string): Record<string, unknown> => ({});
