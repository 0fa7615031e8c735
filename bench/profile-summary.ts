/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): the top functions by self time and by inclusive time,
 * and the share of a few packages, counting only the samples of the last `--window` seconds (so that
 * start-up — module loading, tsx compilation — does not drown the measured load).
 *
 *   npx tsx bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile [--window 15] [--top 25]
 */
import fs from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => { const i = args.indexOf(name); return i >= 0 ? Number(args.splice(i, 2)[1]) : dflt; };
const windowS = opt('--window', 15), top = opt('--top', 25);
const file = args[0];
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--window s] [--top n]');
const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const short = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/');
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const pkg = (url: string) => {
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (/\/src\//.test(url)) return 'src/' + (/\/src\/([^/]+)/.exec(url)?.[1] ?? '');
  return url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : url ? 'other' : '(native/vm)';
};

// sample times
const times: number[] = [];
let t = p.startTime;
for (const d of p.timeDeltas) { t += d; times.push(t); }
const from = p.endTime - windowS * 1e6;
const self = new Map<number, number>(), incl = new Map<string, number>(), pkgIncl = new Map<string, number>(), pkgSelf = new Map<string, number>();
let total = 0, idle = 0;
for (let i = 0; i < p.samples.length; i++) {
  if (times[i]! < from) continue;
  const dt = (p.timeDeltas[i + 1] ?? 0) / 1000; // ms until the next sample
  const n = byId.get(p.samples[i]!)!;
  total += dt;
  if (n.callFrame.functionName === '(idle)') { idle += dt; continue; }
  self.set(n.id, (self.get(n.id) ?? 0) + dt);
  pkgSelf.set(pkg(n.callFrame.url), (pkgSelf.get(pkg(n.callFrame.url)) ?? 0) + dt);
  const seenL = new Set<string>(), seenP = new Set<string>();
  for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
    const m = byId.get(id)!;
    const l = label(m), k = pkg(m.callFrame.url);
    if (!seenL.has(l)) { seenL.add(l); incl.set(l, (incl.get(l) ?? 0) + dt); }
    if (!seenP.has(k)) { seenP.add(k); pkgIncl.set(k, (pkgIncl.get(k) ?? 0) + dt); }
  }
}
const busy = total - idle;
const pct = (x: number) => `${((x / busy) * 100).toFixed(1)} %`;
console.log(`window ${windowS} s: ${total.toFixed(0)} ms sampled, busy ${busy.toFixed(0)} ms (${((busy / total) * 100).toFixed(0)} %)`);
const selfByLabel = new Map<string, number>();
for (const [id, v] of self) { const l = label(byId.get(id)!); selfByLabel.set(l, (selfByLabel.get(l) ?? 0) + v); }
console.log(`\ntop ${top} by self time (share of busy)`);
for (const [l, v] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v).padStart(8)}  ${l}`);
console.log('\npackages: self / inclusive (share of busy)');
for (const [k, v] of [...pkgIncl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(pkgSelf.get(k) ?? 0).padStart(8)} ${pct(v).padStart(8)}  ${k}`);
console.log(`\ntop ${top} by inclusive time`);
for (const [l, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v).padStart(8)}  ${l}`);
