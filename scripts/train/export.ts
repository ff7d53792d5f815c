/** Writes a trained translator as the app loads it: config.json, model.safetensors, vocab.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { expectedWeightShapes } from '../../src/engine/schema.ts';
import type { TransformerConfig } from '../../src/engine/types.ts';
import {
  DIRECTIONS,
  type SplitName,
  type TranslationDirection,
  type TranslationVocab,
} from '../../src/engine/tokenize/vocab-tokenizer.ts';
import { writeSafetensors } from '../../src/loader/safetensors.ts';

export interface ModelFileConfig {
  format: 'attention-atlas-translator';
  name: string;
  config: TransformerConfig;
  maxTargetLength: number;
  /** Absent for the original English→Chinese model (readers take absent as 'en-zh'). */
  direction?: TranslationDirection;
  /** How source and target are cut into tokens; absent = en-zh's ('english' / 'characters'). */
  split?: { source: SplitName; target: SplitName };
  files: { weights: string; vocab: string };
}

export function exportModel(
  dir: string,
  name: string,
  config: TransformerConfig,
  params: Map<string, tf.Variable>,
  vocab: TranslationVocab,
  maxTargetLength: number,
  metadata: Record<string, string>,
  direction: TranslationDirection = 'en-zh',
): void {
  mkdirSync(dir, { recursive: true });
  const tensors = [...expectedWeightShapes(config)].map(([n, shape]) => ({
    name: n,
    shape,
    data: params.get(n)!.dataSync() as Float32Array,
  }));
  writeFileSync(join(dir, 'model.safetensors'), writeSafetensors(tensors, 'F32', metadata));
  const file: ModelFileConfig = {
    format: 'attention-atlas-translator',
    name,
    config,
    maxTargetLength,
    // en-zh writes exactly the fields it always wrote (its config.json stays byte-identical).
    ...(direction === 'en-zh'
      ? {}
      : {
          direction,
          split: {
            source: DIRECTIONS[direction].source.split,
            target: DIRECTIONS[direction].target.split,
          },
        }),
    files: { weights: 'model.safetensors', vocab: 'vocab.json' },
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(file, null, 2) + '\n');
  writeFileSync(join(dir, 'vocab.json'), JSON.stringify(vocab) + '\n');
}
