/**
 * English strings of the first page. Every visible string of the app comes from here or from zh.ts,
 * through `useT()`, or from a feature's dictionary that loads with the feature and registers itself
 * (see registry.ts); `MessageKey` includes those keys too, so every `t(key)` stays type-checked.
 * Placeholders are written `{name}` and filled by `format()`.
 */
import { ablationEn } from './features/ablation.en';
import { analysisEn } from './features/analysis.en';
import { attentionFileEn } from './features/attentionFile.en';
import { directionEn } from './features/direction.en';
import { exportEn } from './features/export.en';
import { fillersEn } from './features/fillers.en';
import { hubEn } from './features/hub.en';
import { importanceEn } from './features/importance.en';
import { longInputEn } from './features/longInput.en';
import { predictionsEn } from './features/predictions.en';
import type { teachEn } from './features/teach.en';
import { teachTabsEn } from './features/teachTabs.en';
import { trainedEn } from './features/trained.en';
import type { trainEn } from './features/train.en';

export const en = {
  ...ablationEn,
  ...analysisEn,
  ...attentionFileEn,
  ...directionEn,
  ...exportEn,
  ...fillersEn,
  ...hubEn,
  ...importanceEn,
  ...longInputEn,
  ...predictionsEn,
  ...teachTabsEn,
  ...trainedEn,
  'app.title': 'Attention Atlas',
  'app.tagline':
    'See how a Transformer’s attention behaves — every layer, every head — right here in your browser.',
  'app.footer':
    'Playground model with random weights: patterns come from positions, masks and repeated words, not from meaning.',

  'lang.label': 'Language',
  'lang.switchTo': '中文',
  'lang.switchToName': 'Switch to Chinese',

  'tabs.label': 'Views',
  'tabs.group.explore': 'Explore',
  'tabs.group.learn': 'Learn',
  'tab.attention': 'Attention',

  'input.heading': 'Sentences',
  'input.sentenceA': 'Sentence A',
  'input.sentenceB': 'Sentence B',
  'input.placeholder': 'Type a sentence…',
  'input.tokenCount': '{count} tokens',
  'input.tokenCountOne': '1 token',
  'list.separator': ', ',
  'list.more': ' and {count} more',

  'tokens.listLabel': 'Tokens of {name}',
  'tokens.unknown': 'Unknown word: not in the vocabulary',
  'tokens.special': 'Special token added by the tokenizer',
  'tokens.unknownNotice': "Not in the model's vocabulary: {words} (shown as <unk>)",
  'translation.heading': 'Translation',
  'translation.label': 'Translation of {name}',
  'translation.pending': 'Translating…',
  'translation.cut': 'Cut at {max} tokens before the model finished.',
  'translation.empty': 'The model ended at once and wrote nothing.',

  'view.heading': 'Attention',
  'view.layer': 'Layer',
  'view.head': 'Head',
  'view.sharedKv':
    'Heads {first}–{last} share their keys and values (group {group} of {groups}: grouped-query attention).',
  'view.layerSliding':
    'Layer {layer} attends in a sliding window: each token sees itself and the {before} tokens before it.',
  'view.layerGlobal': 'Layer {layer} attends globally: each token sees every token before it.',
  'view.kind': 'Attention',
  'view.kind.encoder-self': 'Encoder self-attention',
  'view.kind.decoder-self': 'Decoder self-attention',
  'view.kind.cross': 'Cross-attention',
  'view.option': '{n}',

  'heatmap.label': '{name}, layer {layer}, head {head}',
  'heatmap.caption': 'Layer {layer} · head {head}',
  'heatmap.empty': 'Type a sentence to see its attention.',
  'heatmap.loading': 'Computing attention…',
  'heatmap.queryAxis': 'Query (each row attends…)',
  'heatmap.keyAxis': 'Key (…to these columns)',
  'heatmap.masked': 'masked',
  'heatmap.help':
    'Each row is a query token; its cells show how much attention it pays to each key token. Rows sum to 1.',
  'heatmap.keyboardHint': 'Use the arrow keys to move between cells.',
  'heatmap.announce': '{query} → {key}: {weight}',
  'heatmap.axes.encoder-self': 'Rows and columns: the English tokens.',
  'heatmap.axes.decoder-self':
    'Rows: the Chinese token being written at that step; columns: the tokens written before it.',
  'heatmap.axes.cross': 'Rows: Chinese token being written; columns: English tokens it looks at.',
  'heatmap.loadingModel': 'Loading the model…',
  'heatmap.notLoaded': 'Nothing to show: the model did not load.',

  'legend.label': 'Attention weight',
  'legend.caption': 'Colour scale: 0 to {max}',

  'truncated.notice': 'Showing the first {max} tokens; {dropped} dropped.',

  'model.picker': 'Model',
  'model.choice.translator': 'Built-in translator (English → Chinese)',
  'model.choice.playground': 'Playground (random weights)',
  'translator.heading': 'Built-in translator',
  'translator.note':
    'A tiny encoder–decoder Transformer trained in this project on a synthetic English–Chinese corpus. It knows only its own small vocabulary.',
  'translator.shape':
    '{encoder} encoder + {decoder} decoder layers × {heads} heads · d_model {dModel}',
  'translator.vocab': 'Vocabulary: {source} English words, {target} Chinese characters',
  'translator.limits': 'Reads up to {source} English tokens; writes up to {target} Chinese tokens',
  'translator.loading': 'Loading the translator…',
  'translator.progress': 'Downloading {file}: {loaded} of {total}',
  'translator.progressUnknown': 'Downloading {file}: {loaded}',
  'translator.ready': 'Loaded',
  'translator.failed': 'Not loaded',
  'translator.loadError': 'The built-in translator could not be loaded: {message}',
  'translator.loadErrorHint': 'Try again, or switch to the playground model.',
  'translator.retry': 'Try again',
  'translator.usePlayground': 'Use the playground',
  'translator.summary': 'en → zh · {encoder}+{decoder} layers × {heads} heads · d_model {dModel}',
  'translator.footer':
    'Built-in translator: a tiny encoder–decoder trained in this project. Words outside its small vocabulary become <unk>; its attention is learned, so patterns follow meaning as well as position.',

  'model.heading': 'Playground model',
  'model.note': 'Random weights from a seed. Change the shape and watch the patterns change.',
  'model.layers': 'Layers',
  'model.heads': 'Heads',
  'model.dModel': 'd_model',
  'model.positional': 'Positional encoding',
  'model.positional.none': 'None',
  'model.positional.sinusoidal': 'Sinusoidal',
  'model.positional.learned': 'Learned (random)',
  'model.positional.rope': 'RoPE',
  'model.positional.alibi': 'ALiBi',
  'model.mask': 'Mask',
  'model.mask.none': 'None (full)',
  'model.mask.causal': 'Causal',
  'model.mask.window': 'Sliding window',
  'model.mask.dilated': 'Dilated window',
  'model.mask.global-window': 'Window + global (Longformer)',
  'model.mask.bigbird': 'BigBird (window + global + random)',
  'model.radius': 'Window radius',
  'model.dilation': 'Dilation',
  'model.architecture': 'Architecture',
  'model.architecture.encoder': 'Encoder (BERT-like)',
  'model.architecture.decoder': 'Decoder (GPT-like, causal)',
  'model.architecture.encoder-decoder': 'Encoder–decoder (the sentence on both sides)',
  'model.norm': 'LayerNorm',
  'model.norm.pre': 'Pre-norm',
  'model.norm.post': 'Post-norm',
  'model.seed': 'Seed',
  'model.maxTokens': 'Max tokens',
  'model.reseed': 'New seed',
  'model.headsHint': 'Must divide d_model: {list}',
  'model.summary': '{layers} layers × {heads} heads · d_model {dModel}',

  'backend.label': 'Backend',
  'backend.wasm': 'WebAssembly (wasm)',
  'backend.webgl': 'WebGL',
  'backend.webgpu': 'WebGPU',
  'backend.cpu': 'CPU (plain JavaScript)',
  'backend.active': 'Active: {name}',
  'backend.activeThreads': 'Active: {name} ({threads} threads)',
  'backend.starting': 'Starting the engine…',
  'backend.idle': 'Not started yet',
  'backend.lost':
    'The {name} context was lost (the graphics card was reset or is busy); switched to WebAssembly and ran again.',
  'backend.fallback': '{wanted} could not start here; using {name}.',
  'backend.fallbackWhy': '{wanted} could not start: {why}. Now running on {name}.',
  'backend.why.csp':
    "WebAssembly is blocked by this page's Content Security Policy (it does not allow 'wasm-unsafe-eval')",
  'backend.why.no-webassembly': 'this browser has no WebAssembly, or it is turned off',
  'backend.why.wasm-file': 'its .wasm file could not be loaded',
  'backend.why.wasm-file-status':
    'its .wasm file could not be loaded (the server answered HTTP {status})',
  'backend.why.unavailable': 'this browser does not offer it',
  'backend.why.error': 'it stopped with the error “{detail}”',

  'status.running': 'Running…',
  'status.ready': 'Done in {ms} ms',

  'error.title': 'Something went wrong',
  'error.engine': 'The engine could not compute attention: {message}',
  'error.workerCrashed': 'The engine stopped unexpectedly. Reload the page to try again.',
  'error.unsupported': 'This browser cannot run Web Workers, which Attention Atlas needs.',
} as const;

/** Keys whose strings are in the first page's dictionaries (en, zh). */
export type EagerKey = keyof typeof en;
/** Keys whose strings load with their feature's chunk (type-only import: no string is bundled). */
export type LazyKey = keyof typeof teachEn | keyof typeof trainEn;
export type MessageKey = EagerKey | LazyKey;
export type Messages = Record<MessageKey, string>;
export type EagerMessages = Record<EagerKey, string>;
