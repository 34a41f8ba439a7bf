// Seeded synthetic corpora and query sets for the search benchmark.
//
// Everything here is a pure function of its seed, so every run, and every engine in a
// run, sees exactly the same documents and queries. The vocabulary is pronounceable
// pseudo-words (not real English, so nothing depends on a word list) used with a Zipf-like
// frequency, and each document has a few "topic" words it repeats, so that multi-word
// queries find documents where the words occur together, as they do in real text.

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const capitalize = (w) => w[0].toUpperCase() + w.slice(1);

// Syllable parts. The letters q, x and z never occur, so queries made of them have no hits
// in any engine (not even Fuse.js's lenient matching).
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v',
  'w', 'br', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'st', 'tr', 'sh', 'ch', 'th', 'sl', ''];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', '', '', 'n', 'r', 'l', 's', 'm', 't', 'nd', 'st', 'rk', 'ng', 'ck'];

/** The default vocabulary size: the issue asks for at least 5,000 words. */
export const VOCABULARY_SIZE = 6000;

/**
 * `size` distinct pseudo-words of 1 to 4 syllables (mostly 2 or 3), in rank order: the
 * word at index r is drawn with probability proportional to 1 / (r + 1)^1.07.
 */
export function vocabulary(seed, size = VOCABULARY_SIZE) {
  const rng = mulberry32(seed);
  const words = new Set();
  while (words.size < size) {
    const syllables = pick(rng, [1, 2, 2, 2, 3, 3, 3, 4]);
    let w = '';
    for (let s = 0; s < syllables; s++) w += pick(rng, ONSETS) + pick(rng, NUCLEI) + pick(rng, CODAS);
    if (w.length >= 2 && w.length <= 14) words.add(w);
  }
  // Shorter words are more frequent, as in natural language: sort by length, then shuffle
  // lightly within it so rank is not strictly length.
  const list = [...words];
  const key = new Map(list.map((w) => [w, w.length + rng() * 4]));
  list.sort((a, b) => key.get(a) - key.get(b));
  return list;
}

/** Samples ranks 0..n-1 with a Zipf-like law (exponent s), by binary search in the CDF. */
function zipfSampler(rng, n, s = 1.07) {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cdf[r] = total += 1 / Math.pow(r + 1, s);
  return (minRank = 0) => {
    for (;;) {
      const x = rng() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      if (lo >= minRank) return lo;
    }
  };
}

/**
 * `count` documents shaped like the app's: title (2-5 words), aliases (0-3 phrases),
 * libraries (0-4 names), summary (10-20 words) and body (50-200 words, in sentences).
 * Every string is built with `join`, so V8 holds it flat (as parsed JSON would be).
 */
export function syntheticDocuments(count, seed, words = vocabulary(seed)) {
  const rng = mulberry32(seed ^ 0x9e3779b9);
  const zipf = zipfSampler(rng, words.length);
  const word = (minRank = 0) => words[zipf(minRank)];
  // Library names: a vocabulary word, sometimes with a suffix like real package names.
  const libraryNames = Array.from({ length: 800 }, () =>
    capitalize(word(40)) + pick(rng, ['', '', '', 'py', 'ly', '.py', '.js', '-io', 'Kit']));
  const phrase = (n, minRank) => Array.from({ length: n }, () => word(minRank));
  const sentence = (n, topic) => {
    const out = Array.from({ length: n }, () => (rng() < 0.3 ? pick(rng, topic) : word()));
    out[0] = capitalize(out[0]);
    if (n > 8 && rng() < 0.5) out[int(rng, 2, n - 3)] += ',';
    return out.join(' ') + '.';
  };
  const docs = [];
  for (let id = 0; id < count; id++) {
    // A document's topic: words it is about, less common than the everyday ones.
    const topic = phrase(int(rng, 4, 8), 30);
    const title = [...topic.slice(0, int(rng, 1, 2)), ...phrase(int(rng, 0, 3), 30)]
      .slice(0, 5);
    while (title.length < 2) title.push(word(30));
    const aliases = Array.from({ length: int(rng, 0, 3) }, () =>
      [pick(rng, topic), ...phrase(int(rng, 0, 2), 30)].join(' '));
    const libraries = Array.from({ length: int(rng, 0, 4) }, () => pick(rng, libraryNames));
    const summary = sentence(int(rng, 10, 20), topic);
    const body = [];
    for (let left = int(rng, 50, 200); left > 0;) {
      const n = Math.min(left, int(rng, 6, 18));
      body.push(sentence(n, topic));
      left -= n;
    }
    docs.push({
      id,
      key: `doc-${id}`,
      title: title.map(capitalize).join(' '),
      aliases,
      libraries: [...new Set(libraries)],
      summary,
      body: body.join(' '),
    });
  }
  return docs;
}

