/** Shared helpers of the Hugging Face loader tests: the fixture folders as Files. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/hf',
);

/** The fixture checkpoints scripts/fixtures/make-hf-checkpoints.ts writes. */
export const FIXTURE_NAMES = [
  'tiny-bert',
  'tiny-bert-f16',
  'tiny-distilbert',
  'tiny-roberta',
  'tiny-gpt2',
  'tiny-gpt2-sharded',
  'tiny-gpt2-bf16',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** Today's decoder LMs, written by scripts/fixtures/make-llm-checkpoints.ts. */
export const LLM_FIXTURE_NAMES = [
  'tiny-llama',
  'tiny-smollm2',
  'tiny-qwen2',
  'tiny-qwen3',
  'tiny-mistral',
  'tiny-gemma2',
  'tiny-gemma3',
  'tiny-pythia',
] as const;

export const fixtureDir = (name: string): string => path.join(FIXTURES, name);

/** Every file of a fixture folder as a File, optionally replacing or dropping some. */
export function fixtureFiles(
  name: string,
  replace: Record<string, string | Uint8Array | null> = {},
): File[] {
  const dir = fixtureDir(name);
  const files: File[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (file in replace) continue;
    files.push(new File([readFileSync(path.join(dir, file))], file));
  }
  for (const [file, contents] of Object.entries(replace))
    if (contents !== null)
      files.push(
        new File([typeof contents === 'string' ? contents : new Uint8Array(contents)], file),
      );
  return files;
}

export const readFixture = (name: string, file: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(fixtureDir(name), file)));

export const readFixtureText = (name: string, file: string): string =>
  readFileSync(path.join(fixtureDir(name), file), 'utf8');
