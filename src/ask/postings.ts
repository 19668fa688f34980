/**
 * The /ask search index: per term and field, the units that hold it and how often, scored with
 * BM25+ exactly as MiniSearch scores a multi-field OR query (k 1.2, b 0.7, d 0.5; per-field
 * document frequency; each unit's score times the number of query terms it matches). Built once
 * from the units' tokens; a query reads arrays and allocates only its hits. (MiniSearch's own
 * query path builds a results map, match objects and a sorted copy per call, which was most of
 * /ask's time and garbage.)
 */
const K = 1.2;
const B = 0.7;
const D = 0.5;

interface FieldPostings {
  field: number;
  units: number[];
  counts: number[];
}

/**
 * One unit a query matched: its score, and bitmasks of the query terms (bit i: `terms[i]`, the
 * first 31 terms) it holds in any field, and in fields other than those left out.
 */
export interface PostingHit {
  unit: number;
  score: number;
  matched: number;
  own: number;
}

export class Postings {
  readonly #postings = new Map<string, FieldPostings[]>();
  readonly #lengths: number[][] = [];
  readonly #averageLength: number[];
  readonly #units: number;

  /**
   * `fields(unit)` gives each field's tokens (before `processTerm`), in field order; a field's
   * length is its number of distinct tokens, as MiniSearch counts it.
   */
  constructor(
    units: number,
    fieldCount: number,
    fields: (unit: number) => string[][],
    processTerm: (token: string) => string[],
  ) {
    this.#units = units;
    const totals = new Array<number>(fieldCount).fill(0);
    for (let u = 0; u < units; u++) {
      const tokens = fields(u);
      const lengths: number[] = [];
      for (let f = 0; f < fieldCount; f++) {
        const fieldTokens = tokens[f] ?? [];
        lengths.push(new Set(fieldTokens).size);
        totals[f] = (totals[f] ?? 0) + (lengths[f] ?? 0);
        const counts = new Map<string, number>();
        for (const token of fieldTokens)
          for (const term of processTerm(token)) counts.set(term, (counts.get(term) ?? 0) + 1);
        for (const [term, count] of counts) {
          const list = this.#postings.get(term) ?? [];
          let entry = list.find((p) => p.field === f);
          if (!entry) {
            entry = { field: f, units: [], counts: [] };
            list.push(entry);
            list.sort((a, b) => a.field - b.field);
          }
          entry.units.push(u);
          entry.counts.push(count);
          this.#postings.set(term, list);
        }
      }
      this.#lengths.push(lengths);
    }
    this.#averageLength = totals.map((t) => (units > 0 ? t / units : 0));
  }

  /**
   * Units holding any of `terms`, with BM25+ scores weighted per field by `boosts`. `keep`
   * filters units before scoring (it does not change scores). A term found only in fields of
   * `notMatched` (bits by field) does not set its `matched` bit; only in `notOwn`, its `own` bit.
   * Terms past the 31st are scored but have no bit.
   */
  search(
    terms: readonly string[],
    boosts: readonly number[],
    keep: (unit: number) => boolean,
    notMatched: number,
    notOwn: number,
  ): PostingHit[] {
    const hits = new Map<number, PostingHit & { count: number; seen: number }>();
    const kept = new Uint8Array(this.#units);
    for (let u = 0; u < this.#units; u++) kept[u] = keep(u) ? 1 : 0;
    terms.forEach((term, i) => {
      const bit = i < 31 ? 1 << i : 0;
      for (const { field, units, counts } of this.#postings.get(term) ?? []) {
        const df = units.length;
        const idf = Math.log(1 + (this.#units - df + 0.5) / (df + 0.5));
        const boost = boosts[field] ?? 1;
        const average = this.#averageLength[field] || 1;
        const fieldBit = 1 << field;
        for (let k = 0; k < units.length; k++) {
          const unit = units[k] as number;
          if (kept[unit] === 0) continue;
          const tf = counts[k] as number;
          const length = this.#lengths[unit]?.[field] ?? 0;
          const score = boost * idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / average)));
          let hit = hits.get(unit);
          if (!hit) {
            hit = { unit, score: 0, matched: 0, own: 0, count: 0, seen: -1 };
            hits.set(unit, hit);
          }
          hit.score += score;
          // MiniSearch multiplies by the number of distinct query terms a unit matched.
          if (hit.seen !== i) {
            hit.count += 1;
            hit.seen = i;
          }
          if ((fieldBit & notMatched) === 0) hit.matched |= bit;
          if ((fieldBit & notOwn) === 0) hit.own |= bit;
        }
      }
    });
    const out: PostingHit[] = [];
    for (const hit of hits.values())
      out.push({ unit: hit.unit, score: hit.score * hit.count, matched: hit.matched, own: hit.own });
    return out;
  }
}