/** One edit (substitution, deletion, insertion or transposition), never on the first letter. */
function typo(rng, w) {
  const i = int(rng, 1, w.length - 1);
  let letter;
  do letter = pick(rng, 'abcdefghiklmnoprstuvw'.split('')); while (letter === w[i]);
  switch (int(rng, 0, 3)) {
    case 0: return w.slice(0, i) + letter + w.slice(i + 1);
    case 1: return w.slice(0, i) + w.slice(i + 1);
    case 2: return w.slice(0, i) + letter + w.slice(i);
    default:
      return i < w.length - 1 && w[i] !== w[i + 1]
        ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
        : w.slice(0, i) + w.slice(i + 1);
  }
}

/**
 * Base queries for a synthetic corpus (every keystroke prefix of each is timed): single
 * words, 2-3 word queries taken from one document (so that they all match somewhere),
 * single-word typos (one edit, on words of at least 4 letters; a third of them inside a
 * multi-word query) and no-hit queries (letters absent from the vocabulary).
 */
export function syntheticQueries(docs, words, seed) {
  const rng = mulberry32(seed ^ 0x51ed270b);
  const common = () => words[int(rng, 20, 1500)];
  const longish = () => {
    for (;;) {
      const w = common();
      if (w.length >= 5) return w;
    }
  };
  const queries = [];
  for (let i = 0; i < 12; i++) queries.push({ kind: 'word', query: common() });
  for (let i = 0; i < 9; i++) {
    const doc = pick(rng, docs);
    const pool = `${doc.title} ${doc.summary}`.toLowerCase().replace(/[.,]/g, '').split(' ')
      .filter((w) => w.length >= 3);
    const n = int(rng, 2, 3);
    const start = int(rng, 0, Math.max(0, pool.length - n));
    queries.push({ kind: 'words', query: pool.slice(start, start + n).join(' ') });
  }
  for (let i = 0; i < 9; i++) {
    const w = typo(rng, longish());
    queries.push({ kind: 'typo', query: i % 3 === 2 ? `${common()} ${w}` : w });
  }
  const nohit = () => Array.from({ length: int(rng, 4, 7) }, () => pick(rng, ['q', 'x', 'z', 'qu', 'zx']))
    .join('');
  for (let i = 0; i < 4; i++) {
    queries.push({ kind: 'no hits', query: i % 2 ? `${nohit()} ${nohit()}` : nohit() });
  }
  return queries;
}

/** No-hit queries for the real content (checked at run time: the report counts any hits). */
export const REAL_NO_HIT_QUERIES = ['qxzvq', 'zzqx xqjz', 'qwxzk', 'xqzz vzqx'];

/** Every keystroke prefix of each query: lengths 1..=length, as typed. */
export function keystrokes(queries) {
  const out = [];
  for (const { query } of queries) {
    const chars = [...query];
    for (let i = 1; i <= chars.length; i++) out.push(chars.slice(0, i).join(''));
  }
  return out;
}
