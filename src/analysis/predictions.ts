/**
 * Next-token probabilities from a language model's logits, under a temperature: pure numbers, no
 * tfjs, no DOM. The worker sends the logits of the whole vocabulary and its best ids; the page
 * applies the temperature here, so moving the slider never re-runs the model.
 *
 * p_i = exp(l_i / T) / Σ_j exp(l_j / T), with Σ_j over the WHOLE vocabulary, computed as
 * exp((l_i − m) / T − log Σ_j exp((l_j − m) / T)) with m = max_j l_j (log-sum-exp), so that no
 * exponent overflows and a small T stays finite (the best id tends to 1, the others to 0).
 */

/** A candidate next token: its vocabulary id and its text as the tokenizer decodes it. */
export interface PredictionCandidate {
  id: number;
  text: string;
  /** A special token of the tokenizer (e.g. `<|endoftext|>`). */
  special: boolean;
}

/** A candidate with its probability under the temperature (0–1). */
export interface PredictionEntry extends PredictionCandidate {
  probability: number;
}

/** Temperatures the functions accept: finite and above zero. */
function checkTemperature(temperature: number): void {
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new RangeError(`temperature must be a finite number above 0 (got ${temperature})`);
}

/** Largest logit, log Σ_j exp((l_j − max) / T) over every non-NaN logit, and how many are +∞. */
function spread(
  logits: ArrayLike<number>,
  temperature: number,
): { max: number; logSum: number; infinite: number } {
  checkTemperature(temperature);
  let max = -Infinity;
  let infinite = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (v > max) max = v;
    if (v === Infinity) infinite++;
  }
  if (!Number.isFinite(max)) return { max, logSum: -Infinity, infinite };
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (v === v) sum += Math.exp((v - max) / temperature); // v === v: not NaN
  }
  return { max, logSum: Math.log(sum), infinite };
}

/**
 * log Σ_j exp(l_j / T) over every logit, stable for any T > 0 (float64 sums). −Infinity when every
 * logit is −Infinity (nothing can follow), +Infinity when one is +Infinity; NaN logits are skipped.
 */
export function logSumExp(logits: ArrayLike<number>, temperature = 1): number {
  const { max, logSum } = spread(logits, temperature);
  return Number.isFinite(max) ? max / temperature + logSum : max;
}

/**
 * Probabilities of `candidates` (ids into `logits`, [vocab]) at `temperature`, best first (ties
 * keep the candidates' order). An id outside the vocabulary gets probability 0; so does every id
 * when no logit is finite, except +∞ logits, which share the whole mass.
 */
export function predictionProbabilities(
  logits: ArrayLike<number>,
  candidates: readonly PredictionCandidate[],
  temperature = 1,
): PredictionEntry[] {
  const { max, logSum, infinite } = spread(logits, temperature);
  const entries = candidates.map((c): PredictionEntry => {
    const logit = Number.isInteger(c.id) && c.id >= 0 && c.id < logits.length ? logits[c.id]! : NaN;
    let probability = 0;
    if (max === Infinity) probability = logit === Infinity ? 1 / infinite : 0;
    else if (Number.isFinite(max) && logit === logit)
      probability = Math.exp((logit - max) / temperature - logSum);
    return { id: c.id, text: c.text, special: c.special, probability };
  });
  // Array.prototype.sort is stable: equal probabilities keep the candidates' order.
  return entries.sort((a, b) => b.probability - a.probability);
}
