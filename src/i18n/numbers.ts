/** Numbers as each UI language writes them (Intl.NumberFormat), cached per language and style. */
import { HTML_LANG, type Language } from './language';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(language: Language, min: number, max: number): Intl.NumberFormat {
  const key = `${language}:${min}:${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(HTML_LANG[language], {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    cache.set(key, f);
  }
  return f;
}

/** An attention weight as tooltips show it: four decimals ("0.1234"). */
export function formatWeightIn(language: Language, weight: number): string {
  return formatter(language, 4, 4).format(weight);
}

/** A colour-bar tick: as few decimals as it needs, at most three ("0", "0.25", "0.125"). */
export function formatTickIn(language: Language, value: number): string {
  return formatter(language, 0, 3).format(value);
}

/** A count or size in the UI ("1,024"). */
export function formatCountIn(language: Language, value: number): string {
  return formatter(language, 0, 0).format(value);
}

/** A percentage with no decimals ("42%"). */
export function formatPercentIn(language: Language, fraction: number): string {
  return new Intl.NumberFormat(HTML_LANG[language], { style: 'percent' }).format(fraction);
}
