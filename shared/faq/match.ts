/**
 * Answering a resident's free text from the organisation's FAQ (สอบถาม): a confident
 * answer, up to three suggestions to pick from, or nothing (offer to ask staff).
 * Pure: the index is built from stored tokens, so a message is segmented once and
 * nothing else is.
 */
import {
  buildBm25,
  DEFAULT_BM25,
  FIELD_SEPARATOR,
  rank,
  type Bm25Index,
  type Bm25Params,
} from './bm25';
import { tokenize } from './tokenize';

/** One FAQ entry as stored (faq_entries) and as the conversation engine uses it. */
export interface FaqEntryData {
  /** The CSV id: stable across imports. */
  extId: string;
  question: string;
  variants: string[];
  answer: string;
  links: { label: string; uri: string }[];
  quickReplies: string[];
  /** From {@link tokensFor}: normalised words, fields separated by '|'. */
  tokens: string[];
}

/**
 * Marks token lists made by this version of normalisation and segmentation. Lists
 * without it (older imports) are recomputed when the index is built, so a change to
 * the rules never leaves stale tokens in use.
 */
export const TOKENS_VERSION = '@faq1';

/**
 * The stored token list of an entry: the version mark, then the words of the question
 * and of each variant, fields separated by '|'. Computed at import time.
 */
export function tokensFor(question: string, variants: readonly string[]): string[] {
  const out = [TOKENS_VERSION];
  for (const text of [question, ...variants]) {
    const words = tokenize(text);
    if (!words.length) continue;
    if (out.length > 1) out.push(FIELD_SEPARATOR);
    out.push(...words);
  }
  return out;
}

export interface FaqIndex {
  entries: FaqEntryData[];
  byExtId: Map<string, FaqEntryData>;
  bm25: Bm25Index;
}

/** Builds the ranking index from entries with stored tokens (recomputing stale ones). */
export function buildFaqIndex(
  entries: readonly FaqEntryData[],
  params: Bm25Params = DEFAULT_BM25,
): FaqIndex {
  const list = entries.map((e) =>
    e.tokens[0] === TOKENS_VERSION ? e : { ...e, tokens: tokensFor(e.question, e.variants) },
  );
  return {
    entries: list,
    byExtId: new Map(list.map((e) => [e.extId, e])),
    bm25: buildBm25(
      list.map((e) => e.tokens.slice(1)),
      params,
    ),
  };
}

export interface MatchThresholds {
  /** Minimum normalised score of the top entry for a confident answer. */
  answer: number;
  /** The second entry's score must be at most this share of the top's for a confident answer. */
  maxSecondRatio: number;
  /** Minimum normalised score for an entry to be suggested. */
  suggest: number;
  /** Suggested entries after the first must score at least this share of the top. */
  suggestRatio: number;
}

/** Chosen from the held-out measurements in tests/bench/faq.bench.ts (see its header). */
export const DEFAULT_THRESHOLDS: MatchThresholds = {
  answer: 0.5,
  maxSecondRatio: 0.8,
  suggest: 0.15,
  suggestRatio: 0.5,
};

export type FaqMatch =
  | { kind: 'answer'; entry: FaqEntryData; score: number }
  | { kind: 'suggest'; entries: FaqEntryData[]; scores: number[] }
  | { kind: 'none' };

/**
 * Matches a resident's message against the FAQ. `answer` when the best entry scores
 * high enough and clearly ahead of the next; otherwise `suggest` with up to three
 * entries worth offering as quick replies; otherwise `none` (offer to pass the
 * question to staff). Scores are normalised (≈ share of the message explained).
 */
export function matchFaq(
  index: FaqIndex,
  text: string,
  opts: { thresholds?: MatchThresholds } = {},
): FaqMatch {
  const t = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const ranked = rank(index.bm25, tokenize(text), 4);
  const top = ranked[0];
  if (!top || top.norm < t.suggest) return { kind: 'none' };
  const second = ranked[1];
  // One shared word is not enough for certainty ("ยืมเงิน" is not "ยืมเต็นท์").
  const enoughWords = top.matched >= Math.min(2, top.words);
  if (
    enoughWords &&
    top.norm >= t.answer &&
    (!second || second.norm <= top.norm * t.maxSecondRatio)
  ) {
    return { kind: 'answer', entry: index.entries[top.entry]!, score: top.norm };
  }
  const picked = ranked
    .slice(0, 3)
    .filter((r, i) => i === 0 || (r.norm >= t.suggest && r.norm >= top.norm * t.suggestRatio));
  return {
    kind: 'suggest',
    entries: picked.map((r) => index.entries[r.entry]!),
    scores: picked.map((r) => r.norm),
  };
}

/** Ranked entries for a message, for benchmarks and staff tools. */
export function rankFaq(index: FaqIndex, text: string, k = 5) {
  return rank(index.bm25, tokenize(text), k).map((r) => ({
    entry: index.entries[r.entry]!,
    score: r.score,
    norm: r.norm,
  }));
}

/**
 * The FAQ as the conversation engine looks it up (OrgConfig['faq'] in
 * shared/conversation/types.ts): `match` for free text, `byId` for a tapped suggestion.
 */
export function faqLookup(index: FaqIndex, opts: { thresholds?: MatchThresholds } = {}) {
  return {
    match: (text: string): FaqMatch => matchFaq(index, text, opts),
    byId: (extId: string): FaqEntryData | undefined => index.byExtId.get(extId),
  };
}
