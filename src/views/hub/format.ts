/** Pure helpers of the Hugging Face views. */
import type { HfProgressInfo } from '../../worker/protocol';

/** Model ids offered as examples (each loads from https://huggingface.co). */
export const HUB_EXAMPLES = [
  'bert-base-uncased',
  'bert-base-chinese',
  'roberta-base',
  'distilbert-base-uncased',
  'gpt2',
  'distilgpt2',
] as const;

/** A parameter count as a person reads it: "110 M", "4.4 K", "1.3 B". */
export function formatParams(n: number): string {
  if (!(n >= 0) || !Number.isFinite(n)) return '?';
  if (n < 1000) return String(Math.round(n));
  const [value, unit] = n < 1e6 ? [n / 1e3, 'K'] : n < 1e9 ? [n / 1e6, 'M'] : [n / 1e9, 'B'];
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
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
