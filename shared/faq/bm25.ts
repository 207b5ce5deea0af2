/**
 * BM25 over pre-segmented tokens, as an inverted index built once per organisation and
 * reused for every message: ranking touches only the postings of the query's terms, so
 * it stays fast with thousands of entries.
 *
 * An entry is indexed as several documents ("fields": its question and each variant) and
 * scores as its best field: a short variant that matches the message well is not drowned
 * by the entry's other wordings (measured in tests/bench/faq.bench.ts).
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
}

export const DEFAULT_BM25: Bm25Params = {
  k1: 1.2,
  b: 0.75,
  mode: 'fields',
  charBigramWeight: 0.15,
  wordPairWeight: 0,
};

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

/** A feature and its weight in scoring. */
export type Features = Map<string, number>;

/**
 * The features of one field: its words (weight 1), and optionally character bigrams
 * across the words (prefixed '#') and adjacent-word pairs (prefixed '~').
 * A feature's weight is per occurrence; term frequency counts occurrences.
 */
export function fieldFeatures(words: readonly string[], p: Bm25Params): string[] {
  const out = [...words];
  if (p.charBigramWeight > 0) {
    const u = units(words.join(''));
    for (let i = 0; i + 1 < u.length; i++) out.push(`#${u[i]}${u[i + 1]}`);
  }
  if (p.wordPairWeight > 0) {
    for (let i = 0; i + 1 < words.length; i++) out.push(`~${words[i]} ${words[i + 1]}`);
  }
  return out;
}

function featureWeight(f: string, p: Bm25Params): number {
  if (f.startsWith('#')) return p.charBigramWeight;
  if (f.startsWith('~')) return p.wordPairWeight;
  return 1;
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
  const addDoc = (entry: number, features: string[]) => {
    const doc = docEntry.length;
    docEntry.push(entry);
    docLen.push(features.length);
    const tf = new Map<string, number>();
    for (const f of features) tf.set(f, (tf.get(f) ?? 0) + 1);
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
      addDoc(entry, fields.flatMap((f) => fieldFeatures(f, params)));
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
}

/** The top `k` entries for the query's words, best first; entries with no match are left out. */
export function rank(index: Bm25Index, queryWords: readonly string[], k = 5): Ranked[] {
  const { params: p } = index;
  const features = new Map<string, number>();
  for (const f of fieldFeatures(queryWords, p)) features.set(f, featureWeight(f, p));
  if (!features.size || !index.docLen.length) return [];
  let mass = 0;
  const docScore = new Map<number, number>();
  const { k1, b } = p;
  for (const [f, w] of features) {
    const posting = index.postings.get(f);
    const weight = w * idf(index, posting ? posting.docs.length : 0);
    mass += weight;
    if (!posting) continue;
    for (let i = 0; i < posting.docs.length; i++) {
      const doc = posting.docs[i]!;
      const tf = posting.tfs[i]!;
      const norm = 1 - b + (b * index.docLen[doc]!) / index.avgLen;
      const s = (weight * (tf * (k1 + 1))) / (tf + k1 * norm);
      docScore.set(doc, (docScore.get(doc) ?? 0) + s);
    }
  }
  const best = new Map<number, number>();
  for (const [doc, s] of docScore) {
    const e = index.docEntry[doc]!;
    if (s > (best.get(e) ?? 0)) best.set(e, s);
  }
  const ranked: Ranked[] = [];
  for (const [entry, score] of best) ranked.push({ entry, score, norm: mass ? score / mass : 0 });
  ranked.sort((x, y) => y.score - x.score || x.entry - y.entry);
  return ranked.slice(0, k);
}
