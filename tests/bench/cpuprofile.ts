/**
 * `npx tsx tests/bench/cpuprofile.ts <file.cpuprofile> [--top 25]`: where a profiled server
 * spent its CPU (self time), by function and by package / project folder. Make a profile
 * with `BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=$PWD/.tmp/prof" npm run bench:webhook
 * -- --only postgres`. Shares are of the samples taken, idle included.
 */
import { readFileSync } from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
const [file] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
if (!file) throw new Error('usage: cpuprofile.ts <file.cpuprofile> [--top N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) =>
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** node_modules/<pkg>, the project folder (bot/pipeline, db, …), node: internals or (program). */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(
    url.replace(/.*node_modules\/\.pnpm\/[^/]+\//, 'node_modules/'),
  );
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const p = /\/(bot|db|shared|tests)\/([^/]+)/.exec(url);
  return p ? `${p[1]}/${p[2]!.replace(/\.ts$/, '')}` : url;
}

const fns = new Map<string, number>();
const areas = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const a = area(n.callFrame.url, n.callFrame.functionName);
  const f = `${n.callFrame.functionName || '(anonymous)'}  [${a}:${n.callFrame.lineNumber + 1}]`;
  fns.set(f, (fns.get(f) ?? 0) + us);
  areas.set(a, (areas.get(a) ?? 0) + us);
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`,
    );
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('self time by area', areas);
show('self time by function', fns);
