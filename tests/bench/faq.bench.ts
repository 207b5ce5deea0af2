/**
 * `npm run bench:faq`: how well and how fast the FAQ matcher answers, on the demo FAQ
 * (db/seed/faq-demo.csv) and the held-out questions (tests/fixtures/faq-heldout.json:
 * paraphrases written without the FAQ's wording, plus out-of-scope questions, expect null).
 *
 * Prints, for the shipped settings (DEFAULT_BM25, DEFAULT_THRESHOLDS):
 *   - top-1 accuracy and top-3 recall over the in-scope questions;
 *   - what matchFaq does: confident answers, their precision, suggestions containing the
 *     right entry, 'none'; and the share of out-of-scope questions answered confidently;
 *   - µs per matchFaq call, and for a synthetic 5,000-entry organisation the time to
 *     build the index from stored tokens (what loadFaqIndex does) and µs per query.
 * Flags: --compare (ranking variants side by side), --sweep (threshold grid search,
 * also tuned on one half of the held-out set and scored on the other, to show how much
 * the thresholds are fitted to this set). Output JSON: .tmp/bench-faq.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BM25, rank, type Bm25Params } from '../../shared/faq/bm25';
import { parseFaqCsv } from '../../shared/faq/csv';
import {
  buildFaqIndex,
  DEFAULT_THRESHOLDS,
  matchFaq,
  tokensFor,
  type FaqEntryData,
  type FaqIndex,
  type MatchThresholds,
} from '../../shared/faq/match';
import { tokenize } from '../../shared/faq/tokenize';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));

export interface HeldOut {
  q: string;
  expect: string | null;
  /** 'fresh': written after the matcher was tuned on the others. */
  set?: 'fresh';
}

