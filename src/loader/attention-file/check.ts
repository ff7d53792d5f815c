/** The checks every layer of an attention file passes when it is read. */
import { AttentionFileError } from './types';

/**
 * Checks one layer, [heads][queryLength][keyLength] row-major: every value finite and not
 * negative, every row summing to 1 within `tolerance` or all zeros (a row with no allowed key, as
 * the app's own masks produce). Throws an AttentionFileError naming the tensor and the cell.
 */
export function checkLayer(
  data: Float32Array,
  shape: { heads: number; queryLength: number; keyLength: number },
  where: { file: string; tensor: string; layer: number },
  tolerance: number,
): void {
  const { heads, queryLength: q, keyLength: k } = shape;
  const { file, tensor, layer } = where;
  for (let h = 0; h < heads; h++) {
    for (let r = 0; r < q; r++) {
      const base = (h * q + r) * k;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const v = data[base + c]!;
        if (!Number.isFinite(v))
          throw new AttentionFileError(
            file,
            `layer ${layer}, head ${h}, row ${r}, key ${c} is ${String(v)}`,
            tensor,
          );
        if (v < 0)
          throw new AttentionFileError(
            file,
            `layer ${layer}, head ${h}, row ${r}, key ${c} is negative (${v})`,
            tensor,
          );
        sum += v;
      }
      if (sum !== 0 && Math.abs(sum - 1) > tolerance)
        throw new AttentionFileError(
          file,
          `layer ${layer}, head ${h}, row ${r} sums to ${Number(sum.toPrecision(6))}, not 1 (tolerance ${tolerance})`,
          tensor,
        );
    }
  }
}

/** Tokens from a JSON array of strings (metadata values are strings), or an error. */
export function parseTokenList(
  value: string,
  what: string,
  file: string,
  tensor?: string,
): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new AttentionFileError(file, `${what} is not a JSON array of strings`, tensor);
  }
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string'))
    throw new AttentionFileError(file, `${what} is not a JSON array of strings`, tensor);
  return parsed;
}
