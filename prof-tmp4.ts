import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/dingdian_bench_renewal' });
await c.connect();
const q = `SELECT x.id FROM unnest($1::uuid[]) AS x(id) CROSS JOIN LATERAL (
  SELECT 1 FROM renewal_items i JOIN renewal_campaigns c ON c.id = i.campaign_id WHERE i.agreement_id = x.id AND c.state = 'open' LIMIT 1) t`;
for (const p of ['45', '46', '37', '32']) {
const ids = (await c.query(`SELECT id FROM agreements WHERE region_code LIKE '${p}%' ORDER BY region_code, id LIMIT 2000`)).rows.map((r) => r.id);
let t = performance.now();
const rr = await c.query(q, [ids]);
console.log(rr.rows.length, (performance.now() - t).toFixed(1), 'ms');
}
const ids = (await c.query(`SELECT id FROM agreements WHERE region_code LIKE '45%' ORDER BY region_code, id LIMIT 2000`)).rows.map((r) => r.id);
console.log((await c.query(`EXPLAIN ${q}`, [ids])).rows.map((x) => x['QUERY PLAN']).join('\n'));
await c.end();
