/**
 * English strings of the Hugging Face checkpoints (model picker choice, load panel, errors,
 * sentence pairs), spread into en.ts. Placeholders are written `{name}`.
 */
export const hubEn = {
  'model.choice.hf': 'Hugging Face model (BERT, GPT-2…)',
  'hub.heading': 'Hugging Face model',
  'hub.note':
    'A real pretrained checkpoint of the BERT family (BERT, RoBERTa, XLM-RoBERTa, DistilBERT), GPT-2, Llama (SmolLM2, TinyLlama), Qwen2/2.5/3, Mistral, Gemma 2/3 or Pythia (GPT-NeoX), from the Hugging Face Hub or from files on this computer. Its size is checked before the download. The first download needs internet; after that it loads from the browser’s cache, offline too.',
  'hub.id': 'Model id',
  'hub.revision': 'Revision',
  'hub.load': 'Load',
  'hub.cancel': 'Cancel',
  'hub.examples': 'Examples',
  'hub.tooLargeTag': 'too large',
  'hub.tooLargeTitle': 'Over the engine’s memory limit: it will be refused',
  'hub.gatedTag': 'gated',
  'hub.gatedTitle': 'Accept the licence on the model’s page and paste an access token first',
  'hub.token': 'Access token',
  'hub.tokenHint':
    'Only for gated or private models: accept the licence on the model’s page, create a read token at huggingface.co/settings/tokens and paste it here. Kept in this tab’s memory only (not saved, not in share links) and sent only to the Hub.',
  'hub.size': '{params} parameters · {download} to download · needs about {memory}',
  'hub.sizeEngine': 'Engine memory: {engine} of at most {limit} (float32 weights + working set).',
  'hub.files': 'Open model files',
  'hub.filesHint':
    'config.json, model.safetensors and the tokenizer (tokenizer.json, or vocab.txt, or vocab.json + merges.txt).',
  'hub.drop': 'or drop them here',
  'hub.dropActive': 'Drop the files to load them',
  'hub.idle': 'Type a model id and press Load, or open model files.',
  'hub.starting': 'Loading {name}…',
  'hub.progress': '{file}: {loaded} of {total}',
  'hub.progressUnknown': '{file}: {loaded}',
  'hub.part': 'weights file {part} of {parts}',
  'hub.fromCache': 'from cache',
  'hub.saved': 'saved for offline use',
  'hub.percent': '{percent}%',
  'hub.progressLabel': 'Download of {name}',
  'hub.loaded': 'Loaded {name} · {size}',
  'hub.cancelled': 'Loading {name} was cancelled.',
  'hub.failed': '{name}: not loaded',
  'hub.loadError': 'The Hugging Face model could not be loaded: {message}',
  'hub.hint.not-found':
    'Check the spelling: model ids look like "bert-base-uncased" or "openai-community/gpt2".',
  'hub.hint.http':
    'Gated or private model: accept its licence on the model’s page at huggingface.co, create a read token at huggingface.co/settings/tokens, paste it under Access token and press Load again.',
  'hub.hint.network':
    'Offline, or the network blocks the Hub? Models loaded once before load offline from the cache.',
  'hub.hint.html': 'A login, error or proxy page came instead of the file.',
  'hub.hint.timeout': 'The download stalled. Try again.',
  'hub.hint.truncated': 'The download was cut short. Try again.',
  'hub.hint.too-large':
    'The model is larger than this page’s engine can hold (float32 weights, wasm’s 4 GiB heap): pick a smaller one.',
  'hub.hint.invalid': 'A file of the checkpoint is not what it should be.',
  'hub.hint.unsupported':
    'Only BERT-family, GPT-2, Llama, Qwen, Mistral, Gemma 2/3 and GPT-NeoX checkpoints stored as safetensors can be loaded.',
  'hub.hint.other': 'Try again, or switch to another model.',
  'hub.hint.cancelled': 'The load was cancelled.',
  'hub.kept': 'The model loaded before ({name}) is still in use.',
  'hub.retry': 'Try again',
  'hub.useTranslator': 'Use the built-in translator',
  'hub.pair': 'Sentence pair (A [SEP] B)',
  'hub.pairHint':
    'One run of [CLS] A [SEP] B [SEP], sentence A with token type 0 and sentence B with token type 1 (like BertViz’s sentence-pair view). Off: each sentence runs alone.',
  'hub.pairUnsupported': '{name} reads one text: each sentence runs alone.',
  'hub.pairNoteB': 'Sentence B is the second half of the sentence pair shown under Sentence A.',
  'hub.segments':
    'Sentence pair: tokens {a1}–{a2} are sentence A (token type 0), tokens {b1}–{b2} sentence B (token type 1).',
  'hub.shape': '{layers} layers × {heads} heads · d_model {dModel}',
  'hub.kind': '{type} · {architecture}',
  'hub.arch.encoder': 'encoder: every token attends to every token',
  'hub.arch.decoder': 'decoder: causal, each token attends to itself and earlier tokens',
  'hub.params': '{params} parameters · {dtypes}',
  'hub.maxTokens': 'Reads up to {max} tokens; longer inputs are cut.',
  'hub.summary': '{name} · {layers} layers × {heads} heads · d_model {dModel}',
  'hub.footer':
    'Hugging Face checkpoint: real pretrained weights, run in your browser. Special tokens such as [CLS] and [SEP] are part of the input and of the picture.',
} as const;