export function loadDemoEntries(): FaqEntryData[] {
  const parsed = parseFaqCsv(readFileSync(join(ROOT, 'db/seed/faq-demo.csv'), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.rows.map((r) => ({
    extId: r.id,
    question: r.question,
    variants: r.variants,
    answer: r.answer,
    links: r.links,
    quickReplies: r.quickReplies,
    tokens: tokensFor(r.question, r.variants),
  }));
}

function loadHeldOut(): HeldOut[] {
  return JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/faq-heldout.json'), 'utf8'));
}

interface Ranks {
  item: HeldOut;
  /** Ranked extIds with normalised scores. */
  top: { id: string; norm: number; matched: number; words: number }[];
}

function rankAll(index: FaqIndex, items: HeldOut[]): Ranks[] {
  return items.map((item) => ({
    item,
    top: rank(index.bm25, tokenize(item.q), 4).map((r) => ({
      id: index.entries[r.entry]!.extId,
      norm: r.norm,
      matched: r.matched,
      words: r.words,
    })),
  }));
}

function retrieval(ranks: Ranks[]) {
  const inScope = ranks.filter((r) => r.item.expect);
  const top1 = inScope.filter((r) => r.top[0]?.id === r.item.expect).length;
  const top3 = inScope.filter((r) => r.top.slice(0, 3).some((t) => t.id === r.item.expect)).length;
  return { n: inScope.length, top1: top1 / inScope.length, top3: top3 / inScope.length };
}

/** The decision matchFaq makes, replayed on precomputed rankings (same rule). */
function decide(top: Ranks['top'], t: MatchThresholds) {
  const first = top[0];
  if (!first || first.norm < t.suggest) return { kind: 'none' as const };
  const second = top[1];
  const enoughWords = first.matched >= Math.min(2, first.words);
  if (
    enoughWords &&
    first.norm >= t.answer &&
    (!second || second.norm <= first.norm * t.maxSecondRatio)
  ) {
    return { kind: 'answer' as const, id: first.id };
  }
  const ids = top
    .slice(0, 3)
    .filter((r, i) => i === 0 || (r.norm >= t.suggest && r.norm >= first.norm * t.suggestRatio))
    .map((r) => r.id);
  return { kind: 'suggest' as const, ids };
}

function outcomes(ranks: Ranks[], t: MatchThresholds) {
  let answered = 0;
  let answeredRight = 0;
  let suggested = 0;
  let suggestedRight = 0;
  let none = 0;
  let oos = 0;
  let oosAnswered = 0;
  let oosSuggested = 0;
  for (const r of ranks) {
    const d = decide(r.top, t);
    if (r.item.expect === null) {
      oos++;
      if (d.kind === 'answer') oosAnswered++;
      if (d.kind === 'suggest') oosSuggested++;
      continue;
    }
    if (d.kind === 'answer') {
      answered++;
      if (d.id === r.item.expect) answeredRight++;
    } else if (d.kind === 'suggest') {
      suggested++;
      if (d.ids.includes(r.item.expect)) suggestedRight++;
    } else none++;
  }
  const inScope = ranks.length - oos;
  return {
    answeredShare: answered / inScope,
    precision: answered ? answeredRight / answered : 1,
    /** In-scope questions that end with the right entry in front of the resident (answer or among suggestions). */
    resolved: (answeredRight + suggestedRight) / inScope,
    suggestedShare: suggested / inScope,
    noneShare: none / inScope,
    oosAnswered: oos ? oosAnswered / oos : 0,
    oosSuggested: oos ? oosSuggested / oos : 0,
    counts: { inScope, answered, answeredRight, suggested, suggestedRight, none, oos, oosAnswered },
  };
}

function sweep(ranks: Ranks[]) {
  const results: { t: MatchThresholds; o: ReturnType<typeof outcomes>; utility: number }[] = [];
  for (let answer = 0.3; answer <= 0.9001; answer += 0.05)
    for (const maxSecondRatio of [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1])
      for (let suggest = 0.1; suggest <= 0.4001; suggest += 0.05)
        for (const suggestRatio of [0.3, 0.5]) {
          if (suggest > answer) continue;
          const t = { answer, maxSecondRatio, suggest, suggestRatio };
          const o = outcomes(ranks, t);
          // A confident wrong answer costs more than a suggestion; an out-of-scope
          // question answered confidently is the worst outcome.
          const c = o.counts;
          const utility =
            c.answeredRight * 1 +
            c.suggestedRight * 0.6 -
            (c.answered - c.answeredRight) * 2 -
            c.oosAnswered * 3 -
            (c.suggested - c.suggestedRight) * 0.1;
          results.push({ t, o, utility });
        }
  results.sort((a, b) => b.utility - a.utility);
  return results;
}

function micros(fn: () => void, minMs = 300): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    n++;
  }
  return ((performance.now() - start) * 1000) / n;
}

