/** Registers the Train tab's strings in both languages; the tab's chunk imports this first. */
import { registerMessages } from '../../i18n';
import { trainEn } from '../../i18n/features/train.en';
import { trainZh } from '../../i18n/features/train.zh';

registerMessages({ en: trainEn, zh: trainZh });
