/** Pure helpers of the Hugging Face views. */
import type { HfProgressInfo } from '../../worker/protocol';

/** A tested Hub model offered in the picker. */
export interface HubExample {
  id: string;
  /** Float32 weights + packed copies + working set over the engine's limit (loader `size.ts`): refused. */
  tooLarge?: boolean;
  /** Gated on the Hub: accept the licence and paste an access token first. */
  gated?: boolean;
}

/** Tested model ids by family (each loads from https://huggingface.co). */
export const HUB_MODEL_GROUPS: readonly { family: string; models: readonly HubExample[] }[] = [
  {
    family: 'BERT',
    models: [
      { id: 'bert-base-uncased' },
      { id: 'bert-base-chinese' },
      { id: 'roberta-base' },
      { id: 'distilbert-base-uncased' },
    ],
  },
  { family: 'GPT-2', models: [{ id: 'gpt2' }, { id: 'distilgpt2' }] },
  {
    family: 'Llama',
    models: [
      { id: 'HuggingFaceTB/SmolLM2-135M' },
      { id: 'HuggingFaceTB/SmolLM2-360M' },
      // 1.1 B parameters: about 4.4 GB of float32 weights, over the 3.75 GiB engine limit.
      { id: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0', tooLarge: true },
    ],
  },
  {
    family: 'Qwen',
    models: [
      { id: 'Qwen/Qwen2.5-0.5B' },
      // 0.6 B parameters: 2.1 GB of weights and 1.8 GB of packed matmul copies (4.05 GB).
      { id: 'Qwen/Qwen3-0.6B', tooLarge: true },
    ],
  },
  {
    family: 'Pythia (GPT-NeoX)',
    models: [{ id: 'EleutherAI/pythia-70m' }, { id: 'EleutherAI/pythia-160m' }],
  },
  { family: 'Gemma 3', models: [{ id: 'google/gemma-3-270m', gated: true }] },
];

/** Every tested model id, in the order of the groups. */
export const HUB_EXAMPLES: readonly string[] = HUB_MODEL_GROUPS.flatMap((g) =>
  g.models.map((m) => m.id),
);

/** A parameter count as a person reads it: "110 M", "4.4 K", "1.3 B". */
export function formatParams(n: number): string {
  if (!(n >= 0) || !Number.isFinite(n)) return '?';
  if (n < 1000) return String(Math.round(n));
  const [value, unit] = n < 1e6 ? [n / 1e3, 'K'] : n < 1e9 ? [n / 1e6, 'M'] : [n / 1e9, 'B'];
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/** A parameter count with one decimal, as the size check shows it: "123.4 M", "1.1 B". */
export function formatParamsPrecise(n: number): string {
  if (!(n >= 0) || !Number.isFinite(n)) return '?';
  if (n < 1000) return String(Math.round(n));
  const [value, unit] = n < 1e6 ? [n / 1e3, 'K'] : n < 1e9 ? [n / 1e6, 'M'] : [n / 1e9, 'B'];
  return `${value.toFixed(1)} ${unit}`;
}

/** Bytes of a download or of memory: "812 KB", "270 MB", "4.4 GB" (decimal units). */
export function formatSize(bytes: number): string {
  if (!(bytes >= 0) || !Number.isFinite(bytes)) return '?';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} B`;
}

/** Percent of the whole load (0–100, whole numbers), or null while it cannot be known. */
export function loadPercent(progress: HfProgressInfo | null): number | null {
  if (!progress || progress.weightsPercent === null) return null;
  return Math.max(0, Math.min(100, Math.floor(progress.weightsPercent)));
}

/** 1-based, inclusive token ranges of the two sentences of a pair run; null when not a pair. */
export function segmentRanges(
  segments: readonly number[] | undefined,
): { a: [number, number]; b: [number, number] } | null {
  if (!segments || segments.length === 0) return null;
  const first = segments.indexOf(1);
  if (first < 0) return null;
  const last = segments.lastIndexOf(1);
  return { a: [1, first], b: [first + 1, last + 1] };
}

/**
 * The files of a drop: folders are walked (a model folder dropped whole), files kept as they are.
 * Falls back to `dataTransfer.files` where entries are not available.
 */
export async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => e !== null && e !== undefined);
  if (entries.length === 0) return [...data.files];
  const out: { file: File; depth: number }[] = [];
  const walk = async (entry: FileSystemEntry, depth: number): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      out.push({ file, depth });
    } else if (entry.isDirectory && depth < 3) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
          reader.readEntries(resolve, reject),
        );
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, depth + 1);
      }
    }
  };
  for (const entry of entries) await walk(entry, 0);
  // The loader takes the first file of each name: the shallowest (not a nested onnx/config.json).
  return out.sort((x, y) => x.depth - y.depth).map((x) => x.file);
}
