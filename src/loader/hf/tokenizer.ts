/**
 * A checkpoint's own tokenizer, through `@huggingface/tokenizers` (loaded with a dynamic import so
 * the first page does not carry it).
 *
 * Sources, in order: `tokenizer.json` (+ `tokenizer_config.json`); else a `tokenizer.json` built here
 * the way transformers' slow→fast converters build it, from BERT's `vocab.txt` (WordPiece) or
 * GPT-2/RoBERTa's `vocab.json` + `merges.txt` (byte-level BPE). Sentence pairs follow the
 * tokenizer's own post-processor (`[CLS] A [SEP] B [SEP]`, types 0…/1…); inputs longer than the
 * model takes are truncated the way the Rust tokenizers do (longest first), and the loss reported.
 *
 * BOS/EOS as transformers adds them: the tokenizer classes that rebuild tokenizer.json's
 * post-processor from `add_bos_token` / `add_eos_token` (LlamaTokenizerFast, CodeLlamaTokenizerFast,
 * GemmaTokenizerFast, GPTNeoXTokenizerFast: `update_post_processor` in transformers 4.4x) get the
 * same TemplateProcessing here, since @huggingface/tokenizers reads only tokenizer.json.
 * SentencePiece byte-fallback pieces (`<0xC3><0xBC>`) are shown as the characters they spell.
 */
import type { Token, Tokenizer } from '../../engine/tokenize/types';
import type { HfFamily, HfModelType } from './config';
import { HfLoadError } from './errors';

/** Tokenizer files as text, by their Hub names; any may be missing. */
export interface HfTokenizerFiles {
  'tokenizer.json'?: string;
  'tokenizer_config.json'?: string;
  'special_tokens_map.json'?: string;
  'vocab.txt'?: string;
  'vocab.json'?: string;
  'merges.txt'?: string;
}

/** The tokenizer files a family can be read from, in order of preference (for messages). */
export const TOKENIZER_FILES: Record<HfFamily, string> = {
  bert: 'tokenizer.json (+ tokenizer_config.json), or vocab.txt',
  distilbert: 'tokenizer.json (+ tokenizer_config.json), or vocab.txt',
  roberta: 'tokenizer.json (+ tokenizer_config.json), or vocab.json + merges.txt',
  gpt2: 'tokenizer.json (+ tokenizer_config.json), or vocab.json + merges.txt',
  llama: 'tokenizer.json (+ tokenizer_config.json)',
  gemma: 'tokenizer.json (+ tokenizer_config.json)',
  gpt_neox: 'tokenizer.json (+ tokenizer_config.json)',
};

/** Families that read a sentence pair (`[CLS] A [SEP] B [SEP]`); decoders take one text. */
const PAIR_FAMILIES: ReadonlySet<string> = new Set(['bert', 'roberta', 'distilbert']);

/** Plain data a tokenizer is built from: JSON objects, so it can cross a worker boundary. */
export interface HfTokenizerSource {
  /** The contents of tokenizer.json (as read, or as built from the older files). */
  tokenizerJson: Record<string, unknown>;
  /** tokenizer_config.json (with special_tokens_map.json merged in); {} when absent. */
  tokenizerConfig: Record<string, unknown>;
  builtFrom: 'tokenizer.json' | 'vocab.txt' | 'vocab.json+merges.txt';
}

export interface HfTokenizerOptions {
  name: string;
  family: HfFamily;
  /** The exact model type, when known (XLM-RoBERTa has no vocab.json/merges.txt fallback). */
  modelType?: HfModelType;
  /** Longest input the model takes (its maxPositions); model_max_length can only lower it. */
  maxLength: number;
  /** The model's token-type count (none: no token types); types ≥ it are sent as 0 (RoBERTa has 1). */
  typeVocabSize?: number;
  /** The model's vocabulary size: a tokenizer with larger ids is refused. */
  vocabSize?: number;
}

/** A token with the vocabulary piece it came from (`Ġworld`, `##ing`). */
export interface HfToken extends Token {
  /** The piece as the vocabulary spells it; `text` is it made readable (byte-level decoded). */
  piece: string;
}

