export { en, type EagerKey, type LazyKey, type MessageKey, type Messages } from './en';
export { zh } from './zh';
export { type Language, LANGUAGES, HTML_LANG, detectLanguage, browserLanguage } from './language';
export { format, translate, type MessageParams, type TranslateFn } from './translate';
export { DICTIONARIES, registerMessages, messagesVersion, subscribeMessages } from './registry';
export { useT } from './useT';
