// The benchmark page: loads the corpora and the engines, and exposes `window.bench`, which
// the driver (tests/bench/run.mjs) calls step by step through Playwright. Each call returns
// plain data; the driver does the statistics and prints the report.

import { ENGINES, COMPARED, RANKERS, RELEVANCE } from './engines.js';
import {
  VOCABULARY_SIZE, mulberry32, vocabulary, syntheticDocuments, syntheticQueries, keystrokes,
  REAL_NO_HIT_QUERIES,
} from './corpus.js';

/** Seeds of the synthetic corpora (the 1,000 documents are the first 1,000 of the 10,000). */
const SEED = 20261123;

/**
 * A timed batch lasts at least this long. Without cross-origin isolation Chromium rounds
 * performance.now() to 100 µs (5 µs when isolated), so a query faster than that is timed
 * as the mean of a batch of back-to-back calls: at 2 ms the rounding error is under 5%.
 */
const BATCH_MS = 2;
const MAX_REPS = 1 << 16;
/**
 * Time spent timing one engine's keystrokes on one corpus, at most. Keystrokes are timed in
 * a seeded random order, so when an engine is too slow to time them all in this time the
 * ones timed are a random sample (the report says how many).
 */
const BUDGET_MS = 45_000;

// Sinks results so no call can be optimised away.
let sink = 0;

/**
 * Time of one call of `fn`, in ms. A call of at least `minMs` is timed once; a faster one
 * as the mean of a batch of back-to-back calls (1, 4, 16… until the batch lasts `minMs`),
 * and the median of three such batches is kept, so that a batch that another process or
 * a GC interrupted does not count.
 */
function measure(fn, minMs = BATCH_MS) {
  for (let reps = 1; ; reps *= 4) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) sink += fn();
    const elapsed = performance.now() - t0;
    if (reps === 1 && elapsed >= minMs) return elapsed;
    if (elapsed >= minMs || reps >= MAX_REPS) {
      const means = [elapsed / reps];
      for (let b = 0; b < 2; b++) {
        const t1 = performance.now();
        for (let i = 0; i < reps; i++) sink += fn();
        means.push((performance.now() - t1) / reps);
      }
      return means.sort((a, b) => a - b)[1];
    }
  }
}

