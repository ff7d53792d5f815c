import type { teachEn } from './teach.en';

/** 教学视图（逐步计算、√d_k、掩码、位置编码、同词不同权重、高效注意力）的简体中文文本，随教学视图一起加载（见 src/views/teach/messages.ts）。键与 teach.en.ts 相同。 */
export const teachZh: Record<keyof typeof teachEn, string> = {
  'teach.status.loading': '正在计算这个头的中间结果…',
  'teach.status.error': '计算引擎无法算出这个头：{message}',
  'teach.status.empty': '这个句子是空的：请在“注意力”标签页输入一句话，再来看它的数字。',
  'teach.status.noHead': '该模型在这种注意力类型下没有这一层或这个头：请在上方工具栏另选。',
  'teach.formula.label': '注意力公式',
  'teach.source.sentence': '句子',
  'teach.source.line':
    '{model}的真实数字：{kind}，第 {layer} 层，第 {head} 个头（可在上方工具栏更改）',
  'teach.model.translator': '内置翻译模型',
  'teach.model.playground': '演示模型',
  'teach.seed': '随机种子',

  'teach.steps.title': '一步一步计算注意力',
  'teach.steps.intro':
    '选一个查询词元，看它如何关注每个词元：它的查询向量 q、每个键向量 k、点积、除以 √d_k、掩码、softmax，以及对值向量的加权求和。下面的每个数字都来自当前加载的模型。',
  'teach.steps.mode': '数字来源',
  'teach.steps.mode.model': '当前加载的模型',
  'teach.steps.mode.hand': '手算（小型示例）',
  'teach.steps.pickQuery': '查询词元',
  'teach.steps.ropeNote':
    '该模型使用 RoPE：下面的 q 和 k 已按各自的位置旋转过，所以它们的点积带有相对位置信息。',
  'teach.steps.allDims': '显示全部 {dh} 维（否则只显示前 8 维）',
  'teach.steps.q.title': '1. 查询向量 q',
  'teach.steps.q.text':
    '词元“{token}”用这个头的查询向量 q = x·W_Q 提出它的“问题”：共 {dh} 个数（d_k = {dh}）。其他词元用键向量 k = x·W_K 来“回答”。',
  'teach.steps.q.label': '“{token}”的 q',
  'teach.steps.scores.title': '2. 分数：q·k、缩放、掩码、softmax',
  'teach.steps.scores.text':
    '当查询和某个键方向一致时，点积 q·k 就大。再乘以 1/√d_k = 1/√{dh} = {scale}，使分数的离散程度不随头的维度增大（见“为什么除以 √d_k”）。',
  'teach.steps.biasNote':
    '该模型使用 ALiBi：每个缩放后的分数都加上偏置 −斜率·|i − j|，距离越远的键分数越低。',
  'teach.steps.maskNote':
    '对这个查询有 {n} 个键被掩码：它们的分数变为 −∞，e^−∞ = 0，因此权重恰好为 0。',
  'teach.steps.table.caption': '查询“{token}”与每个键的分数',
  'teach.steps.col.key': '键词元',
  'teach.steps.col.k': 'k（键向量）',
  'teach.steps.col.bias': '+ ALiBi 偏置',
  'teach.steps.col.mask': '掩码',
  'teach.steps.col.weight': '权重（softmax）',
  'teach.steps.k.label': '“{token}”的 k',
  'teach.steps.masked': '已掩码',
  'teach.steps.allowed': '可见',
  'teach.steps.sum': '权重之和',
  'teach.steps.softmax.text':
    'softmax 把分数变成权重：wⱼ = e^sⱼ / Σ e^s。每个权重都为正，总和为 1，分数越大权重越大。',
  'teach.steps.sum.title': '3. 对值向量加权求和',
  'teach.steps.sum.text':
    '每个词元还带有一个值向量 v = x·W_V：它要“交出”的内容。“{token}”的输出就是所有值向量乘以各自权重后的总和。',
  'teach.steps.vtable.caption': '值向量及其加权贡献',
  'teach.steps.col.v': 'v（值向量）',
  'teach.steps.col.wv': '权重 × v',
  'teach.steps.v.label': '“{token}”的 v',
  'teach.steps.wv.label': '“{token}”的 权重 × v',
  'teach.steps.output.title': '“{token}”的输出 = Σ 权重 × v',
  'teach.steps.output.label': '“{token}”的注意力输出',
  'teach.steps.check':
    '页面用双精度从 q、K、V 重新计算，并与计算引擎自己的数字比较：最大差异——分数 {scores}，权重 {weights}，输出 {output}。',
  'teach.steps.output.next': '所有头的输出并排拼接，再乘以 W_O；这就是下一层读到的内容。',
  'teach.steps.all.title': '4. 所有查询一起算',
  'teach.steps.all.text':
    '对每个查询都这样算，就得到整个权重矩阵 softmax(QKᵀ/√d_k + M)：每个查询一行，每行之和为 1。你跟踪的那一行已用框标出。',
  'teach.steps.all.label': '这个头的注意力权重，每个查询一行；所选查询已框出',

  'teach.hand.cat.title': '“The cat sat on the mat”，使用 4 维向量',
  'teach.hand.cat.intro':
    '教程中的例子：每个词元有一个 4 维向量，为简单起见 Q、K、V 是同一个矩阵。修改任何一个数，下面的每一步都会重新计算。d_k = 4，所以分数除以 √4 = 2。',
  'teach.hand.cat.tied': 'Q、K、V 使用同一个矩阵（与教程一致）',
  'teach.hand.reset': '恢复示例',
  'teach.hand.cell': '{matrix}，“{token}”行，第 {dim} 维',
  'teach.hand.cat.caption': '查询“{token}”：逐个键的全部中间结果',
  'teach.hand.step': '步骤',
  'teach.hand.cat.output': '“{token}”的输出（权重乘以 V 的各行再相加）：',
  'teach.hand.cat.outputLabel': '输出向量',
  'teach.hand.cat.denominator':
    'Σ e^s = {sum}；每个 softmax 权重等于它的 e^s 除以这个和，所以这一行加起来为 1。',
  'teach.hand.cat.matrix': '全部 softmax 权重（每行之和为 1）',
  'teach.hand.queryKey': '查询 ↓ · 键 →',
  'teach.hand.dict.title': '“软”字典查询：apple、banana、chair',
  'teach.hand.dict.intro':
    '第二篇文章的比喻：查询“fruit”在一个字典里查找，键是 apple、banana 和 chair，值分别为 10、5 和 2。注意力不是只挑一个键，而是按权重取所有的值：apple 0.6，banana 0.4，chair 0。试着修改值和权重。',
  'teach.hand.dict.key': '键',
  'teach.hand.dict.value': '值',
  'teach.hand.dict.weight': '权重',
  'teach.hand.dict.score': '得到该权重的分数（ln w）',
  'teach.hand.dict.product': '权重 × 值',
  'teach.hand.dict.valueOf': '{key} 的值',
  'teach.hand.dict.weightOf': '{key} 的权重',
  'teach.hand.dict.result': '查询结果',
  'teach.hand.dict.notOne':
    '这些权重之和为 {sum}，而不是 1。softmax 权重之和总是 1，所以注意力不会原样产生这组权重。',
  'teach.hand.dict.softmax':
    '对第四列的分数做 softmax，正好得到权重 {weights}：权重要恰好为 0，分数必须是 −∞，这正是掩码的作用。',

  'teach.sqrt.title': '为什么要除以 √d_k？',
  'teach.sqrt.intro':
    '如果 q 和 k 的各分量是方差为 1 的随机数，点积 q·k 是 d_k 项之和：方差为 d_k，离散程度为 √d_k。头的维度大时分数会变得很大，softmax 几乎把全部权重给最大的那一个（接近 one-hot），梯度也随之消失。除以 √d_k 把离散程度拉回 1，与头的维度无关。',
  'teach.sqrt.sample.title': '随机的查询和键，在浏览器里采样',
  'teach.sqrt.sample.text':
    '对每个 d_k，页面抽取一个查询和 N 个键，各分量服从标准正态分布（有随机种子，同一种子得到同样的曲线），并分别计算不缩放和除以 √d_k 时 softmax 的平均熵与平均最大权重。',
  'teach.sqrt.keys': '每个查询的键数（N）',
  'teach.sqrt.samples': '每个 d_k 的样本数',
  'teach.sqrt.maxDk': '最大的 d_k',
  'teach.sqrt.series.raw': 'softmax(q·k)：不缩放',
  'teach.sqrt.series.scaled': 'softmax(q·k / √d_k)',
  'teach.sqrt.entropy.title': '权重的平均熵（越高越分散）',
  'teach.sqrt.entropy.label':
    '折线图：softmax 平均熵随 d_k（对数坐标）的变化，分别为不缩放和乘以 1/√d_k',
  'teach.sqrt.axis.dk': 'd_k（对数坐标）',
  'teach.sqrt.axis.entropy': '熵（奈特）',
  'teach.sqrt.uniform': '均匀分布：ln {n}',
  'teach.sqrt.max.title': '平均最大权重（1：全部注意力集中在一个键上）',
  'teach.sqrt.max.label':
    '折线图：softmax 平均最大权重随 d_k（对数坐标）的变化，分别为不缩放和乘以 1/√d_k',
  'teach.sqrt.axis.max': '最大权重',
  'teach.sqrt.uniformMax': '均匀分布：1/{n}',
  'teach.sqrt.table.caption': '图中的数字（每个 d_k 采样 {samples} 次，每次 {keys} 个键）',
  'teach.sqrt.col.std': 'q·k 的离散程度（标准差）',
  'teach.sqrt.col.hRaw': '熵，不缩放',
  'teach.sqrt.col.hScaled': '熵，÷√d_k',
  'teach.sqrt.col.mRaw': '最大权重，不缩放',
  'teach.sqrt.col.mScaled': '最大权重，÷√d_k',
  'teach.sqrt.sample.conclusion':
    '不缩放时，q·k 的离散程度按 √d_k 增长，熵降向 0，最大权重升向 1。乘以 1/√d_k 后两条曲线都保持平稳：无论头是 4 维还是 1024 维，softmax 的表现都一样。',
  'teach.sqrt.head.title': '这个头，用你选的缩放系数',
  'teach.sqrt.head.text':
    '这里页面取这个头的原始分数 q·k（来自计算引擎），用任意系数重新计算 softmax：系数小则权重更平（温度高），系数大则更尖锐（温度低）。掩码和 ALiBi 偏置保持不变。',
  'teach.sqrt.factor': '乘在 q·k 上的缩放系数',
  'teach.sqrt.factorValue': '× {factor}（= {times} / √d_k）',
  'teach.sqrt.preset.default': '模型默认：× 1/√{dk}',
  'teach.sqrt.preset.none': '不缩放：× 1',
  'teach.sqrt.head.readout':
    '“{token}”这一行：用此系数时熵为 {now} 奈特（用模型自己的缩放为 {base}）；最大权重 {max}。所有行的平均熵：{mean}。',
  'teach.sqrt.head.bars': '用此系数时“{token}”的权重；细线标记是模型自己的权重',
  'teach.sqrt.head.matrix': '用所选系数重新计算的这个头的全部权重',
  'teach.sqrt.head.note': '只重新计算了这个头：模型后面的层仍是用它自己的缩放算出来的。',

  'teach.masks.title': '掩码一览',
  'teach.masks.intro':
    '掩码规定每个查询能看到哪些键。被掩码的分数在 softmax 之前设为 −∞，因此权重恰好为 0，而每行保留下来的权重之和仍为 1。稀疏掩码还能省下计算：只需计算被关注的那些位置对。',
  'teach.masks.source':
    '计算方式：演示模型（随机权重，使用演示模型设置中的选项）带着所选掩码对这个句子实时运行。引擎返回这个头在掩码前的分数（QKᵀ/√d_k）、掩码后的分数（被屏蔽的位置对设为 −∞）以及 softmax；每一层都使用该掩码，因此更深的层也会改变。每次修改都会重新运行模型。',
  'teach.masks.otherModel':
    '当前选择的模型不是演示模型，因此掩码在演示模型上以同一个句子运行（这里不显示所选模型的数值）。',
  'teach.masks.model.title': '这个模型的掩码',
  'teach.masks.model.intro':
    '{model}在这个句子上实际使用的掩码，每种层一张图（“注意力”标签页的热力图按每层自己的掩码绘制）。填色的格子表示该查询（行）能看到的键（列）；斜线格子被屏蔽。',
  'teach.masks.model.slidingHelp':
    '在滑动窗口层中，查询只能看到自己以及它之前至多 {before} 个词元；全局层能看到它之前的所有词元。',
  'teach.masks.model.covers':
    '这个句子有 {n} 个词元，不超过窗口大小，因此滑动窗口层也能看到之前的所有词元：输入更长的句子才能看到窗口的效果。',
  'teach.masks.model.waiting': '这个句子运行完成后，这里会显示模型的掩码。',
  'teach.masks.model.every': '每一层：{kind}',
  'teach.masks.model.layer': '第 {list} 层（{kind}）',
  'teach.masks.model.layers': '第 {list} 层（{kind}）',
  'teach.masks.model.listSeparator': '、',
  'teach.masks.model.sliding': '滑动窗口，{n} 个词元',
  'teach.masks.model.causal': '因果掩码',
  'teach.masks.model.globalCausal': '全局因果',
  'teach.masks.model.none': '无掩码（每个词元都能看到所有词元）',
  'teach.masks.model.globalNone': '全局，无掩码',
  'teach.masks.model.other': '引擎实际使用的掩码',
  'teach.masks.model.pairs': '允许 {pairs} / {full} 个位置对（{percent}）',
  'teach.masks.model.label': '{title}：{model}的掩码',
  'teach.masks.radius': '窗口半径 r',
  'teach.masks.radiusValue': 'r = {r}：每个查询最多看到 {w} 个相邻位置（宽度 2r + 1）',
  'teach.masks.dilation': '扩张步长（扩张窗口）',
  'teach.masks.random': '每行随机键数（BigBird）',
  'teach.masks.extraPad': '额外的 [PAD] 词元（填充）',
  'teach.masks.extraPadValue': '批次长度 = 较长句子 + {n} 个 [PAD]',
  'teach.masks.gallery': '掩码',
  'teach.masks.cost': '{pairs} / {full} 对（{percent}）',
  'teach.masks.kind.none': '无掩码',
  'teach.masks.kind.causal': '因果掩码',
  'teach.masks.kind.padding': '填充掩码',
  'teach.masks.kind.window': '滑动窗口',
  'teach.masks.kind.dilated': '扩张窗口',
  'teach.masks.kind.global-window': '全局 + 窗口（Longformer）',
  'teach.masks.kind.bigbird': 'BigBird',
  'teach.masks.kind.custom': '自定义',
  'teach.masks.explain.none':
    '每个查询都能看到每个键：N² 对，即注意力的完整开销（BERT 这样的编码器就是如此）。',
  'teach.masks.explain.causal':
    '查询只能看到它自己和它之前的键，看不到“未来”：解码器（GPT、翻译模型的解码器）用它来保证每个词只根据前面的词来预测。约为 N² 的一半。',
  'teach.masks.explain.padding':
    '一个批次里的句子用 [PAD] 词元补齐到相同长度。填充掩码把 [PAD] 键遮住，所以补齐后的句子得到的权重与单独计算时完全相同。',
  'teach.masks.explain.window':
    '每个查询只看距离 r 以内的键：局部上下文，开销约为 N·(2r + 1) 而不是 N²。多层叠加后视野逐层扩大。',
  'teach.masks.explain.dilated':
    '带间隔的滑动窗口：在 r·d 范围内每隔 d 个取一个键。开销与半径为 r 的窗口相同，但看得更远。',
  'teach.masks.explain.global-window':
    'Longformer：滑动窗口，再加上全局词元（这里是第一个词元）——它关注所有词元，也被所有词元关注，信息两步之内就能传遍整句。',
  'teach.masks.explain.bigbird':
    'BigBird：窗口 + 全局词元 + 每行几个随机键（由随机种子决定）。随机连接让任意两个词元之间很可能有短路径，而开销随 N 线性增长。',
  'teach.masks.explain.custom':
    '你自己的掩码：点击一个格子（或用方向键移动后按 Enter 或空格）来允许或遮住这个“查询 → 键”对。一行若全部被遮住，就完全没有权重。',
  'teach.masks.pairs':
    '被关注的位置对：{pairs} / N² = {full}（N = {n}），为完整注意力开销的 {percent}。',
  'teach.masks.custom.help': '点击这个网格的格子来切换；填色的格子表示可见。',
  'teach.masks.custom.all': '全部允许',
  'teach.masks.custom.diagonal': '只留对角线',
  'teach.masks.custom.causal': '从因果掩码开始',
  'teach.masks.custom.label':
    '自定义掩码编辑器：填色格子表示可见，斜线格子表示被掩码；Enter 或空格切换光标所在的格子',
  'teach.masks.before': '掩码前的分数（QKᵀ/√d_k）',
  'teach.masks.after': '掩码后（−∞ 用斜线表示）',
  'teach.masks.softmax': 'softmax 权重',
  'teach.masks.beforeLabel': '{name}：掩码前的分数',
  'teach.masks.afterLabel': '{name}：掩码后的分数，被掩码的格子画斜线',
  'teach.masks.softmaxLabel': '{name}：softmax 权重',
  'teach.masks.attention': '要加掩码的注意力',
  'teach.masks.axes.encoder-self': '编码器自注意力：行（查询）和列（键）都是这个句子的词元。',
  'teach.masks.axes.decoder-self':
    '解码器自注意力：解码器总会加上因果掩码，所以所选掩码会与它合并（查询永远看不到后面的词元）。行和列都是解码器的词元（演示模型把同一个句子同时送入两侧）。',
  'teach.masks.axes.cross':
    '交叉注意力：行是解码器的词元（查询），列是编码器的词元（键），即“解码器行 × 编码器列”的矩阵。演示模型把同一个句子同时送入两侧，所以两边都是这个句子。',
  'teach.masks.pattern': '引擎实际使用的掩码',
  'teach.masks.patternLabel': '{name}：引擎实际使用的掩码，填色格子表示可见，斜线格子表示被掩码',
  'teach.export': '导出{picture}',
  'teach.export.source': '{model} · {kind} · 第 {layer} 层 · 第 {head} 头',
  'teach.export.sentence': '句子：{text}',
  'teach.export.weight': '注意力权重',
  'teach.export.value': '数值',
  'teach.export.score': '分数 QKᵀ/√d_k',
  'teach.export.maskedCells': '被遮蔽（−∞）',
  'teach.export.allowed': '允许',
  'teach.export.masked': '遮蔽',
  'teach.export.bias': '加到分数上的偏置',
  'teach.export.dot': '点积',
  'teach.masks.padding.padKeys':
    '[PAD] 键（{pads} 个）：任何一行给它们的最大权重是 {max}。它们在 softmax 之前就被掩码，所以权重恰好为 0。',
  'teach.masks.padding.realDiff':
    '真实词元的行（{rows} 行）：与不加 [PAD] 单独运行这个句子相比，最大差值为 {diff}：填充对真实词元没有任何影响（只有舍入误差）。',
  'teach.masks.padding.padRows':
    '[PAD] 查询行：填充掩码遮住的是键，不是查询，所以每个 [PAD] 行仍然关注真实词元（它们在该行权重中所占的份额：{min} 到 {max}）。真实批次会计算这些行，然后丢弃。引擎对一个没有任何可见键的行的规则是：它的权重全部为 0。',
  'teach.masks.padding.noPadRows':
    '这个句子是较长的那个，而且没有要求额外的 [PAD]，所以它没有 [PAD] 查询行。',
  'teach.masks.padding.note':
    '两个句子都用 [PAD] 词元补齐到同一长度（较长的句子 + 滑块设定的额外 [PAD]），再带着引擎的填充掩码在演示模型上运行。下面的每个数字都来自引擎，包括 [PAD] 的行和列。',

  'teach.pos.title': '位置编码',
  'teach.pos.intro':
    '注意力本身不管顺序：把词元打乱，每个词元得到的权重不变。位置编码把顺序还给模型：加到嵌入上（正弦、可学习），变成 q 和 k 的旋转（RoPE），或者作为偏置加到分数上（ALiBi）。',
  'teach.pos.positions': '位置数',
  'teach.pos.base': '底数',
  'teach.pos.sin.title': '正弦位置编码（Vaswani 等）',
  'teach.pos.sin.text':
    '每个位置得到一个 d_model 维的向量：一对对的正弦和余弦波，波长从 2π 按几何级数增长到 底数·2π。低维随位置变化很快，高维变化很慢，就像钟表的指针。',
  'teach.pos.sin.label': '正弦编码表：{positions} 个位置（行）× {d} 维（列）',
  'teach.pos.sin.cell': '位置 {pos}，第 {dim} 维：{value}',
  'teach.pos.dim': '第 {dim} 维（{fn}，波长 {wavelength}）',
  'teach.pos.curves.title': '所选维度随位置的变化',
  'teach.pos.dimPick': '维度 {n}',
  'teach.pos.curves.label': '折线图：所选维度的编码值在每个位置上的取值',
  'teach.pos.curves.text':
    '偶数维 2i 是正弦，下一维是同一频率的余弦。两者合起来是一个随位置绕圆转动的点，所以位置的平移就是一次旋转。',
  'teach.pos.axis.position': '位置',
  'teach.pos.axis.value': '取值',
  'teach.pos.axis.dot': 'PE(i) · PE(j)',
  'teach.pos.sim.title': '一个位置与其他所有位置的相似度',
  'teach.pos.sim.text':
    '点积 PE(i)·PE(j) 是各频率上 cos((i − j)·ωₖ) 的总和：它只取决于距离 i − j，在 j = i 处最大，随距离增大而减小。下面的矩阵各条对角线取值不变，也是这个原因。',
  'teach.pos.sim.pick': '位置 i',
  'teach.pos.sim.series': 'PE({i}) · PE(j)',
  'teach.pos.sim.label': '折线图：位置 {i} 的编码与每个位置编码的点积',
  'teach.pos.sim.readout':
    'PE({i})·PE({i}) = {self}（= d_model/2 = {half}）；与下一个位置为 {near}；相距十个位置为 {far}。',
  'teach.pos.sim.matrix': '前 {n} 个位置的点积 PE(i)·PE(j)',
  'teach.pos.rope.title': 'RoPE：旋转位置编码',
  'teach.pos.rope.text':
    'RoPE 不往嵌入上加任何东西。它把 q 和 k 的每一对维度 (2i, 2i+1) 旋转一个角度：位置 × θᵢ，其中 θᵢ = 底数^(−2i/d)。选一对维度和一个位置来观察旋转。',
  'teach.pos.rope.pair': '维度对 i',
  'teach.pos.rope.pairValue': '第 {i} 对：第 {a} 和第 {b} 维，每个位置转 θ = {theta} 弧度',
  'teach.pos.rope.position': '位置 m',
  'teach.pos.rope.circle':
    '这对维度的坐标轴旋转到位置 {m}：角度 {angle} 弧度（{degrees}°）；圆点标出位置 0 到 {m}',
  'teach.pos.rope.readout':
    '在位置 {m}，这对维度转过 m·θ = {m} × {theta} = {angle} 弧度（{degrees}°）。',
  'teach.pos.rope.why':
    '把 q 旋转 m·θ、k 旋转 n·θ 再求点积，等于只旋转一次 (m − n)·θ：分数只看到相对位置 m − n。',
  'teach.pos.rope.demo.title': '分数只取决于 m − n',
  'teach.pos.rope.demo.text':
    '固定一个随机的 q 和 k（8 维，有随机种子），放到每一对位置上：q 在 m，k 在 n。沿每条对角线（m − n 相同），分数都相同。',
  'teach.pos.rope.demo.label': 'q 在位置 m（行）、k 在位置 n（列）时的 RoPE 分数，共 {n} 个位置',
  'teach.pos.rope.demo.score': '分数 rot(q, m)·rot(k, n)',
  'teach.pos.rope.demo.spread': '同一条对角线上两个分数的最大差异：{spread}（只是舍入误差）。',
  'teach.pos.alibi.title': 'ALiBi：每个头一个距离惩罚',
  'teach.pos.alibi.text':
    'ALiBi 同样不加向量：它给每个头的分数加上 −斜率 × |i − j|，距离远的键权重变小。每个头有自己的斜率（几何级数），有的头看得远，有的头只看身边。',
  'teach.pos.alibi.heads': '头数',
  'teach.pos.alibi.head': '头',
  'teach.pos.alibi.slopes': '各头的斜率：{slopes}',
  'teach.pos.alibi.label': '第 {head} 个头的 ALiBi 偏置（斜率 {slope}）：行为查询，列为键',
  'teach.pos.learned.title': '可学习的位置编码',
  'teach.pos.learned.text':
    'BERT 和 GPT-2 干脆在训练中为每个位置学一个向量，就像词嵌入一样，再加到词元嵌入上。这样的表没有公式，只有训练放进去的内容。',
  'teach.pos.learned.shown': '当前模型自己的位置表：前 {rows} 个位置 × {cols} 维。',
  'teach.pos.learned.label': '可学习的位置表：{rows} 个位置（行）× {cols} 维（列）',
  'teach.pos.learned.translator':
    '内置翻译模型没有这张表：它使用“{kind}”位置编码（即上面固定的正弦表），而不是可学习的表。',
  'teach.pos.learned.playground':
    '演示模型使用“{kind}”位置编码，所以没有可学习的位置表。把它切换为可学习的位置编码即可看到它的表（未经训练，是随机的）。',
  'teach.pos.learned.switch': '让演示模型使用可学习的位置编码',
  'teach.pos.learned.random':
    '演示模型的权重是带种子的随机数，所以这张表只是噪声：只有训练才会让它呈现结构（常常是平滑的、波浪状的行）。',

  'teach.same.title': '同一个词，不同的注意力权重',
  'teach.same.question': '在 Transformer 中，同一个词可以有不同的注意力权重吗？',
  'teach.same.intro':
    '第一篇文章的回答是：可以。权重是根据词的上下文算出来的，而不是查表得到的。下面用模型自己的数字来回答，比较同一个词在句子 A 和句子 B 中的情况（默认是两个含“bank”的句子）。',
  'teach.same.word': '要跟踪的词',
  'teach.same.source': '当前模型的第 {layer} 层、第 {head} 个头（可在上方工具栏更改）。',
  'teach.same.notFound':
    '“{word}”不是两个句子共有的词元：请输入别的词，或在每个句子中点选一个词元。',
  'teach.same.pick': '{name}中的焦点词元',
  'teach.same.s1.title': '1. 一个词，两种上下文',
  'teach.same.s1.text':
    '这个词在两个句子中是同一个词元、同一个嵌入向量。不同的是它周围的一切：它的位置和它的邻居。',
  'teach.same.s2.title': '2. 它的查询向量并不相同',
  'teach.same.s2.text':
    'q = x·W_Q，而 x 不只是这个词：在第 1 层，它是嵌入加上位置（在 A 中是第 {a} 个词元，在 B 中是第 {b} 个）；在更深的层，它已经混入了其他词的信息。所以两个查询向量不同。',
  'teach.same.qOf': '句子 {name} 中“{word}”的 q',
  'teach.same.s2.readout':
    '两个查询向量的余弦相似度：{cos}（1 表示方向完全相同）；两者之间的距离：{distance}。',
  'teach.same.s3.title': '3. 它遇到的键也不同',
  'teach.same.s3.text':
    '分数是 q 与本句其他词的键的点积（在示例句子中：一句里有“river”，另一句里有“money”和“deposited”）。即使查询相同，键不同，分数也不同。',
  'teach.same.s4.title': '4. 所以它的权重不同',
  'teach.same.s4.text':
    'softmax 把两行分数变成两种不同的注意力分布，于是这个词从上下文中收集到不同的信息。',
  'teach.same.weightsOf': '句子 {name} 中“{word}”的权重',
  'teach.same.s4.readout':
    '“{word}”在句子 A 中最关注“{topA}”（{wA}），在句子 B 中最关注“{topB}”（{wB}）。',
  'teach.same.s5.title': '5. 每个头都有自己的答案',
  'teach.same.s5.text':
    '每个头有自己的 W_Q、W_K 和 W_V，所以同一个词在每个头里又有另一组权重：在工具栏切换头，看这些行如何变化。',
  'teach.same.s6.title': '6. 结论',
  'teach.same.s6.text':
    '可以：注意力权重属于“处在上下文中的词”，而不属于词本身。这就是“bank”为什么在一句里偏向“river”、在另一句里偏向“money”，也是翻译模型能分别选出“河岸”或“银行”的原因。',

  'teach.same.zhEn.intro':
    '第一篇文章的回答是：可以。权重是根据词的上下文算出来的，而不是查表得到的。在中文 → 英文方向，同一个词在英文一侧：“他坐在河岸上。”和“他把钱存进了银行。”没有共同的中文词（河岸、银行），但两个译文都写出“bank”。下面用模型自己的数字，针对这个写出的词来回答。',
  'teach.same.zhEn.source':
    '中文 → 英文：上方选择的是编码器的注意力，它的行是读入的汉字。两个“bank”句子在这里没有共同的中文词（“河岸”和“银行”没有一个相同的字），所以本页无法在这里跟踪“bank”。英文“bank”是解码器的一行：请选择交叉注意力，跟踪它在汉字上的权重。',
  'teach.same.zhEn.written':
    '中文 → 英文：跟踪的是解码器写出的英文词（它在解码器注意力中的那一行）；在交叉注意力中，它的权重落在本句的汉字上。',
  'teach.same.zhEn.s1.text':
    '“bank”在两个译文中是同一个英文词元、同一个嵌入向量。不同的是它周围的一切：它所翻译的中文句子（一句是“河岸”，另一句是“银行”），以及在它之前写出的英文词。',
  'teach.same.zhEn.s2.text':
    'q = x·W_Q，而 x 是解码器写出这个词那一步的状态（A 中第 {a} 行，B 中第 {b} 行）：它由之前写出的英文词构成，从第二层起还带有交叉注意力已经读到的中文信息。所以两个查询向量不同。',
  'teach.same.zhEn.s3.text':
    '分数是 q 与它能看的键的点积：在交叉注意力中，是本句的汉字（一句里有“河”“岸”，另一句里有“钱”“银”“行”）；在解码器自注意力中，是之前写出的英文词。即使查询相同，键不同，分数也不同。',
  'teach.same.zhEn.s6.text':
    '可以：注意力权重属于“处在上下文中的词”，而不属于词本身。解码器在两个句子里写出同一个“bank”，但它的交叉注意力可以在一句里偏向“河岸”、在另一句里偏向“银行”：同一个英文词，来自两个不同的中文词。',
  'teach.same.heads.zhEn.title': '哪些头让译文保留“bank”？',
  'teach.same.heads.zhEn.intro':
    '中文 → 英文：两个“bank”在输入里本来就是不同的词（河岸、银行），两个译文都写出“bank”。每次关闭一个头，测量译文的对数概率下降了多少：关掉后损失最大的头排在最前。再看译文里是否还写出“bank”。',
  'teach.same.heads.zhEn.word': '译文写出了“{word}”。',
  'teach.same.heads.zhEn.noFlip':
    '没有哪一个头单独关闭就能让译文不再写出“{word}”：它不依赖于某一个头。',
  'teach.same.heads.zhEn.noWord': '这个译文里没有“bank”，所以按整个译文是否改变来判断每个头。',

  'teach.same.heads.title': '哪些头把两个“bank”区分开？',
  'teach.same.heads.intro':
    '每次关闭一个头，测量译文的对数概率下降了多少：关掉后损失最大的头排在最前。再看每个译文里“bank”对应的中文：银行（存钱的银行）还是河岸（河边的岸）。',
  'teach.same.heads.needTranslator':
    '这张卡片需要内置翻译模型（测量的是它的译文）：请在模型菜单中选择它。',
  'teach.same.heads.measure': '测量两个句子',
  'teach.same.heads.cancel': '取消',
  'teach.same.heads.progress': '正在测量句子 {name}：已完成 {done} / {total} 个头…',
  'teach.same.heads.starting': '正在测量句子 {name}…',
  'teach.same.heads.notYet': '尚未测量：请点击“测量两个句子”（每个头运行一次）。',
  'teach.same.heads.error': '句子 {name} 无法测量：{message}',
  'teach.same.heads.sentence': '句子 {name}：{text}',
  'teach.same.heads.baseline': '所有头都打开时：{text}',
  'teach.same.heads.word': '这里“bank”的中文：{word}。',
  'teach.same.heads.noWord':
    '这个译文里既没有“银行”也没有“河岸”，所以按整个译文是否改变来判断每个头。',
  'teach.same.heads.caption': '句子 {name} 最重要的 {count} 个头',
  'teach.same.heads.col.rank': '排名',
  'teach.same.heads.col.head': '头',
  'teach.same.heads.col.drop': '下降（奈特）',
  'teach.same.heads.col.output': '关闭它后的译文',
  'teach.same.heads.col.bank': 'bank',
  'teach.same.heads.headName': '{kind}，第 {layer} 层，第 {head} 个头',
  'teach.same.heads.stays': '{word} 不变',
  'teach.same.heads.changes': '{word} 改变',
  'teach.same.heads.staysGeneric': '“bank”的译法不变',
  'teach.same.heads.changesGeneric': '“bank”的译法改变',
  'teach.same.heads.flipsOne': '{total} 个头中有 1 个在单独关闭时会改变 {word}。',
  'teach.same.heads.flips': '{total} 个头中有 {count} 个在单独关闭时会改变 {word}。',
  'teach.same.heads.noFlip': '没有哪一个头单独关闭就能改变 {word}：这个词义分散在多个头里。',
  'teach.same.heads.noFlipGeneric':
    '没有哪一个头单独关闭就能改变“bank”的译法：这个词义分散在多个头里。',
  'teach.same.heads.together': '同时关闭前 {count} 个头',
  'teach.same.heads.allOn': '全部重新打开',
  'teach.same.heads.now': '现在，整个页面关闭了 {count} 个头：{text}',
  'teach.same.heads.nowRunning': '现在，关闭了 {count} 个头：正在运行…',

  'teach.flash.title': '高效注意力：FlashAttention 的思路',
  'teach.flash.intro':
    '完整的注意力在做 softmax 之前要把整个 N × N 分数矩阵写进内存。FlashAttention 从不这样做：它分块读取 K 和 V，每个查询行只保留一个运行最大值 m、一个运行和 l 和一个运行输出，遇到更大的分数时对它们重新缩放。结果与原来的 softmax 完全相同。',
  'teach.flash.tile': '分块大小（每块的键数）',
  'teach.flash.tileValue': '每块 {size} 个键：共 {tiles} 块',
  'teach.flash.tiles': '该查询的分数，逐块计算',
  'teach.flash.step': '处理到第几块',
  'teach.flash.stepValue': '第 {step} 块，共 {tiles} 块',
  'teach.flash.rowLabel': '查询“{token}”的分数按块划分；已处理第 1 到第 {step} 块，共 {tiles} 块',
  'teach.flash.table.caption': '查询“{token}”，一块一块地计算',
  'teach.flash.col.tile': '块',
  'teach.flash.col.keys': '键',
  'teach.flash.col.tileMax': '块内最大值',
  'teach.flash.col.m': '运行最大值 m',
  'teach.flash.col.rescale': '重新缩放 e^(m_旧 − m_新)',
  'teach.flash.col.l': '运行和 l',
  'teach.flash.update':
    '对每一块：m_新 = max(m, 块内最大值)；原来的和与输出都乘以 e^(m − m_新)；然后这一块把 e^(s − m_新) 加到 l 上，把 e^(s − m_新)·v 加到输出上。最后输出除以 l。',
  'teach.flash.estimate': '第 {step} 块之后的输出估计（运行输出 / l）',
  'teach.flash.estimateLabel': '第 {step} 块之后“{token}”的输出估计',
  'teach.flash.result': '结果相同，内存更少',
  'teach.flash.diff':
    '与一次性计算的完整 softmax 的最大差异：权重 {weights}，输出 {output}。与计算引擎自己的输出相比：{engine}。',
  'teach.flash.growthCaption': '随 N 增长的分数内存（分块大小 {size}），单位：数值个数',
  'teach.flash.growthFull': '完整的 N × N 矩阵',
  'teach.flash.growthTiled': '分块（一个块 + 每个查询的最大值和和）',
  'teach.flash.memory':
    '分数所需的内存：完整矩阵要存 N × M = {n} × {m} = {full} 个数；一块只需 {size} × {size} = {tile} 个，再加上每个查询一个运行最大值和一个运行和（{stats} 个数）。',
  'teach.flash.why':
    '在 GPU 上，这些块能放进高速的片上内存，于是对 N × N 矩阵的慢速读写消失了：注意力更快，内存随 N 线性而不是平方增长。计算本身不变，变的只是计算顺序。',
};
