/**
 * Pure helpers of the token chips as mask toggles (masked-LM fillers): which chips are toggle
 * buttons, which one is pressed, and what each names.
 */
import type { Token } from '../../engine';
import type { MaskedToken } from '../../store';

/** A chip that masks its token: its 1-based number among the chips, and the token it masks. */
export interface MaskToggle {
  /** 1-based position among the sentence's chips, special tokens counted ([CLS] is 1). */
  number: number;
  /** The token's text before masking ("bank"), also while the chip shows the mask token. */
  token: string;
  /** This token is the masked one (aria-pressed). */
  pressed: boolean;
}

/**
 * Per chip, its mask toggle, or null where the chip is plain text: every chip when the sentence
 * cannot be masked; special tokens ([CLS], [SEP]) always, except the masked token itself, which
 * the run shows as the (special) mask token and which a click unmasks.
 */
export function maskToggles(
  tokens: readonly Token[],
  maskable: boolean,
  masked: Pick<MaskedToken, 'index' | 'token'> | null,
): (MaskToggle | null)[] {
  return tokens.map((token, i) => {
    if (!maskable) return null;
    const pressed = masked?.index === i;
    if (token.special && !pressed) return null;
    return { number: i + 1, token: pressed && masked ? masked.token : token.text, pressed };
  });
}
