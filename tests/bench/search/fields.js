// The documents' fields and their weights, the same for every engine compared: our
// engine's built-in BM25F weights (crates/search/src/indexer.rs). Read by the benchmark
// page (engines.js) and by the driver (run.mjs), which builds Pagefind's index with them.

/** Field → weight; list fields (aliases, libraries, about) are lists of strings. */
export const FIELD_WEIGHTS = { title: 5, aliases: 3.5, libraries: 3, summary: 1.5, body: 1, about: 0.8 };

/** The fields in order. */
export const FIELDS = Object.keys(FIELD_WEIGHTS);

/** A field's text: list fields as their items joined with spaces; a missing field is empty. */
export function fieldText(doc, field) {
  const value = doc[field];
  if (Array.isArray(value)) return value.join(' ');
  return value ?? '';
}
