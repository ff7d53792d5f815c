/**
 * Where checkpoint files come from. The loader asks a source for files by their Hub names
 * (`config.json`, `model.safetensors`, …); `hub.ts` downloads them, this file reads local ones
 * (a folder dropped on the page, or files picked with an <input type=file multiple>).
 */
import { HfLoadError } from './errors';
import {
  parseSafetensorsHeader,
  safetensorsHeaderLength,
  type SafetensorsHeaderInfo,
} from './size';
import { readStream, type ByteProgress } from './stream';

/** A named blob: a `File`, or anything with a name and Blob contents. */
export type NamedBlob = Blob & { readonly name: string; readonly webkitRelativePath?: string };

export interface ReadRequest {
  /** A missing optional file reads as null; a missing required one throws `not-found`. */
  optional: boolean;
  /** Appended to the not-found message (e.g. "it is listed in model.safetensors.index.json"). */
  hint?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ByteProgress & { fromCache: boolean }) => void;
  /**
   * While a file of announced size streams in: the buffer it arrives in and how many bytes are
   * there, after each chunk (the safetensors reader converts tensors meanwhile). Sources that
   * read a file at once need not call it.
   */
  onBytes?: (buffer: Uint8Array, length: number) => void;
}

/** What a source can say about a safetensors file before reading it (see `size.ts`). */
export type HeaderProbe =
  | { kind: 'header'; info: SafetensorsHeaderInfo; fromCache: boolean }
  /** The file is not there (HTTP 404, or not among the chosen files). */
  | { kind: 'missing' }
  /** No figures (a server without Range requests, an error the download itself will report). */
  | { kind: 'unknown' };

/** Anything the loader can read checkpoint files from. */
export interface HfFileSource {
  /** Names the model in messages: the Hub id, or "local files". */
  readonly label: string;
  read(file: string, request: ReadRequest): Promise<Uint8Array | null>;
  /** The error for a required file that is not there (the loader's own fallbacks decide when). */
  missingError(file: string, hint?: string): HfLoadError;
  /** Called once the model loaded, with the files read and those found missing (caching). */
  /** Keeps the files for offline use; resolves true once they are kept. */
  commit?(present: string[], missing: string[]): Promise<boolean>;
  /** Reads only a safetensors file's header (HTTP Range requests, a Blob slice, the cache). */
  probe?(file: string, signal?: AbortSignal): Promise<HeaderProbe>;
}

/** Default per-file size limit: a browser tab cannot hold much more in one ArrayBuffer. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The path a blob was chosen under, for picking the shallowest of duplicates. */
function pathOf(blob: NamedBlob): string {
  return blob.webkitRelativePath && blob.webkitRelativePath !== ''
    ? blob.webkitRelativePath
    : blob.name;
}

/** The folder the files were chosen from, when they all share one ("gpt2/config.json" → "gpt2"). */
export function commonFolder(files: readonly NamedBlob[]): string | null {
  const folders = new Set(files.map((f) => pathOf(f).split('/').slice(0, -1)[0] ?? ''));
  if (folders.size !== 1) return null;
  const [only] = folders;
  return only ? only : null;
}

/** The chosen files by name; the shallowest path wins (e.g. over a nested onnx/config.json). */
function indexByName(files: readonly NamedBlob[]): Map<string, NamedBlob> {
  const byName = new Map<string, NamedBlob>();
  const depth = (f: NamedBlob): number => pathOf(f).split('/').length;
  for (const f of [...files].sort((a, b) => depth(a) - depth(b))) {
    const name = baseName(pathOf(f));
    if (!byName.has(name)) byName.set(name, f);
  }
  return byName;
}

/** The chosen file the loader would read for a Hub file name. */
export function findLocalFile(files: readonly NamedBlob[], name: string): NamedBlob | undefined {
  return indexByName(files).get(name);
}

export interface LocalSourceOptions {
  label?: string;
  maxFileBytes?: number;
}

/** Reads checkpoint files from local blobs named like the Hub files (folders are ignored). */
export function localFilesSource(
  files: readonly NamedBlob[],
  options: LocalSourceOptions = {},
): HfFileSource {
  const byName = indexByName(files);
  const label = options.label ?? 'local files';
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const missingError = (file: string, hint?: string): HfLoadError => {
    const chosen = [...byName.keys()].sort();
    const shown = chosen.slice(0, 12).join(', ') + (chosen.length > 12 ? ', …' : '');
    return new HfLoadError(
      'not-found',
      `${label}: ${file} is not among the chosen files${hint ? ` (${hint})` : ''}; chosen: ${shown || 'none'}`,
      file,
    );
  };
  return {
    label,
    missingError,
    async probe(file: string): Promise<HeaderProbe> {
      const blob = byName.get(file);
      if (!blob) return { kind: 'missing' };
      try {
        const n = safetensorsHeaderLength(
          new Uint8Array(await blob.slice(0, 8).arrayBuffer()),
          file,
        );
        if (8 + n > blob.size) return { kind: 'unknown' }; // the load will say what is wrong
        const json = new Uint8Array(await blob.slice(8, 8 + n).arrayBuffer());
        const info = parseSafetensorsHeader(json, file);
        return { kind: 'header', info: { ...info, fileBytes: blob.size }, fromCache: false };
      } catch {
        return { kind: 'unknown' };
      }
    },
    async read(file: string, request: ReadRequest): Promise<Uint8Array | null> {
      const blob = byName.get(file);
      if (!blob) {
        if (request.optional) return null;
        throw missingError(file, request.hint);
      }
      return readStream(blob.stream(), {
        label,
        file,
        total: blob.size,
        signal: request.signal,
        stallTimeoutMs: Infinity,
        maxBytes,
        onProgress: (p) => request.onProgress?.({ ...p, fromCache: false }),
      });
    },
  };
}
