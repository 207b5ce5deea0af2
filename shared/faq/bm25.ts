/**
 * BM25 over pre-segmented tokens, as an inverted index built once per organisation and
 * reused for every message: ranking touches only the postings of the query's terms, so
 * it stays fast with thousands of entries.
 *
 * An entry's question and variants are stored as fields. By default they are indexed as
 * one document per entry ('joined'); one document per field with the entry scoring as its
 * best field ('fields') was measured too and ranked worse on the held-out questions
 * (`npm run bench:faq -- --compare`), and so did character bigrams: both stay as options.
 */

/** Separates fields (question, each variant) in a stored token list. */
export const FIELD_SEPARATOR = '|';

export interface Bm25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation: 0 none, 1 full. */
  b: number;
  /** 'fields': one document per question/variant, entry = best field; 'joined': one per entry. */
  mode: 'fields' | 'joined';
  /** Weight of character bigrams (typo and compound tolerance); 0 turns them off. */
  charBigramWeight: number;
  /** Weight of adjacent-word pairs (phrase evidence); 0 turns them off. */
  wordPairWeight: number;
  /** Weight of a compound's pieces in a query, shared among them (the compound itself weighs 1). */
  partShare: number;
  /** Weight of a question word (where, when, how much). */
  questionWeight: number;
}

export const DEFAULT_BM25: Bm25Params = {
  k1: 1.2,
  b: 0.75,
  mode: 'joined',
  charBigramWeight: 0,
  wordPairWeight: 0,
  partShare: 1,
  questionWeight: 1,
};

/** Marks a piece of the compound before it, and a question word (see shared/faq/tokenize.ts). */
const PART = '+';
const QUESTION = '?';

/** Thai marks that belong to the letter before them (vowels above/below, tone marks). */
const COMBINING = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/;

/** Letters with their marks attached: "ที่ดิน" → ["ที่", "ดิ", "น"]. */
function units(word: string): string[] {
  const out: string[] = [];
  for (const ch of word) {
    if (out.length && COMBINING.test(ch)) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** A feature, its weight in a query, and whether it counts as a matched word (see Ranked.matched). */
export type Feature = [term: string, weight: number, word: boolean];

/**
 * The weighted features of one field: its words (weight 1; a compound's pieces share
 * `partShare`), and optionally character bigrams across the words (prefixed '#') and
 * adjacent-word pairs (prefixed '~'). In a document the weights do not matter (BM25
 * weighs the query's terms); term frequency counts occurrences.
 */
export function fieldFeatures(tokens: readonly string[], p: Bm25Params): Feature[] {
  const out: Feature[] = [];
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith(QUESTION)) {
      out.push([t, p.questionWeight, false]);
    } else if (!t.startsWith(PART)) {
      out.push([t, 1, true]);
      words.push(t);
    } else {
      // The pieces of one compound share its weight; the compound already counts as a word.
      let n = 1;
      while (tokens[i + n]?.startsWith(PART)) n++;
      for (let j = i; j < i + n; j++) out.push([tokens[j]!.slice(1), p.partShare / n, false]);
      i += n - 1;
    }
  }
  if (p.charBigramWeight > 0) {
    const u = units(words.join(''));
    for (let i = 0; i + 1 < u.length; i++) {
      out.push([`#${u[i]}${u[i + 1]}`, p.charBigramWeight, false]);
    }
  }
  if (p.wordPairWeight > 0) {
    for (let i = 0; i + 1 < words.length; i++) {
      out.push([`~${words[i]} ${words[i + 1]}`, p.wordPairWeight, false]);
    }
  }
  return out;
}

/** Splits a stored token list into its fields. */
export function splitFields(tokens: readonly string[]): string[][] {
  const fields: string[][] = [[]];
  for (const t of tokens) {
    if (t === FIELD_SEPARATOR) fields.push([]);
    else fields[fields.length - 1]!.push(t);
  }
  return fields.filter((f) => f.length > 0);
}

interface Posting {
  docs: number[];
  tfs: number[];
}

export interface Bm25Index {
  params: Bm25Params;
  /** Number of entries. */
  size: number;
  /** Document → entry. */
  docEntry: Int32Array;
  docLen: Float64Array;
  avgLen: number;
  postings: Map<string, Posting>;
  /** Per-document score accumulator reused by {@link rank} (synchronous, so never shared). */
  scratch: Float64Array;
  scratchWords: Uint16Array;
}