/** One model input from one text or a sentence pair. */
export interface HfEncoding {
  tokens: HfToken[];
  ids: number[];
  /** Sentence of each token: 0 for A (with its [CLS]/[SEP]), 1 for B, as the post-processor says. */
  segments: number[];
  /**
   * Ready for `RunInput.tokenTypeIds`: the segments for models with token-type embeddings (types
   * the model lacks become 0, so RoBERTa's single type gets all 0); undefined for models without.
   */
  tokenTypeIds: number[] | undefined;
  /** Tokens dropped to fit `maxLength`: in all, and from each sentence. */
  truncated: number;
  truncatedA: number;
  truncatedB: number;
}

export interface HfTokenizer extends Tokenizer {
  readonly family: HfFamily;
  /** The longest input, special tokens included. */
  readonly maxLength: number;
  /** Whether `encodeInput(a, b)` makes a sentence pair (encoders); GPT-2 takes one text. */
  readonly supportsPairs: boolean;
  /** The mask token of masked LMs ([MASK], <mask>), when the vocabulary has one. */
  readonly maskToken: { id: number; text: string } | null;
  /** Whether an id is one of the tokenizer's special tokens (marked in chips and predictions). */
  isSpecial(id: number): boolean;
  /** Plain data to rebuild this tokenizer elsewhere with `createHfTokenizerFromSource`. */
  readonly source: HfTokenizerSource;
  /** Tokens of one text with the model's special tokens, truncated to maxLength. */
  encode(text: string): HfToken[];
  /** One text, or a sentence pair (`[CLS] A [SEP] B [SEP]`), with token types and truncation. */
  encodeInput(text: string, pair?: string): HfEncoding;
  decode(ids: number[]): string;
  /**
   * One token's text for a list of candidates (predictions, fillers): as `decode([id])`, except
   * that a token holding part of a character shows its bytes (`<0xE6>`) instead of U+FFFD.
   */
  tokenText(id: number): string;
}

// ---------------------------------------------------------------------------------------------
// Reading JSON files
// ---------------------------------------------------------------------------------------------

