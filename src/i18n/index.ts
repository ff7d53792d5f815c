export { en, type MessageKey, type Messages } from './en';
export { zh } from './zh';
export { type Language, LANGUAGES, HTML_LANG, detectLanguage, browserLanguage } from './language';
export { DICTIONARIES, format, translate, type MessageParams, type TranslateFn } from './translate';
export { useT } from './useT';
