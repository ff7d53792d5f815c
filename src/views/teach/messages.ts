/**
 * Registers the teaching views' strings in both languages. Each teaching view imports this module
 * first, so the strings arrive with the view's chunk (not with the first page) and are in place
 * before the view renders.
 */
import { registerMessages } from '../../i18n';
import { teachEn } from '../../i18n/features/teach.en';
import { teachZh } from '../../i18n/features/teach.zh';

registerMessages({ en: teachEn, zh: teachZh });
