import { openDatabase } from './src/db/client';
import { agreementsInWindow, openItemsOf, insertItems } from './src/db/renewal-campaign-repo';
import { screenAgreements, renewalDefaults } from './src/renewal-campaigns/screen-agreements';
import { sql } from 'drizzle-orm';
const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/dingdian_bench_renewal', migrate: false });
const db = database.db;
const t: Record<string, number> = { page: 0, taken: 0, screen: 0, copy: 0 };
const now = new Date();
await db.transaction(async (tx) => {
  const camp = ((await tx.execute(sql`SELECT id FROM renewal_campaigns WHERE region_code = '440000' LIMIT 1`)) as any).rows[0].id;
  await tx.execute(sql`DELETE FROM renewal_items WHERE campaign_id = ${camp}::uuid`);
  let after: any = null; let n = 0;
  for (;;) {
    let s = performance.now();
    const page = await agreementsInWindow(tx, '44', '2026-12-01', '2030-12-31', after, 2000);
    t.page += performance.now() - s;
    if (!page.length) break;
    after = { regionCode: page[page.length - 1]!.regionCode, id: page[page.length - 1]!.id };
    s = performance.now();
    await openItemsOf(tx, page.map((a) => a.id));
    t.taken += performance.now() - s; s = performance.now();
    const rows = page.map((a) => ({ ...a, termTo: String(a.termTo) }));
    const scr = await screenAgreements(tx, 'national', renewalDefaults('national'), '2026-12-01', rows, '2026-12-31');
    t.screen += performance.now() - s; s = performance.now();
    await insertItems(tx, scr.map((x, i) => ({ campaignId: camp, agreementId: x.agreementId, institutionId: rows[i]!.institutionId, regionCode: rows[i]!.regionCode, termTo: rows[i]!.termTo, state: 'proposed' as const, proposed: x.outcome, reasons: x.reasons, data: { state: 'proposed' }, updatedAt: now })));
    t.copy += performance.now() - s;
    n += page.length;
    if (n >= 40000) break;
  }
  console.log(n, Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])));
  throw new Error('rollback');
}).catch((e) => console.log(String(e).slice(0, 50)));
await database.close();