/** A seeded shuffle of 0..n-1 (Fisher-Yates with mulberry32). */
function shuffled(n, seed) {
  const rng = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** How many results the graded measures look at. */
const CUTOFF = 3;

/**
 * One query's measures, as tests/search_ranking.rs defines them: top-1 (the expected card
 * first), the reciprocal rank of the expected card (0 when not listed), P@3 (the good cards
 * among the first three ÷ min(3, number of good cards)) and NDCG@3 with binary gains (the
 * sum of 1 / log2(rank + 1) over the good cards among the first three, ÷ that sum for a
 * ranking that lists good cards first).
 */
function measures(ranked, expected, good) {
  const at = ranked.indexOf(expected);
  const gain = (i) => 1 / Math.log2(i + 2);
  const top = ranked.slice(0, CUTOFF);
  const found = top.filter((k) => good.includes(k)).length;
  const dcg = top.reduce((sum, k, i) => sum + (good.includes(k) ? gain(i) : 0), 0);
  const ideal = Math.min(CUTOFF, good.length);
  let idcg = 0;
  for (let i = 0; i < ideal; i++) idcg += gain(i);
  return {
    top1: at === 0 ? 1 : 0,
    mrr: at >= 0 ? 1 / (at + 1) : 0,
    p3: ideal ? found / ideal : 0,
    ndcg3: idcg ? dcg / idcg : 0,
    rank: at < 0 ? null : at + 1,
  };
}

/** A full GC, when the browser exposes one (the driver starts it with --expose-gc). */
const gc = () => globalThis.gc?.();

const corpora = {};

async function fetchJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** Loads (real) or generates (synthetic) a corpus with its queries; cached per page. */
async function load(name) {
  if (corpora[name]) return corpora[name];
  let corpus;
  if (name === 'real') {
    const [real, judged] = await Promise.all([fetchJson('data/real.json'), fetchJson('data/judged.json')]);
    const docs = real.documents.map((d, id) => ({ id, ...d }));
    const queries = [
      ...judged.queries.map((q) => ({ kind: q.kind, query: q.query, expected: q.expected, good: q.good })),
      ...REAL_NO_HIT_QUERIES.map((query) => ({ kind: 'no hits', query })),
    ];
    corpus = { name, docs, synonyms: real.synonyms, queries, judged: judged.queries };
  } else {
    const count = { 'synthetic-1k': 1000, 'synthetic-10k': 10000 }[name];
    if (!count) throw new Error(`unknown corpus ${name}`);
    const words = vocabulary(SEED, VOCABULARY_SIZE);
    const docs = syntheticDocuments(count, SEED, words);
    // Synthetic documents have no synonyms: every engine sees only the text.
    corpus = { name, docs, synonyms: [], queries: syntheticQueries(docs, words, SEED + count), vocabulary: words.length };
  }
  corpus.keystrokes = keystrokes(corpus.queries);
  corpora[name] = corpus;
  return corpus;
}

/** What a corpus holds, for the report. */
function describe(corpus) {
  const words = (s) => (s.match(/\S+/g) || []).length;
  let bodyWords = 0;
  let bytes = 0;
  for (const d of corpus.docs) {
    bodyWords += words(d.body);
    bytes += d.title.length + d.summary.length + d.body.length
      + d.aliases.join(' ').length + d.libraries.join(' ').length;
  }
  const kinds = {};
  for (const q of corpus.queries) kinds[q.kind] = (kinds[q.kind] || 0) + 1;
  return {
    name: corpus.name,
    documents: corpus.docs.length,
    synonymGroups: corpus.synonyms.length,
    vocabulary: corpus.vocabulary ?? null,
    meanBodyWords: bodyWords / corpus.docs.length,
    textBytes: bytes,
    queries: corpus.queries.length,
    queryKinds: kinds,
    keystrokes: corpus.keystrokes.length,
    sampleQueries: corpus.queries.map((q) => q.query),
  };
}

window.bench = {
  /** The page's environment. */
  environment() {
    return {
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      exposedGc: typeof globalThis.gc === 'function',
      userAgent: navigator.userAgent,
      engines: Object.fromEntries(Object.entries({ ...ENGINES, ...RANKERS }).map(([k, e]) => [k, { label: e.label, note: e.note }])),
      compared: COMPARED,
      relevance: RELEVANCE,
      batchMs: BATCH_MS,
    };
  },

  async prepare(name) {
    return describe(await load(name));
  },

  /** The real content's base queries (the driver types them into the app). */
  async realQueries() {
    return (await load('real')).queries;
  },

  /** Index build times (ms) of `runs` builds, each after a GC. */
  async buildTimes(name, engine, runs) {
    const corpus = await load(name);
    const e = ENGINES[engine];
    const samples = [];
    for (let r = 0; r < runs; r++) {
      gc();
      // Small corpora build in well under the timer's resolution: batch them too.
      samples.push(measure(() => {
        const index = e.build(corpus);
        e.free(index);
        return 1;
      }, 20));
    }
    return samples;
  },

  /**
   * Times every keystroke prefix of every query (ms per search call), after a short
   * warm-up so that the JavaScript engines are JIT-compiled and the wasm is tiered up;
   * within the time budget (see BUDGET_MS). Also returns each full query's hit count
   * (capped at the top-k for Fuse.js).
   */
  async queryTimes(name, engine) {
    const corpus = await load(name);
    const e = ENGINES[engine];
    gc();
    const index = e.build(corpus);
    const warmUntil = performance.now() + 300;
    for (const q of corpus.keystrokes) {
      if (performance.now() > warmUntil) break;
      sink += e.search(index, q);
    }
    gc();
    const started = performance.now();
    const times = [];
    for (const i of shuffled(corpus.keystrokes.length, 7)) {
      if (performance.now() - started > BUDGET_MS) break;
      const q = corpus.keystrokes[i];
      times.push(measure(() => e.search(index, q)));
    }
    const elapsed = performance.now() - started;
    const hits = corpus.queries.map((q) => e.search(index, q.query));
    e.free(index);
    return {
      times, keystrokes: corpus.keystrokes.length, budgetMs: BUDGET_MS,
      hits, kinds: corpus.queries.map((q) => q.kind), elapsed,
    };
  },

  /**
   * The judged set on the real corpus: for each engine, top-1, mean reciprocal rank of the
   * expected card, P@3 and NDCG@3 over the good cards (see `measures`), overall and by kind
   * of query, and the queries whose expected card is not first.
   */
  async relevance() {
    const corpus = await load('real');
    const keys = corpus.docs.map((d) => d.key);
    const out = {};
    const judge = async (ranked) => {
      const sum = { top1: 0, mrr: 0, p3: 0, ndcg3: 0 };
      const kinds = {};
      const misses = [];
      for (const { query, expected, good, kind } of corpus.judged) {
        const list = (await ranked(query)).map((i) => keys[i]);
        const m = measures(list, expected, good);
        const k = (kinds[kind] ??= { queries: 0, top1: 0, mrr: 0, p3: 0, ndcg3: 0 });
        k.queries++;
        for (const name of Object.keys(sum)) {
          sum[name] += m[name];
          k[name] += m[name];
        }
        if (m.top1 < 1) misses.push({ query, expected, got: list[0] ?? null, rank: m.rank });
      }
      const n = corpus.judged.length;
      for (const k of Object.values(kinds)) for (const name of Object.keys(sum)) k[name] /= k.queries;
      return { queries: n, top1: sum.top1 / n, mrr: sum.mrr / n, p3: sum.p3 / n, ndcg3: sum.ndcg3 / n, kinds, misses };
    };
    for (const engine of COMPARED) {
      const e = ENGINES[engine];
      const index = e.build(corpus);
      out[engine] = await judge((query) => e.ranked(index, query, corpus.docs.length));
      e.free(index);
    }
    for (const [name, r] of Object.entries(RANKERS)) {
      await r.load();
      out[name] = await judge((query) => r.ranked(query, corpus.docs.length));
    }
    return out;
  },

  /** Builds an index and keeps it alive (for the memory measurement). */
  async hold(name, engine) {
    const corpus = await load(name);
    const e = ENGINES[engine];
    const index = e.build(corpus);
    window.__held = { e, index };
    return { copiedTextBytes: typeof index.text_bytes === 'function' ? index.text_bytes() : 0 };
  },

  /** Linear memory of both wasm builds of our engine, and the bytes allocated in them. */
  wasmBytes() {
    return {
      memory: ENGINES.ours.wasmBytes() + ENGINES.oursO3.wasmBytes(),
      live: ENGINES.ours.liveBytes() + ENGINES.oursO3.liveBytes(),
    };
  },

  sink: () => sink,
};

window.benchReady = true;
document.querySelector('#status').textContent = 'ready';
