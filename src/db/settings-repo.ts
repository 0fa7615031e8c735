import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { settings } from './schema/index';

const SANDBOX_KEY = 'sandbox.clock_offset_ms';

export async function loadSandboxOffset(db: Db): Promise<number> {
  const [row] = await db.select().from(settings).where(eq(settings.key, SANDBOX_KEY));
  return typeof row?.value === 'number' ? row.value : 0;
}

export async function saveSandboxOffset(db: Db, offsetMs: number, at: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key: SANDBOX_KEY, value: offsetMs, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value: offsetMs, updatedAt: at } });
}

/** A whole number setting, or `fallback` when it is not set (or not a positive integer). */
export async function loadIntSetting(db: Db, key: string, fallback: number): Promise<number> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const v = row?.value;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
}