/**
 * Builds the index from each entry's stored tokens (fields separated by
 * {@link FIELD_SEPARATOR}). Entry i of the input is entry i of every ranking.
 */
export function buildBm25(
  entryTokens: readonly (readonly string[])[],
  params: Bm25Params = DEFAULT_BM25,
): Bm25Index {
  const docEntry: number[] = [];
  const docLen: number[] = [];
  const postings = new Map<string, Posting>();
  const addDoc = (entry: number, features: Feature[]) => {
    const doc = docEntry.length;
    docEntry.push(entry);
    docLen.push(features.length);
    const tf = new Map<string, number>();
    for (const [f] of features) tf.set(f, (tf.get(f) ?? 0) + 1);
    for (const [f, n] of tf) {
      let p = postings.get(f);
      if (!p) postings.set(f, (p = { docs: [], tfs: [] }));
      p.docs.push(doc);
      p.tfs.push(n);
    }
  };
  entryTokens.forEach((tokens, entry) => {
    const fields = splitFields(tokens);
    if (params.mode === 'joined') {
      addDoc(
        entry,
        fields.flatMap((f) => fieldFeatures(f, params)),
      );
    } else {
      for (const f of fields) addDoc(entry, fieldFeatures(f, params));
    }
  });
  const total = docLen.reduce((a, b) => a + b, 0);
  return {
    params,
    size: entryTokens.length,
    docEntry: Int32Array.from(docEntry),
    docLen: Float64Array.from(docLen),
    avgLen: docLen.length ? total / docLen.length : 0,
    postings,
    scratch: new Float64Array(docLen.length),
    scratchWords: new Uint16Array(docLen.length),
  };
}

function idf(index: Bm25Index, df: number): number {
  const n = index.docLen.length;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export interface Ranked {
  /** Position of the entry in the list the index was built from. */
  entry: number;
  /** Raw BM25 score of the entry's best field (or of the joined entry). */
  score: number;
  /**
   * The score divided by the query's total weighted IDF, where words the FAQ never uses
   * count as the rarest: about the share of the message the entry explains, comparable
   * across messages of different lengths (≈1 when every word matches once).
   */
  norm: number;
  /** How many of the query's words the entry's best field contains (bigrams and question words aside). */
  matched: number;
  /** How many words the query has, counted the same way. */
  words: number;
}

/** The top `k` entries for the query's terms, best first; entries with no match are left out. */
export function rank(index: Bm25Index, queryTokens: readonly string[], k = 5): Ranked[] {
  const { params: p, scratch, scratchWords, docLen, avgLen } = index;
  // A term repeated in the query counts once, at its highest weight. A compound's piece
  // that is also a word of its own in the query counts as that word.
  const features = new Map<string, { w: number; word: boolean }>();
  for (const [f, w, word] of fieldFeatures(queryTokens, p)) {
    const had = features.get(f);
    if (!had || w > had.w) features.set(f, { w, word: word || (had?.word ?? false) });
  }
  let words = 0;
  for (const { word } of features.values()) if (word) words++;
  if (!features.size || !docLen.length) return [];
  const { k1, b } = p;
  let mass = 0;
  const touched: number[] = [];
  for (const [f, { w, word }] of features) {
    const posting = index.postings.get(f);
    const weight = w * idf(index, posting ? posting.docs.length : 0);
    mass += weight;
    if (!posting) continue;
    const { docs, tfs } = posting;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      const tf = tfs[i]!;
      const s = (weight * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * docLen[doc]!) / avgLen));
      if (scratch[doc] === 0) touched.push(doc);
      scratch[doc]! += s;
      if (word) scratchWords[doc]!++;
    }
  }
  const best = new Map<number, { score: number; matched: number }>();
  for (const doc of touched) {
    const e = index.docEntry[doc]!;
    const score = scratch[doc]!;
    const matched = scratchWords[doc]!;
    scratch[doc] = 0;
    scratchWords[doc] = 0;
    if (score > (best.get(e)?.score ?? 0)) best.set(e, { score, matched });
  }
  const ranked: Ranked[] = [];
  for (const [entry, { score, matched }] of best) {
    ranked.push({
      entry,
      score,
      norm: mass ? score / mass : 0,
      matched: Math.min(matched, words),
      words,
    });
  }
  ranked.sort((x, y) => y.score - x.score || x.entry - y.entry);
  return ranked.slice(0, k);
}
