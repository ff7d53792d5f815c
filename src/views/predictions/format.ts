/** Pure helpers of the predictions panel: token text with its spaces visible, percentages. */
import { HTML_LANG, type Language } from '../../i18n/language';

/** Characters a token may hold that would not show: each drawn as a visible sign. */
const VISIBLE: Record<string, string> = {
  ' ': '␣',
  '\u00a0': '⍽',
  '\t': '⇥',
  '\n': '↵',
  '\r': '␍',
};

/**
 * A token's text with its whitespace made visible (" river" → "␣river", "\n" → "↵"); the empty
 * string is written as a pair of quotes.
 */
export function visibleTokenText(text: string): string {
  if (text === '') return '""';
  return text.replace(/[ \u00a0\t\n\r]/g, (c) => VISIBLE[c] ?? c);
}

const percentFormats = new Map<Language, Intl.NumberFormat>();

/**
 * A probability as a percentage with one decimal ("42.3%", "0.1%"); a non-zero probability below
 * 0.05% reads "<0.1%" so that it never looks impossible.
 */
export function formatProbability(language: Language, probability: number): string {
  let f = percentFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(HTML_LANG[language], {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    percentFormats.set(language, f);
  }
  if (probability > 0 && probability < 0.0005) return `<${f.format(0.001)}`;
  return f.format(probability);
}

/** A temperature with one decimal ("1.0", "0.3"). */
export function formatTemperature(language: Language, temperature: number): string {
  return new Intl.NumberFormat(HTML_LANG[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  }).format(temperature);
}
