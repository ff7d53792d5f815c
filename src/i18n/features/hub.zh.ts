/** 中文：Hugging Face 检查点（模型选择、加载面板、错误、句子对），并入 zh.ts。 */
import type { hubEn } from './hub.en';

export const hubZh: Record<keyof typeof hubEn, string> = {
  'model.choice.hf': 'Hugging Face 模型（BERT、GPT-2…）',
  'hub.heading': 'Hugging Face 模型',
  'hub.note':
    '真实的预训练检查点：BERT 系列（BERT、RoBERTa、XLM-RoBERTa、DistilBERT）、GPT-2、Llama（SmolLM2、TinyLlama）、Qwen2/2.5/3、Mistral、Gemma 2/3 或 Pythia（GPT-NeoX），来自 Hugging Face Hub 或本机文件。下载前先检查模型大小。第一次下载需要联网，之后从浏览器缓存加载，离线也可以。',
  'hub.id': '模型 ID',
  'hub.revision': '版本',
  'hub.load': '加载',
  'hub.cancel': '取消',
  'hub.examples': '示例',
  'hub.tooLargeTag': '太大',
  'hub.tooLargeTitle': '超出引擎的内存上限：会被拒绝加载',
  'hub.gatedTag': '需授权',
  'hub.gatedTitle': '先在模型页面接受许可协议，并粘贴访问令牌',
  'hub.token': '访问令牌',
  'hub.tokenHint':
    '仅用于需授权或私有的模型：在模型页面接受许可协议，在 huggingface.co/settings/tokens 创建一个只读令牌并粘贴到这里。只保存在本标签页的内存中（不存储、不进入分享链接），只发送给 Hub。',
  'hub.size': '{params} 参数 · 需下载 {download} · 约需内存 {memory}',
  'hub.sizeEngine': '引擎内存：{engine}，上限 {limit}（float32 权重 + 工作内存）。',
  'hub.files': '打开模型文件',
  'hub.filesHint':
    'config.json、model.safetensors 和分词器文件（tokenizer.json，或 vocab.txt，或 vocab.json + merges.txt）。',
  'hub.drop': '或把文件拖到这里',
  'hub.dropActive': '松开即可加载这些文件',
  'hub.idle': '输入模型 ID 并点“加载”，或打开模型文件。',
  'hub.starting': '正在加载 {name}…',
  'hub.progress': '{file}：{loaded} / {total}',
  'hub.progressUnknown': '{file}：{loaded}',
  'hub.part': '权重文件 {part} / {parts}',
  'hub.fromCache': '来自缓存',
  'hub.saved': '已保存，可离线使用',
  'hub.percent': '{percent}%',
  'hub.progressLabel': '{name} 的下载进度',
  'hub.loaded': '已加载 {name} · {size}',
  'hub.cancelled': '已取消加载 {name}。',
  'hub.failed': '{name}：未加载',
  'hub.loadError': '无法加载 Hugging Face 模型：{message}',
  'hub.hint.not-found': '请检查拼写：模型 ID 形如 “bert-base-uncased” 或 “openai-community/gpt2”。',
  'hub.hint.http':
    '需授权或私有的模型：在 huggingface.co 的模型页面接受许可协议，在 huggingface.co/settings/tokens 创建只读令牌，粘贴到“访问令牌”中，再点“加载”。',
  'hub.hint.network': '是否离线，或网络屏蔽了 Hub？加载过的模型可以从缓存离线加载。',
  'hub.hint.html': '收到的是登录页、错误页或代理页面，而不是文件。',
  'hub.hint.timeout': '下载停住了，请重试。',
  'hub.hint.truncated': '下载中途被截断，请重试。',
  'hub.hint.too-large':
    '模型太大，本页面的引擎放不下（float32 权重，wasm 堆最多 4 GiB）：请换一个较小的模型。',
  'hub.hint.invalid': '检查点中的某个文件内容不正确。',
  'hub.hint.unsupported':
    '只能加载以 safetensors 保存的 BERT 系列、GPT-2、Llama、Qwen、Mistral、Gemma 2/3 和 GPT-NeoX 检查点。',
  'hub.hint.other': '请重试，或换一个模型。',
  'hub.hint.cancelled': '加载已取消。',
  'hub.kept': '之前加载的模型（{name}）仍在使用。',
  'hub.retry': '重试',
  'hub.useTranslator': '使用内置翻译模型',
  'hub.pair': '句子对（A [SEP] B）',
  'hub.pairHint':
    '把 [CLS] A [SEP] B [SEP] 作为一次输入运行，句子 A 的 token type 为 0，句子 B 为 1（类似 BertViz 的句子对视图）。不勾选：两个句子分别运行。',
  'hub.pairUnsupported': '{name} 只读一段文本：两个句子分别运行。',
  'hub.pairNoteB': '句子 B 是句子对的后半部分，显示在句子 A 下方。',
  'hub.segments':
    '句子对：第 {a1}–{a2} 个词元是句子 A（token type 0），第 {b1}–{b2} 个词元是句子 B（token type 1）。',
  'hub.shape': '{layers} 层 × {heads} 个头 · d_model {dModel}',
  'hub.kind': '{type} · {architecture}',
  'hub.arch.encoder': '编码器：每个词元关注所有词元',
  'hub.arch.decoder': '解码器：因果注意力，每个词元只关注自己和之前的词元',
  'hub.params': '{params} 个参数 · {dtypes}',
  'hub.maxTokens': '最多读取 {max} 个词元，更长的输入会被截断。',
  'hub.summary': '{name} · {layers} 层 × {heads} 个头 · d_model {dModel}',
  'hub.footer':
    'Hugging Face 检查点：真实的预训练权重，在你的浏览器里运行。[CLS]、[SEP] 等特殊词元也是输入的一部分，也会出现在图中。',
};