function parseJsonObject(text: string, file: string): Record<string, unknown> {
  if (text.trimStart().startsWith('<'))
    throw new HfLoadError(
      'html',
      `${file}: got an HTML page instead of JSON (an error or login page?)`,
      file,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HfLoadError(
      'invalid',
      `${file}: is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
      file,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HfLoadError('invalid', `${file}: is not a JSON object`, file);
  return value as Record<string, unknown>;
}

/** A special token's text from tokenizer_config / special_tokens_map (a string or {content}). */
function tokenText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'content' in value) {
    const content = value.content;
    if (typeof content === 'string') return content;
  }
  return null;
}

const SPECIAL_KEYS = [
  'bos_token',
  'eos_token',
  'unk_token',
  'sep_token',
  'pad_token',
  'cls_token',
  'mask_token',
] as const;
type SpecialKey = (typeof SPECIAL_KEYS)[number];

const DEFAULT_SPECIALS: Record<
  'wordpiece' | 'roberta' | 'gpt2',
  Partial<Record<SpecialKey, string>>
> = {
  wordpiece: {
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  },
  roberta: {
    bos_token: '<s>',
    eos_token: '</s>',
    unk_token: '<unk>',
    sep_token: '</s>',
    pad_token: '<pad>',
    cls_token: '<s>',
    mask_token: '<mask>',
  },
  gpt2: { bos_token: '<|endoftext|>', eos_token: '<|endoftext|>', unk_token: '<|endoftext|>' },
};

function specials(
  config: Record<string, unknown>,
  kind: keyof typeof DEFAULT_SPECIALS,
): Partial<Record<SpecialKey, string>> {
  const out: Partial<Record<SpecialKey, string>> = { ...DEFAULT_SPECIALS[kind] };
  for (const key of SPECIAL_KEYS) {
    const text = tokenText(config[key]);
    if (text !== null) out[key] = text;
  }
  return out;
}

function addedToken(id: number, content: string, lstrip = false): Record<string, unknown> {
  return {
    id,
    content,
    single_word: false,
    lstrip,
    rstrip: false,
    normalized: false,
    special: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Building tokenizer.json from the older files (as transformers' convert_slow_tokenizer does)
// ---------------------------------------------------------------------------------------------

/** BERT's vocab.txt (one WordPiece per line, id = line number) → a tokenizer.json object. */
export function tokenizerJsonFromVocabTxt(
  vocabTxt: string,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  const lines = vocabTxt.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // A piece listed twice takes its last line, as transformers' load_vocab does.
  lines.forEach((line, id) => {
    vocab[line.replace(/\r$/, '')] = id;
  });
  if (lines.length === 0) throw new HfLoadError('invalid', 'vocab.txt: is empty', 'vocab.txt');
  const sp = specials(config, 'wordpiece');
  const unk = sp.unk_token ?? '[UNK]';
  const cls = sp.cls_token ?? '[CLS]';
  const sep = sp.sep_token ?? '[SEP]';
  if (!(unk in vocab) || !(cls in vocab) || !(sep in vocab))
    throw new HfLoadError(
      'invalid',
      `vocab.txt: needs ${unk}, ${cls} and ${sep} in the vocabulary`,
      'vocab.txt',
    );
  const added = SPECIAL_KEYS.map((k) => sp[k])
    .filter((t): t is string => t !== undefined && t in vocab)
    .filter((t, i, all) => all.indexOf(t) === i)
    .map((t) => addedToken(vocab[t] as number, t))
    .sort((a, b) => (a.id as number) - (b.id as number));
  const special = (token: string, typeId: number) => ({
    SpecialToken: { id: token, type_id: typeId },
  });
  const lowercase = config.do_lower_case !== false;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: config.tokenize_chinese_chars !== false,
      strip_accents: typeof config.strip_accents === 'boolean' ? config.strip_accents : null,
      lowercase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special(cls, 0), { Sequence: { id: 'A', type_id: 0 } }, special(sep, 0)],
      pair: [
        special(cls, 0),
        { Sequence: { id: 'A', type_id: 0 } },
        special(sep, 0),
        { Sequence: { id: 'B', type_id: 1 } },
        special(sep, 1),
      ],
      special_tokens: {
        [cls]: { id: cls, ids: [vocab[cls]], tokens: [cls] },
        [sep]: { id: sep, ids: [vocab[sep]], tokens: [sep] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: unk,
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

/** GPT-2 / RoBERTa vocab.json + merges.txt → a byte-level BPE tokenizer.json object. */
export function tokenizerJsonFromBpeFiles(
  vocabJson: string,
  mergesTxt: string,
  config: Record<string, unknown>,
  family: 'gpt2' | 'roberta',
): Record<string, unknown> {
  const rawVocab = parseJsonObject(vocabJson, 'vocab.json');
  const vocab: Record<string, number> = {};
  for (const [piece, id] of Object.entries(rawVocab)) {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
      throw new HfLoadError(
        'invalid',
        `vocab.json: id of ${JSON.stringify(piece)} is not a non-negative integer`,
        'vocab.json',
      );
    vocab[piece] = id;
  }
  const merges: string[] = [];
  for (const [i, line] of mergesTxt.split('\n').entries()) {
    const text = line.replace(/\r$/, '');
    if (text === '' || (i === 0 && text.startsWith('#version'))) continue;
    const parts = text.split(' ');
    if (parts.length !== 2)
      throw new HfLoadError(
        'invalid',
        `merges.txt: line ${i + 1} is not two pieces separated by a space`,
        'merges.txt',
      );
    merges.push(text);
  }
  const sp = specials(config, family);
  const addPrefixSpace = config.add_prefix_space === true;
  const added = SPECIAL_KEYS.map((k) => sp[k])
    .filter((t): t is string => t !== undefined && t in vocab)
    .filter((t, i, all) => all.indexOf(t) === i)
    .map((t) => addedToken(vocab[t] as number, t, family === 'roberta' && t === sp.mask_token))
    .sort((a, b) => (a.id as number) - (b.id as number));
  let post: Record<string, unknown> = {
    type: 'ByteLevel',
    add_prefix_space: true,
    trim_offsets: false,
    use_regex: true,
  };
  if (family === 'roberta') {
    const cls = sp.cls_token ?? '<s>';
    const sep = sp.sep_token ?? '</s>';
    if (!(cls in vocab) || !(sep in vocab))
      throw new HfLoadError(
        'invalid',
        `vocab.json: needs ${cls} and ${sep} in the vocabulary`,
        'vocab.json',
      );
    post = {
      type: 'RobertaProcessing',
      sep: [sep, vocab[sep]],
      cls: [cls, vocab[cls]],
      trim_offsets: true,
      add_prefix_space: addPrefixSpace,
    };
  }
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: {
      type: 'ByteLevel',
      add_prefix_space: addPrefixSpace,
      trim_offsets: true,
      use_regex: true,
    },
    post_processor: post,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// BOS / EOS from tokenizer_config.json, as transformers' fast tokenizers add them
// ---------------------------------------------------------------------------------------------

/**
 * The transformers tokenizer classes whose `__init__` calls `update_post_processor()`, rebuilding
 * tokenizer.json's post-processor from `add_bos_token` / `add_eos_token` (class defaults here).
 */
const POST_PROCESSOR_CLASSES: Record<string, { addBos: boolean; bos: string; eos: string }> = {
  LlamaTokenizer: { addBos: true, bos: '<s>', eos: '</s>' },
  CodeLlamaTokenizer: { addBos: true, bos: '<s>', eos: '</s>' },
  GemmaTokenizer: { addBos: true, bos: '<bos>', eos: '<eos>' },
  GPTNeoXTokenizer: { addBos: false, bos: '<|endoftext|>', eos: '<|endoftext|>' },
};

/** AutoTokenizer's class for a model type when tokenizer_config.json names none. */
const TOKENIZER_CLASS_OF_MODEL_TYPE: Record<string, string> = {
  llama: 'LlamaTokenizer',
  mistral: 'LlamaTokenizer',
  mixtral: 'LlamaTokenizer',
  gemma: 'GemmaTokenizer',
  gemma2: 'GemmaTokenizer',
  gemma3: 'GemmaTokenizer',
  gemma3_text: 'GemmaTokenizer',
  gpt_neox: 'GPTNeoXTokenizer',
};

/** The transformers tokenizer class (without "Fast") that AutoTokenizer would pick. */
export function tokenizerClassOf(
  config: Record<string, unknown>,
  modelType?: string,
): string | null {
  const named = config.tokenizer_class;
  if (typeof named === 'string' && named !== '') return named.replace(/Fast$/, '');
  return modelType === undefined ? null : (TOKENIZER_CLASS_OF_MODEL_TYPE[modelType] ?? null);
}

/** A token's id in tokenizer.json: its added token, else the model's vocabulary. */
function tokenIdIn(json: Record<string, unknown>, token: string): number | undefined {
  if (Array.isArray(json.added_tokens))
    for (const entry of json.added_tokens as unknown[])
      if (typeof entry === 'object' && entry !== null) {
        const { content, id } = entry as { content?: unknown; id?: unknown };
        if (content === token && typeof id === 'number') return id;
      }
  const model = json.model as { vocab?: unknown };
  if (typeof model.vocab === 'object' && model.vocab !== null && !Array.isArray(model.vocab)) {
    const id = (model.vocab as Record<string, unknown>)[token];
    if (typeof id === 'number') return id;
  }
  return undefined;
}

/**
 * tokenizer.json with the post-processor transformers' `update_post_processor` would set for this
 * tokenizer class (`bos:0 $A:0 eos:0` and `… bos:1 $B:1 eos:1`, each part present when its flag is
 * on); unchanged for the classes that keep tokenizer.json's own (GPT-2, Qwen2, PreTrainedTokenizerFast).
 */
export function withConfigPostProcessor(
  tokenizerJson: Record<string, unknown>,
  config: Record<string, unknown>,
  modelType?: string,
): Record<string, unknown> {
  const cls = tokenizerClassOf(config, modelType);
  const defaults = cls === null ? undefined : POST_PROCESSOR_CLASSES[cls];
  if (defaults === undefined) return tokenizerJson;
  const flag = (key: string, fallback: boolean): boolean => {
    const value = config[key];
    return typeof value === 'boolean' ? value : fallback;
  };
  const addBos = flag('add_bos_token', defaults.addBos);
  const addEos = flag('add_eos_token', false);
  // A token set to null in the config is none (Qwen's bos_token: null); absent: the class default.
  const named = (key: 'bos_token' | 'eos_token', fallback: string): string | null =>
    key in config ? tokenText(config[key]) : fallback;
  const special: Record<string, unknown> = {};
  const part = (key: 'bos_token' | 'eos_token', fallback: string, typeId: number): unknown[] => {
    const token = named(key, fallback);
    const id = token === null ? undefined : tokenIdIn(tokenizerJson, token);
    if (token === null || id === undefined)
      throw new HfLoadError(
        'invalid',
        `tokenizer_config.json: add_${key} is true but ${
          token === null
            ? `there is no ${key}`
            : `${JSON.stringify(token)} is not in tokenizer.json`
        }`,
        'tokenizer_config.json',
      );
    special[token] = { id: token, ids: [id], tokens: [token] };
    return [{ SpecialToken: { id: token, type_id: typeId } }];
  };
  const sequence = (id: 'A' | 'B', typeId: number): unknown[] => {
    const bos = addBos ? part('bos_token', defaults.bos, typeId) : [];
    const eos = addEos ? part('eos_token', defaults.eos, typeId) : [];
    return [...bos, { Sequence: { id, type_id: typeId } }, ...eos];
  };
  const single = sequence('A', 0);
  return {
    ...tokenizerJson,
    post_processor: {
      type: 'TemplateProcessing',
      single,
      pair: [...single, ...sequence('B', 1)],
      special_tokens: special,
    },
  };
}

/** Picks the tokenizer files a family can use; a clear error lists the files needed. */
export function tokenizerSourceFromFiles(
  files: HfTokenizerFiles,
  family: HfFamily,
  modelType?: HfModelType,
): HfTokenizerSource {
  const config: Record<string, unknown> = {};
  const map = files['special_tokens_map.json'];
  if (map !== undefined) Object.assign(config, parseJsonObject(map, 'special_tokens_map.json'));
  const cfg = files['tokenizer_config.json'];
  if (cfg !== undefined) Object.assign(config, parseJsonObject(cfg, 'tokenizer_config.json'));
  const json = files['tokenizer.json'];
  if (json !== undefined) {
    const tokenizerJson = parseJsonObject(json, 'tokenizer.json');
    if (typeof tokenizerJson.model !== 'object' || tokenizerJson.model === null)
      throw new HfLoadError('invalid', 'tokenizer.json: has no "model" object', 'tokenizer.json');
    return {
      tokenizerJson: withConfigPostProcessor(tokenizerJson, config, modelType),
      tokenizerConfig: config,
      builtFrom: 'tokenizer.json',
    };
  }
  if ((family === 'bert' || family === 'distilbert') && files['vocab.txt'] !== undefined)
    return {
      tokenizerJson: tokenizerJsonFromVocabTxt(files['vocab.txt'], config),
      tokenizerConfig: config,
      builtFrom: 'vocab.txt',
    };
  if (
    (family === 'gpt2' || family === 'roberta') &&
    modelType !== 'xlm-roberta' &&
    files['vocab.json'] !== undefined &&
    files['merges.txt'] !== undefined
  )
    return {
      tokenizerJson: tokenizerJsonFromBpeFiles(
        files['vocab.json'],
        files['merges.txt'],
        config,
        family,
      ),
      tokenizerConfig: config,
      builtFrom: 'vocab.json+merges.txt',
    };
  throw new HfLoadError(
    'not-found',
    `No tokenizer files: this model needs ${
      modelType === 'xlm-roberta'
        ? 'tokenizer.json (+ tokenizer_config.json); its sentencepiece.bpe.model cannot be read here'
        : TOKENIZER_FILES[family]
    }`,
  );
}

// ---------------------------------------------------------------------------------------------
// Readable token texts
// ---------------------------------------------------------------------------------------------

/** GPT-2's byte ↔ printable-character table: the inverse maps a piece back to its bytes. */
function unicodeToBytes(): Map<string, number> {
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  const out = new Map<string, number>();
  bs.forEach((b, i) => out.set(String.fromCodePoint(cs[i] as number), b));
  return out;
}

let byteTable: Map<string, number> | null = null;

function usesByteLevel(json: Record<string, unknown>): boolean {
  const isByteLevel = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false;
    const n = node as { type?: unknown; pretokenizers?: unknown; decoders?: unknown };
    if (n.type === 'ByteLevel') return true;
    const children = Array.isArray(n.pretokenizers)
      ? n.pretokenizers
      : Array.isArray(n.decoders)
        ? n.decoders
        : [];
    return children.some(isByteLevel);
  };
  return isByteLevel(json.pre_tokenizer) || isByteLevel(json.decoder);
}

function readablePiece(piece: string, byteLevel: boolean): string {
  if (byteLevel) {
    byteTable ??= unicodeToBytes();
    const bytes: number[] = [];
    for (const ch of piece) {
      const b = byteTable.get(ch);
      if (b === undefined) return piece; // not a byte-level piece (a special token)
      bytes.push(b);
    }
    return readableBytes(bytes);
  }
  return piece.replace(/\u2581/g, ' '); // SentencePiece's word marker
}

const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;

/** A byte as byte-fallback vocabularies spell it: 0xE6 → `<0xE6>`. */
const bytePiece = (b: number): string => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;

/**
 * UTF-8 bytes as text, where each byte that belongs to no whole character in them (a character
 * split between two tokens) is shown as its `<0xNN>` piece instead of U+FFFD, so that two halves
 * of different characters do not look alike: [E4 BD A0 E5] → `你<0xE5>`.
 */
export function readableBytes(bytes: readonly number[]): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const first = bytes[i] as number;
    const length = utf8Length(first);
    if (length > 0 && i + length <= bytes.length) {
      try {
        text += decoder.decode(new Uint8Array(bytes.slice(i, i + length)));
        i += length;
        continue;
      } catch {
        // not a well-formed character: fall through to its first byte
      }
    }
    text += bytePiece(first);
    i++;
  }
  return text;
}

/** Bytes a UTF-8 sequence takes from its first byte (0: not a first byte). */
const utf8Length = (b: number): number =>
  b < 0x80
    ? 1
    : b >= 0xc2 && b < 0xe0
      ? 2
      : b >= 0xe0 && b < 0xf0
        ? 3
        : b >= 0xf0 && b < 0xf5
          ? 4
          : 0;

/**
 * SentencePiece byte-fallback pieces made readable in place: in a run of `<0xNN>` tokens, the first
 * byte of each well-formed UTF-8 character shows the character (`<0xC3><0xBC>` → `ü`, `<0xBC>`);
 * the following bytes of that character, and bytes that spell no character, keep their piece.
 */
function readableBytePieces(tokens: HfToken[]): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const byteOf = (t: HfToken | undefined): number | null => {
    const m = t && !t.special ? BYTE_PIECE.exec(t.piece) : null;
    return m ? parseInt(m[1] as string, 16) : null;
  };
  for (let i = 0; i < tokens.length;) {
    const first = byteOf(tokens[i]);
    const length = first === null ? 0 : utf8Length(first);
    if (first === null || length === 0) {
      i++;
      continue;
    }
    const bytes = [first];
    while (bytes.length < length) {
      const next = byteOf(tokens[i + bytes.length]);
      if (next === null || (next & 0xc0) !== 0x80) break;
      bytes.push(next);
    }
    let text: string | null = null;
    if (bytes.length === length)
      try {
        text = decoder.decode(new Uint8Array(bytes));
      } catch {
        text = null;
      }
    if (text === null) {
      i++;
      continue;
    }
    (tokens[i] as HfToken).text = text;
    i += length;
  }
}

// ---------------------------------------------------------------------------------------------
// The tokenizer
// ---------------------------------------------------------------------------------------------

/** Pair lengths after Rust tokenizers' `longest_first` truncation to `budget` tokens. */
export function longestFirst(n1: number, n2: number, budget: number): [number, number] {
  if (n1 + n2 <= budget) return [n1, n2];
  let a = n1;
  let b = n2;
  const swap = a > b;
  if (swap) [a, b] = [b, a];
  if (a > Math.floor(budget / 2)) {
    a = Math.floor(budget / 2);
    b = a + (budget % 2);
  } else {
    b = budget - a;
  }
  return swap ? [b, a] : [a, b];
}

/** Builds the tokenizer from plain source data (tokenizer.json object + config). */
export async function createHfTokenizerFromSource(
  source: HfTokenizerSource,
  options: HfTokenizerOptions,
): Promise<HfTokenizer> {
  const { Tokenizer: HfLibTokenizer } = await import('@huggingface/tokenizers');
  const file = source.builtFrom === 'tokenizer.json' ? 'tokenizer.json' : source.builtFrom;
  let lib: InstanceType<typeof HfLibTokenizer>;
  try {
    lib = new HfLibTokenizer(source.tokenizerJson, source.tokenizerConfig);
  } catch (error) {
    throw new HfLoadError(
      'unsupported',
      `${file}: cannot be used (${error instanceof Error ? error.message : String(error)})`,
      file,
    );
  }
  const vocab = lib.get_vocab(true);
  if (options.vocabSize !== undefined) {
    let maxId = -1;
    let maxPiece = '';
    for (const [piece, id] of vocab)
      if (id > maxId) {
        maxId = id;
        maxPiece = piece;
      }
    if (maxId >= options.vocabSize)
      throw new HfLoadError(
        'invalid',
        `${file}: token ${JSON.stringify(maxPiece)} has id ${maxId}, outside config.json's vocab_size (${options.vocabSize})`,
        file,
      );
  }
  // Special: added tokens marked so, the config's named special tokens (transformers'
  // all_special_ids), and whatever the post-processor inserts (BOS, [CLS], …).
  const specialIds = new Set<number>();
  for (const [id, token] of lib.get_added_tokens_decoder()) if (token.special) specialIds.add(id);
  const configSpecials = [
    ...SPECIAL_KEYS.map((k) => tokenText(source.tokenizerConfig[k])),
    ...(Array.isArray(source.tokenizerConfig.additional_special_tokens)
      ? (source.tokenizerConfig.additional_special_tokens as unknown[]).map(tokenText)
      : []),
  ];
  for (const text of configSpecials) {
    const id = text === null ? undefined : lib.token_to_id(text);
    if (id !== undefined) specialIds.add(id);
  }
  const maskText =
    tokenText(source.tokenizerConfig.mask_token) ??
    (options.family === 'roberta' ? '<mask>' : '[MASK]');
  const maskId = lib.token_to_id(maskText);
  const maskToken = maskId === undefined ? null : { id: maskId, text: maskText };
  const modelConfig = source.tokenizerJson.model as {
    unk_token?: unknown;
    byte_fallback?: unknown;
  };
  const byteFallback = modelConfig.byte_fallback === true;
  const unkId =
    typeof modelConfig.unk_token === 'string' ? lib.token_to_id(modelConfig.unk_token) : undefined;
  const byteLevel = usesByteLevel(source.tokenizerJson);
  const configMax = source.tokenizerConfig.model_max_length;
  const maxLength =
    typeof configMax === 'number' &&
    Number.isSafeInteger(configMax) &&
    configMax > 0 &&
    configMax < options.maxLength
      ? configMax
      : options.maxLength;
  const supportsPairs = PAIR_FAMILIES.has(options.family);
  const typeCount = options.typeVocabSize ?? 0;
  const hasTypes = typeCount > 0;
  const post = lib.post_processor;

  const postProcess = (a: string[], b: string[] | null): { tokens: string[]; types: number[] } => {
    if (!post) {
      const tokens = [...a, ...(b ?? [])];
      return { tokens, types: [...a.map(() => 0), ...(b ?? []).map(() => 1)] };
    }
    const out = post(a, b, true);
    if (out.token_type_ids && out.token_type_ids.length === out.tokens.length)
      return { tokens: out.tokens, types: out.token_type_ids };
    const pairTokens = out.tokens_pair ?? (b && out.tokens.length === a.length ? b : []);
    return {
      tokens: [...out.tokens, ...pairTokens],
      types: [...out.tokens.map(() => 0), ...pairTokens.map(() => 1)],
    };
  };
  const specialCount = (pair: boolean): number => postProcess([], pair ? [] : null).tokens.length;
  for (const piece of [...postProcess([], null).tokens, ...postProcess([], []).tokens]) {
    const id = lib.token_to_id(piece);
    if (id !== undefined) specialIds.add(id);
  }

  const toToken = (piece: string): HfToken => {
    const id = lib.token_to_id(piece) ?? unkId;
    if (id === undefined)
      throw new Error(
        `${options.name}: token ${JSON.stringify(piece)} is not in the vocabulary and there is no unknown token`,
      );
    const special = specialIds.has(id);
    return {
      text: special ? piece : readablePiece(piece, byteLevel),
      piece,
      id,
      special,
      unknown: unkId !== undefined && id === unkId,
    };
  };

  const encodeInput = (text: string, pair?: string): HfEncoding => {
    const isPair = pair !== undefined;
    if (isPair && !supportsPairs)
      throw new Error(
        `${options.name}: a ${options.family} model reads one text, not a sentence pair`,
      );
    const a = lib.tokenize(text, { add_special_tokens: false });
    const b = isPair ? lib.tokenize(pair, { add_special_tokens: false }) : null;
    const budget = Math.max(0, maxLength - specialCount(isPair));
    const [keepA, keepB] = b
      ? longestFirst(a.length, b.length, budget)
      : [Math.min(a.length, budget), 0];
    const { tokens: pieces, types } = postProcess(a.slice(0, keepA), b ? b.slice(0, keepB) : null);
    const tokens = pieces.map(toToken);
    if (byteFallback) readableBytePieces(tokens);
    const truncatedA = a.length - keepA;
    const truncatedB = b ? b.length - keepB : 0;
    return {
      tokens,
      ids: tokens.map((t) => t.id),
      segments: types,
      tokenTypeIds: hasTypes ? types.map((t) => (t < typeCount ? t : 0)) : undefined,
      truncated: truncatedA + truncatedB,
      truncatedA,
      truncatedB,
    };
  };

  return {
    name: options.name,
    vocabSize: vocab.size,
    family: options.family,
    maxLength,
    supportsPairs,
    maskToken,
    isSpecial: (id: number) => specialIds.has(id),
    source,
    encode: (text: string) => encodeInput(text).tokens,
    encodeInput,
    decode: (ids: number[]) => (ids.length === 0 ? '' : lib.decode(ids)),
    tokenText: (id: number) => {
      const text = lib.decode([id]);
      if (!text.includes('\uFFFD')) return text;
      // Half a character (byte-level BPE or a byte-fallback piece): show its bytes, not U+FFFD.
      const piece = lib.id_to_token(id);
      if (piece === undefined) return text;
      if (BYTE_PIECE.test(piece)) return piece;
      return byteLevel ? readablePiece(piece, true) : text;
    },
  };
}

/** Builds the tokenizer from the files a checkpoint has (see `tokenizerSourceFromFiles`). */
export async function createHfTokenizer(
  files: HfTokenizerFiles,
  options: HfTokenizerOptions,
): Promise<HfTokenizer> {
  return createHfTokenizerFromSource(
    tokenizerSourceFromFiles(files, options.family, options.modelType),
    options,
  );
}

/** The older files a family's tokenizer can be built from when there is no tokenizer.json. */
export function fallbackTokenizerFiles(family: HfFamily): (keyof HfTokenizerFiles)[] {
  if (family === 'bert' || family === 'distilbert') return ['special_tokens_map.json', 'vocab.txt'];
  if (family === 'gpt2' || family === 'roberta')
    return ['special_tokens_map.json', 'vocab.json', 'merges.txt'];
  return ['special_tokens_map.json']; // the decoders are read from tokenizer.json only
}