/** A synthetic organisation: the demo FAQ's words recombined into `n` entries. */
function syntheticEntries(base: FaqEntryData[], n: number, seed = 7): FaqEntryData[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const texts = base.flatMap((e) => [e.question, ...e.variants]);
  const pick = () => texts[Math.floor(random() * texts.length)]!;
  const out: FaqEntryData[] = [];
  for (let i = 0; i < n; i++) {
    const question = `${pick()} ${pick().slice(0, 12)} ${i}`;
    const variants = [pick(), pick()];
    out.push({
      extId: `syn-${i}`,
      question,
      variants,
      answer: 'x',
      links: [],
      quickReplies: [],
      tokens: tokensFor(question, variants),
    });
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function main() {
  const entries = loadDemoEntries();
  const held = loadHeldOut();
  const inScope = held.filter((h) => h.expect).length;
  console.log(
    `demo FAQ: ${entries.length} entries; held-out: ${inScope} in scope, ${held.length - inScope} out of scope\n`,
  );

  if (args.has('--compare')) {
    const variants: [string, Partial<Bm25Params>][] = [];
    for (const mode of ['fields', 'joined'] as const)
      for (const charBigramWeight of [0, 0.15, 0.3])
        for (const partShare of [0.5, 1])
          for (const questionWeight of [0.5, 1])
            variants.push([
              `${mode}, bigrams ${charBigramWeight}, parts ${partShare}, question ${questionWeight}`,
              { mode, charBigramWeight, partShare, questionWeight, wordPairWeight: 0 },
            ]);
    variants.push(
      ['fields, word pairs 0.3', { mode: 'fields', wordPairWeight: 0.3 }],
      ['joined, word pairs 0.3', { mode: 'joined', wordPairWeight: 0.3 }],
      ['joined, k1 0.9', { mode: 'joined', k1: 0.9 }],
      ['joined, k1 1.6', { mode: 'joined', k1: 1.6 }],
      ['joined, b 0.5', { mode: 'joined', b: 0.5 }],
      ['joined, b 0.9', { mode: 'joined', b: 0.9 }],
    );
    console.log('ranking variant'.padEnd(48), 'top-1   top-3');
    for (const [name, p] of variants) {
      const index = buildFaqIndex(entries, { ...DEFAULT_BM25, ...p });
      const r = retrieval(rankAll(index, held));
      console.log(name.padEnd(48), pct(r.top1).padStart(6), pct(r.top3).padStart(7));
    }
    console.log();
  }

  const index = buildFaqIndex(entries);
  const ranks = rankAll(index, held);
  const r = retrieval(ranks);
  const o = outcomes(ranks, DEFAULT_THRESHOLDS);

  // Check that the replayed decision is the one matchFaq makes.
  for (const x of ranks) {
    const m = matchFaq(index, x.item.q);
    const d = decide(x.top, DEFAULT_THRESHOLDS);
    if (m.kind !== d.kind) throw new Error(`decision mismatch for "${x.item.q}"`);
  }

  if (args.has('--sweep')) {
    const all = sweep(ranks);
    console.log(
      'best thresholds on the whole held-out set (utility: right answer 1, right suggestion 0.6,',
    );
    console.log('wrong answer -2, out-of-scope answered -3, useless suggestion -0.1):');
    for (const x of all.slice(0, 8)) {
      console.log(
        `  answer ${x.t.answer.toFixed(2)} second≤${x.t.maxSecondRatio} suggest ${x.t.suggest.toFixed(2)} ratio ${x.t.suggestRatio}`,
        `→ answered ${pct(x.o.answeredShare)} precision ${pct(x.o.precision)} resolved ${pct(x.o.resolved)} oos answered ${pct(x.o.oosAnswered)} utility ${x.utility.toFixed(1)}`,
      );
    }
    const even = ranks.filter((_, i) => i % 2 === 0);
    const odd = ranks.filter((_, i) => i % 2 === 1);
    const tuned = sweep(even)[0]!;
    const scored = outcomes(odd, tuned.t);
    console.log(
      `\ntuned on even-numbered items: ${JSON.stringify(tuned.t)}\n` +
        `  scored on the odd ones: answered ${pct(scored.answeredShare)}, precision ${pct(scored.precision)}, ` +
        `resolved ${pct(scored.resolved)}, out-of-scope answered ${pct(scored.oosAnswered)}`,
    );
    const shipped = outcomes(odd, DEFAULT_THRESHOLDS);
    console.log(
      `  shipped thresholds on the odd ones: answered ${pct(shipped.answeredShare)}, precision ${pct(shipped.precision)}, ` +
        `resolved ${pct(shipped.resolved)}, out-of-scope answered ${pct(shipped.oosAnswered)}\n`,
    );
  }

  if (args.has('--misses')) {
    for (const x of ranks) {
      const d = decide(x.top, DEFAULT_THRESHOLDS);
      const wrongTop = x.item.expect !== null && x.top[0]?.id !== x.item.expect;
      const oosAnswered = x.item.expect === null && d.kind === 'answer';
      if (wrongTop || oosAnswered) {
        console.log(
          `${x.item.expect ?? '(out of scope)'} ← "${x.item.q}" [${tokenize(x.item.q).join('|')}]`,
          x.top.map((t) => `${t.id}:${t.norm.toFixed(2)}(${t.matched}/${t.words})`).join(' '),
          d.kind,
        );
      }
    }
    console.log();
  }

  const queries = held.map((h) => h.q);
  let qi = 0;
  const perQuery = micros(() => matchFaq(index, queries[qi++ % queries.length]!));

  const synth = syntheticEntries(entries, 5000);
  const t0 = performance.now();
  const big = buildFaqIndex(synth);
  const buildMs = performance.now() - t0;
  const buildAvgMs = micros(() => buildFaqIndex(synth), 1000) / 1000;
  const t1 = performance.now();
  for (const e of synth.slice(0, 1000)) tokensFor(e.question, e.variants);
  const tokensPerEntryUs = ((performance.now() - t1) * 1000) / 1000;
  qi = 0;
  const perQueryBig = micros(() => matchFaq(big, queries[qi++ % queries.length]!));

  const subsets = {
    tuning: ranks.filter((x) => x.item.set !== 'fresh'),
    fresh: ranks.filter((x) => x.item.set === 'fresh'),
  };
  const bySet = Object.fromEntries(
    Object.entries(subsets).map(([k, v]) => [
      k,
      { ...retrieval(v), ...outcomes(v, DEFAULT_THRESHOLDS) },
    ]),
  );
  const summary = {
    entries: entries.length,
    heldOut: { inScope, outOfScope: held.length - inScope },
    params: DEFAULT_BM25,
    thresholds: DEFAULT_THRESHOLDS,
    top1: r.top1,
    top3: r.top3,
    answeredShare: o.answeredShare,
    precision: o.precision,
    resolved: o.resolved,
    suggestedShare: o.suggestedShare,
    noneShare: o.noneShare,
    oosAnswered: o.oosAnswered,
    oosSuggested: o.oosSuggested,
    counts: o.counts,
    bySet,
    usPerQuery: perQuery,
    synthetic5k: {
      firstBuildMs: buildMs,
      buildMs: buildAvgMs,
      usPerQuery: perQueryBig,
      tokensForUsPerEntry: tokensPerEntryUs,
    },
  };
  for (const [k, v] of Object.entries(bySet)) {
    console.log(
      `${k.padEnd(7)} set: ${v.n} in scope, ${v.counts.oos} out of scope: top-1 ${pct(v.top1)}, top-3 ${pct(v.top3)}, ` +
        `answered ${pct(v.answeredShare)} at precision ${pct(v.precision)}, out of scope answered ${v.counts.oosAnswered}/${v.counts.oos}`,
    );
  }
  console.log('\nwhole held-out set:');
  console.log(`top-1 accuracy            ${pct(r.top1)}  (${Math.round(r.top1 * r.n)}/${r.n})`);
  console.log(`top-3 recall              ${pct(r.top3)}`);
  console.log(`confident answers         ${pct(o.answeredShare)} of in-scope questions`);
  console.log(
    `  precision               ${pct(o.precision)}  (${o.counts.answeredRight}/${o.counts.answered})`,
  );
  console.log(
    `suggestions               ${pct(o.suggestedShare)} (right entry among them: ${o.counts.suggestedRight}/${o.counts.suggested})`,
  );
  console.log(`none (offer staff)        ${pct(o.noneShare)}`);
  console.log(`resolved (answer or pick) ${pct(o.resolved)}`);
  console.log(
    `out of scope: answered    ${pct(o.oosAnswered)}  (${o.counts.oosAnswered}/${o.counts.oos}); suggested ${pct(o.oosSuggested)}`,
  );
  console.log(
    `match time                ${perQuery.toFixed(1)} µs/query (${entries.length} entries)`,
  );
  console.log(
    `synthetic 5,000 entries   index build ${buildAvgMs.toFixed(1)} ms (first ${buildMs.toFixed(1)} ms), ` +
      `${perQueryBig.toFixed(1)} µs/query; tokensFor at import ${tokensPerEntryUs.toFixed(0)} µs/entry`,
  );
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(ROOT, '.tmp/bench-faq.json'), JSON.stringify(summary, null, 2));
}

main();
