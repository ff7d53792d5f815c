/** Pure helpers of the masked-LM fillers in the predictions panel. */
import type { Token } from '../../engine';
import type { TranslateFn } from '../../i18n';
import type { MaskedToken } from '../../store';

/** Shown for the mask until the masked run's tokens arrive with the tokenizer's own. */
export const DEFAULT_MASK_TEXT = '[MASK]';

/**
 * The text of the mask token at `index` as the masked run shows it ("[MASK]", "<mask>"); the
 * default while the tokens are still the unmasked run's (the token there is not special then).
 */
export function maskTokenText(tokens: readonly Token[], index: number): string {
  const token = tokens[index];
  return token?.special ? token.text : DEFAULT_MASK_TEXT;
}

/** "Fillers for [MASK] (token 3: “bank”)": the token's 1-based number among the chips. */
export function fillerHeading(
  t: TranslateFn,
  masked: Pick<MaskedToken, 'index' | 'token'>,
  maskText: string,
): string {
  return t('fillers.intro', {
    mask: maskText || DEFAULT_MASK_TEXT,
    number: masked.index + 1,
    token: masked.token,
  });
}
