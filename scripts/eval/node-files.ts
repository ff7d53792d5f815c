/** Reads the shipped translator from disk (Node), through the same parser the app uses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranslator, type TranslatorBundle } from '../../src/loader/translator.ts';

export const BUILT_IN_MODEL_DIR = 'public/models/en-zh-tiny';
/** The Chinese→English model, shipped beside it. */
export const ZH_EN_MODEL_DIR = 'public/models/zh-en-tiny';

export function readTranslatorDir(dir = BUILT_IN_MODEL_DIR): TranslatorBundle {
  return parseTranslator(
    readFileSync(join(dir, 'config.json'), 'utf8'),
    new Uint8Array(readFileSync(join(dir, 'model.safetensors'))),
    readFileSync(join(dir, 'vocab.json'), 'utf8'),
  );
}
