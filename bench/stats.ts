/** Latency statistics and a plain-text table for the benchmark output. */

export interface Summary { n: number; p50: number; p95: number; p99: number; mean: number; max: number }

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(xs: number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  return {
    n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99),
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), max: s[s.length - 1] ?? NaN,
  };
}

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export function printTable(title: string, rows: [string, Summary][], baseline?: Summary): void {
  const width = Math.max(...rows.map(([k]) => [...k].length), 10);
  console.log(`\n## ${title}\n`);
  const ratio = baseline ? ' | p50 ×base | p95 ×base' : '';
  console.log(`| ${'path'.padEnd(width)} |    n |   p50 |   p95 |   p99 |  mean |   max${ratio} |`);
  console.log(`|${'-'.repeat(width + 2)}|-----:|------:|------:|------:|------:|------:${baseline ? '|----------:|----------:' : ''}|`);
  for (const [k, s] of rows) {
    const r = baseline ? ` | ${(s.p50 / baseline.p50).toFixed(2).padStart(9)} | ${(s.p95 / baseline.p95).toFixed(2).padStart(9)}` : '';
    console.log(`| ${k.padEnd(width - ([...k].length - k.length))} | ${String(s.n).padStart(4)} | ${f(s.p50).padStart(5)} | ${f(s.p95).padStart(5)} | ${f(s.p99).padStart(5)} | ${f(s.mean).padStart(5)} | ${f(s.max).padStart(5)}${r} |`);
  }
}
