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

/** Receives each unit a query matched: its score and term bitmasks (see `Postings.search`). */
export type PostingVisitor = (unit: number, score: number, matched: number, own: number) => void;

export class Postings {
  readonly #postings = new Map<string, FieldPostings[]>();
  readonly #lengths: number[][] = [];
  readonly #averageLength: number[];
  readonly #units: number;
  // Per-query scratch, reused by every search (searches are synchronous and never nest), so
  // a query allocates nothing here: scores, term bitmasks and which units were reached.
  readonly #kept: Uint8Array;
  readonly #score: Float64Array;
  readonly #count: Int32Array;
  readonly #seen: Int32Array;
  readonly #matched: Int32Array;
  readonly #own: Int32Array;
  readonly #touched: Int32Array;

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
    this.#kept = new Uint8Array(units);
    this.#score = new Float64Array(units);
    this.#count = new Int32Array(units);
    this.#seen = new Int32Array(units);
    this.#matched = new Int32Array(units);
    this.#own = new Int32Array(units);
    this.#touched = new Int32Array(units);
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
   * Units holding any of `terms`, with BM25+ scores weighted per field by `boosts`, each given
   * to `visit` once, in the order first reached. `keep` filters units before scoring (it does
   * not change scores). A term found only in fields of `notMatched` (bits by field) does not set
   * its `matched` bit; only in `notOwn`, its `own` bit. Terms past the 31st are scored but have
   * no bit.
   */
  search(
    terms: readonly string[],
    boosts: readonly number[],
    keep: (unit: number) => boolean,
    notMatched: number,
    notOwn: number,
    visit: PostingVisitor,
  ): void {
    const kept = this.#kept;
    const score = this.#score;
    const count = this.#count;
    const seen = this.#seen;
    const matched = this.#matched;
    const own = this.#own;
    const touched = this.#touched;
    let reached = 0;
    for (let u = 0; u < this.#units; u++) kept[u] = keep(u) ? 1 : 0;
    for (let i = 0; i < terms.length; i++) {
      const bit = i < 31 ? 1 << i : 0;
      const lists = this.#postings.get(terms[i] as string);
      if (lists === undefined) continue;
      for (const { field, units, counts } of lists) {
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
          if (count[unit] === 0) {
            touched[reached++] = unit;
            score[unit] = 0;
            matched[unit] = 0;
            own[unit] = 0;
            seen[unit] = -1;
          }
          score[unit] =
            (score[unit] as number) +
            boost * idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / average)));
          // MiniSearch multiplies by the number of distinct query terms a unit matched.
          if (seen[unit] !== i) {
            count[unit] = (count[unit] as number) + 1;
            seen[unit] = i;
          }
          if ((fieldBit & notMatched) === 0) matched[unit] = (matched[unit] as number) | bit;
          if ((fieldBit & notOwn) === 0) own[unit] = (own[unit] as number) | bit;
        }
      }
    }
    try {
      for (let r = 0; r < reached; r++) {
        const unit = touched[r] as number;
        visit(
          unit,
          (score[unit] as number) * (count[unit] as number),
          matched[unit] as number,
          own[unit] as number,
        );
      }
    } finally {
      for (let r = 0; r < reached; r++) count[touched[r] as number] = 0;
    }
  }
}
