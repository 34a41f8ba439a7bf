// The search engines compared, behind one small interface:
//
//   build(corpus)        -> index   (timed as "index build")
//   search(index, query) -> number  (timed per keystroke: what a search-as-you-type box calls)
//   ranked(index, query, n) -> document positions, best first (for relevance)
//   free(index)
//
// Every engine gets the same document objects: { id, key, title, aliases[], libraries[],
// summary, body, about[] } (`about`: what each library is for, in the order of
// `libraries`; the synthetic corpora have none). Field weights are the same everywhere
// (fields.js): our engine's built-in BM25F weights.
//
// Pagefind is compared on relevance only (RANKERS): its index is built ahead of time by its
// own binary (the driver does it, through its Node API, from the same documents) and its
// search is asynchronous and fetches index chunks, so its time to first results is the
// Pagefind-twin benchmark's measure, not a per-keystroke call here.

import MiniSearch from './vendor/minisearch.js';
import Fuse from './vendor/fuse.js';
import { FIELDS, FIELD_WEIGHTS, fieldText } from './fields.js';
import initOurs, * as ours from './pkg/search_bench_engine.js';
import initOursO3, * as oursO3 from './pkg-o3/search_bench_engine.js';

// Instantiate both wasm builds up front, so that page load (not a measurement) pays for
// compiling them, and so that memory baselines already include the modules.
// (Each glue module fetches the .wasm next to it.)
await initOurs();
await initOursO3();

/** How many hits a search-as-you-type box renders (ours computes highlights for these). */
export const TOP_K = 10;

const SEP = '\u001f'; // joins list fields for the wasm API (see tests/bench/engine)

/** Our engine (crates/search) compiled to wasm by `module`. */
function wasmEngine(module, label, note) {
  return {
    label,
    note,
    build({ docs, synonyms }) {
      const engine = new module.Engine();
      for (const d of docs) {
        engine.add(d.title, d.aliases.join(SEP), d.alias_names ?? 0, d.libraries.join(SEP), d.summary, d.body,
          (d.about ?? []).join(SEP));
      }
      for (const group of synonyms) engine.add_synonyms(group.join(SEP));
      engine.build();
      return engine;
    },
    search: (engine, query) => engine.search(query, TOP_K),
    ranked: (engine, query, n) => Array.from(engine.ranked(query, n)),
    free: (engine) => engine.free(),
    wasmBytes: () => module.memory_bytes(),
    liveBytes: () => module.live_bytes(),
  };
}

const boosts = Object.fromEntries(FIELDS.filter((f) => FIELD_WEIGHTS[f] !== 1).map((f) => [f, FIELD_WEIGHTS[f]]));

const MINISEARCH_OPTIONS = {
  fields: FIELDS,
  // The list fields are indexed as one text each: their items joined with spaces.
  extractField: fieldText,
  searchOptions: {
    prefix: true,
    fuzzy: 0.2,
    boost: boosts,
  },
};

const FUSE_OPTIONS = {
  // Fuse.js matches each item of a list field.
  keys: FIELDS.map((name) => ({ name, weight: FIELD_WEIGHTS[name] })),
  // Default threshold (0.6); without ignoreLocation Fuse.js only looks near the start of
  // each field (distance 100 from location 0) and misses most of a body.
  ignoreLocation: true,
};

const weights = FIELDS.map((f) => `${f} ${FIELD_WEIGHTS[f]}`).join(', ');

export const ENGINES = {
  ours: wasmEngine(ours, 'ours (wasm)',
    'crates/search, release profile as the app ships it (opt-level "z"); typo tolerance '
    + 'built in (1 edit from 4 characters, 2 from 8), prefix on the word being typed; '
    + `search_top(query, ${TOP_K}), which also computes highlights and a snippet for those ${TOP_K} hits`),
  minisearch: {
    label: 'MiniSearch 7.2',
    note: 'prefix: true, fuzzy: 0.2 (edits: round(0.2 × length): 1 from 3 characters, 2 from 8, 3 from 13), '
      + `boost ${weights}; list fields joined with spaces; default OR combination; no synonyms`,
    build({ docs }) {
      const index = new MiniSearch(MINISEARCH_OPTIONS);
      index.addAll(docs);
      return index;
    },
    search: (index, query) => index.search(query).length,
    ranked: (index, query, n) => index.search(query).slice(0, n).map((r) => r.id),
    free: () => {},
  },
  fuse: {
    label: 'Fuse.js 7.5',
    note: `keys with the same weights (${weights}; list fields as lists), default threshold 0.6, ignoreLocation: true, `
      + `search(query, { limit: ${TOP_K} }); no synonyms`,
    build({ docs }) {
      return new Fuse(docs, FUSE_OPTIONS);
    },
    search: (index, query) => index.search(query, { limit: TOP_K }).length,
    ranked: (index, query, n) => index.search(query, { limit: n }).map((r) => r.refIndex),
    free: () => {},
  },
  oursO3: wasmEngine(oursO3, 'ours at opt-level 3',
    'the same source built with opt-level 3 (for reference: the app ships opt-level "z")'),
};

/** Engines compared on every measure; `oursO3` is only timed, for reference. */
export const COMPARED = ['ours', 'minisearch', 'fuse'];

/**
 * Engines compared on relevance only, each `{ label, note, load(), ranked(query, n) }`
 * with `ranked` asynchronous (document positions, best first).
 */
export const RANKERS = {
  pagefind: {
    label: 'Pagefind 1.6',
    note: 'relevance only: the same documents indexed by Pagefind\'s Node API (createIndex, then addHTMLFile with one '
      + `block per field carrying data-pagefind-weight: ${weights}; url /doc/<position>/), searched with its own `
      + 'browser module (pagefind.js, default search options; it has no typo tolerance); no synonyms',
    pagefind: null,
    async load() {
      this.pagefind ??= await import('./pagefind/pagefind.js');
      await this.pagefind.init();
    },
    async ranked(query, n) {
      const search = await this.pagefind.search(query);
      const data = await Promise.all(search.results.slice(0, n).map((r) => r.data()));
      return data.map((d) => Number(d.url.match(/\/doc\/(\d+)\//)[1]));
    },
  },
};

/** Every engine whose relevance is reported, in the report's order. */
export const RELEVANCE = [...COMPARED, ...Object.keys(RANKERS)];
