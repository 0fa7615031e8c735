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
