/**
 * English strings of the teaching views (step by step, √d_k, masks, positional encodings, same word,
 * efficient attention). Not part of the first page: they load with the teaching views, which
 * register them (src/views/teach/messages.ts). The tab labels are in teachTabs.en.ts.
 * Placeholders are written `{name}`.
 */
export const teachEn = {
  'teach.status.loading': 'Computing this head’s intermediates…',
  'teach.status.error': 'The engine could not compute this head: {message}',
  'teach.status.empty': 'This sentence is empty: type one in the Attention tab to see its numbers.',
  'teach.status.noHead':
    'This model has no such layer or head for this attention kind: pick another in the toolbar.',
  'teach.formula.label': 'The attention formula',
  'teach.source.sentence': 'Sentence',
  'teach.source.line':
    'Real numbers of the {model}: {kind}, layer {layer}, head {head} (change them in the toolbar above)',
  'teach.model.translator': 'built-in translator',
  'teach.model.playground': 'playground model',
  'teach.seed': 'Seed',

  'teach.steps.title': 'Attention, step by step',
  'teach.steps.intro':
    'Pick a query token and follow how it attends to every token: its query vector q, each key vector k, the dot products, the division by √d_k, the mask, the softmax and the weighted sum of the value vectors. Every number below comes from the model that is loaded.',
  'teach.steps.mode': 'Numbers from',
  'teach.steps.mode.model': 'The loaded model',
  'teach.steps.mode.hand': 'By hand (small worked examples)',
  'teach.steps.pickQuery': 'Query token',
  'teach.steps.ropeNote':
    'This model uses RoPE: q and k below are already rotated by their positions, so their dot product carries the relative position.',
  'teach.steps.allDims': 'Show all {dh} dimensions (otherwise the first 8)',
  'teach.steps.q.title': '1. The query vector q',
  'teach.steps.q.text':
    'The token “{token}” asks its question with a query vector q = x·W_Q of this head: {dh} numbers (d_k = {dh}). The other tokens answer with key vectors k = x·W_K.',
  'teach.steps.q.label': 'q of “{token}”',
  'teach.steps.scores.title': '2. Scores: q·k, scaled, masked, softmax',
  'teach.steps.scores.text':
    'The dot product q·k is large when the query and a key point the same way. It is multiplied by 1/√d_k = 1/√{dh} = {scale}, so that its spread does not grow with the head size (see “Why √d_k”).',
  'teach.steps.biasNote':
    'This model uses ALiBi: a bias −slope·|i − j| is added to every scaled score, so distant keys lose a little.',
  'teach.steps.maskNote':
    '{n} keys are masked for this query: their score becomes −∞, so e^−∞ = 0 and they get exactly no weight.',
  'teach.steps.table.caption': 'Scores of the query “{token}” against every key',
  'teach.steps.col.key': 'Key token',
  'teach.steps.col.k': 'k (key vector)',
  'teach.steps.col.bias': '+ ALiBi bias',
  'teach.steps.col.mask': 'Mask',
  'teach.steps.col.weight': 'Weight (softmax)',
  'teach.steps.k.label': 'k of “{token}”',
  'teach.steps.masked': 'masked',
  'teach.steps.allowed': 'allowed',
  'teach.steps.sum': 'Sum of the weights',
  'teach.steps.softmax.text':
    'Softmax turns the scores into weights: wⱼ = e^sⱼ / Σ e^s. Every weight is positive, they sum to 1, and a larger score always gets a larger weight.',
  'teach.steps.sum.title': '3. The weighted sum of the value vectors',
  'teach.steps.sum.text':
    'Each token also carries a value vector v = x·W_V: what it hands over. The output of “{token}” is the sum of all value vectors, each multiplied by its weight.',
  'teach.steps.vtable.caption': 'Value vectors and their weighted contributions',
  'teach.steps.col.v': 'v (value vector)',
  'teach.steps.col.wv': 'weight × v',
  'teach.steps.v.label': 'v of “{token}”',
  'teach.steps.wv.label': 'weight × v of “{token}”',
  'teach.steps.output.title': 'Output of “{token}” = Σ weight × v',
  'teach.steps.output.label': 'Attention output of “{token}”',
  'teach.steps.check':
    'Recomputed here in double precision from q, K and V and compared with the engine’s own numbers: largest difference — scores {scores}, weights {weights}, output {output}.',
  'teach.steps.output.next':
    'The outputs of all heads are joined side by side and multiplied by W_O; that is what the next layer reads.',
  'teach.steps.all.title': '4. Every query at once',
  'teach.steps.all.text':
    'Doing the same for every query gives the whole weight matrix softmax(QKᵀ/√d_k + M): one row per query, each row summing to 1. The row you followed is outlined.',
  'teach.steps.all.label':
    'Attention weights of this head, one row per query; the chosen query outlined',

  'teach.hand.cat.title': '“The cat sat on the mat”, with 4-dimensional vectors',
  'teach.hand.cat.intro':
    'The tutorial’s example: each token has a 4-dimensional vector and, to keep it simple, Q, K and V are the same matrix. Change any number and every step below is recomputed. d_k = 4, so the scores are divided by √4 = 2.',
  'teach.hand.cat.tied': 'Use one matrix for Q, K and V (as in the tutorial)',
  'teach.hand.reset': 'Reset the example',
  'teach.hand.cell': '{matrix}, row “{token}”, dimension {dim}',
  'teach.hand.cat.caption': 'The query “{token}”: every intermediate, key by key',
  'teach.hand.step': 'Step',
  'teach.hand.cat.output': 'Output of “{token}” (the weights times the rows of V, added up):',
  'teach.hand.cat.outputLabel': 'Output vector',
  'teach.hand.cat.denominator':
    'Σ e^s = {sum}; each softmax weight is its e^s divided by this sum, so the row adds up to 1.',
  'teach.hand.cat.matrix': 'All softmax weights (each row sums to 1)',
  'teach.hand.queryKey': 'Query ↓ · key →',
  'teach.hand.dict.title': 'A soft dictionary lookup: apple, banana, chair',
  'teach.hand.dict.intro':
    'The second article’s picture: the query “fruit” looks up a dictionary whose keys are apple, banana and chair, with values 10, 5 and 2. Instead of picking one key, attention takes every value with a weight: 0.6 for apple, 0.4 for banana, 0 for chair. Edit the values and weights.',
  'teach.hand.dict.key': 'Key',
  'teach.hand.dict.value': 'Value',
  'teach.hand.dict.weight': 'Weight',
  'teach.hand.dict.score': 'Score that gives this weight (ln w)',
  'teach.hand.dict.product': 'Weight × value',
  'teach.hand.dict.valueOf': 'Value of {key}',
  'teach.hand.dict.weightOf': 'Weight of {key}',
  'teach.hand.dict.result': 'Result of the lookup',
  'teach.hand.dict.notOne':
    'These weights add up to {sum}, not 1. Softmax weights always add up to 1, so attention never produces them as they are.',
  'teach.hand.dict.softmax':
    'Softmax of the scores in the fourth column gives back the weights {weights}: a weight of exactly 0 needs a score of −∞, which is what a mask does.',

  'teach.sqrt.title': 'Why divide by √d_k?',
  'teach.sqrt.intro':
    'If the entries of q and k are random with variance 1, their dot product q·k is a sum of d_k terms: its variance is d_k and its spread √d_k. With large heads the scores become huge, softmax gives almost everything to the largest one (nearly one-hot), and its gradients vanish. Dividing by √d_k brings the spread back to 1, whatever the head size.',
  'teach.sqrt.sample.title': 'Random queries and keys, sampled in your browser',
  'teach.sqrt.sample.text':
    'For each d_k the page draws a query and N keys with standard normal entries (seeded, so the same seed gives the same curves), and averages the entropy and the largest weight of the softmax, with and without the division by √d_k.',
  'teach.sqrt.keys': 'Keys per query (N)',
  'teach.sqrt.samples': 'Samples per d_k',
  'teach.sqrt.maxDk': 'Largest d_k',
  'teach.sqrt.series.raw': 'softmax(q·k): no scaling',
  'teach.sqrt.series.scaled': 'softmax(q·k / √d_k)',
  'teach.sqrt.entropy.title': 'Mean entropy of the weights (higher: more spread out)',
  'teach.sqrt.entropy.label':
    'Line plot: mean softmax entropy against d_k on a log axis, without and with scaling by 1/√d_k',
  'teach.sqrt.axis.dk': 'd_k (log scale)',
  'teach.sqrt.axis.entropy': 'entropy (nats)',
  'teach.sqrt.uniform': 'uniform: ln {n}',
  'teach.sqrt.max.title': 'Mean largest weight (1: all attention on one key)',
  'teach.sqrt.max.label':
    'Line plot: mean largest softmax weight against d_k on a log axis, without and with scaling by 1/√d_k',
  'teach.sqrt.axis.max': 'largest weight',
  'teach.sqrt.uniformMax': 'uniform: 1/{n}',
  'teach.sqrt.table.caption': 'The plotted numbers ({samples} samples of {keys} keys per d_k)',
  'teach.sqrt.col.std': 'spread of q·k (std)',
  'teach.sqrt.col.hRaw': 'entropy, unscaled',
  'teach.sqrt.col.hScaled': 'entropy, ÷√d_k',
  'teach.sqrt.col.mRaw': 'largest weight, unscaled',
  'teach.sqrt.col.mScaled': 'largest weight, ÷√d_k',
  'teach.sqrt.sample.conclusion':
    'Without scaling, the spread of q·k grows like √d_k, the entropy falls towards 0 and the largest weight climbs towards 1. With 1/√d_k both curves stay flat: the softmax behaves the same for a head of 4 or of 1024 dimensions.',
  'teach.sqrt.head.title': 'This head, with a scale of your choice',
  'teach.sqrt.head.text':
    'Here the page takes this head’s raw scores q·k (from the engine) and recomputes the softmax with any factor: a small factor flattens the weights (high temperature), a large one sharpens them (low temperature). The mask and any ALiBi bias are kept.',
  'teach.sqrt.factor': 'Scale factor applied to q·k',
  'teach.sqrt.factorValue': '× {factor} (= {times} / √d_k)',
  'teach.sqrt.preset.default': 'Model default: × 1/√{dk}',
  'teach.sqrt.preset.none': 'No scaling: × 1',
  'teach.sqrt.head.readout':
    'Row “{token}”: entropy {now} nats with this factor ({base} with the model’s own scale); largest weight {max}. Mean entropy over all rows: {mean}.',
  'teach.sqrt.head.bars':
    'Weights of “{token}” with this factor; the thin mark is the model’s own weight',
  'teach.sqrt.head.matrix': 'All weights of this head recomputed with the chosen factor',
  'teach.sqrt.head.note':
    'Only this head is recomputed: the model’s later layers were computed with its own scale.',

  'teach.masks.title': 'Masks gallery',
  'teach.masks.intro':
    'A mask says which keys each query may see. Masked scores are set to −∞ before the softmax, so they get a weight of exactly 0, and the kept weights of each row still sum to 1. Sparse masks also save work: only the attended pairs need computing.',
  'teach.masks.source':
    'How this is computed: the playground model is run live with the chosen mask on this sentence (its random weights, the options of the playground settings). The engine returns this head’s scores before masking (QKᵀ/√d_k), after masking (masked pairs set to −∞) and the softmax; every layer uses the mask, so deeper layers change too. Each edit runs the model again.',
  'teach.masks.otherModel':
    'The selected model is not the playground, so the masks run on the playground model with the same sentence (the selected model’s numbers are not shown here).',
  'teach.masks.model.title': 'This model’s masks',
  'teach.masks.model.intro':
    'The masks {model} really used on this sentence, one picture for each kind of layer (the heatmaps of the Attention tab draw each layer’s own). A filled cell is a key (column) its query (row) may see; hatched cells are masked.',
  'teach.masks.model.slidingHelp':
    'On a sliding-window layer a query sees itself and at most the {before} tokens before it; a global layer sees every token before it.',
  'teach.masks.model.covers':
    'This sentence has {n} tokens, no more than the window, so its sliding layers see every earlier token too: type a longer sentence to see the window.',
  'teach.masks.model.waiting': 'The model’s masks appear once this sentence’s run is done.',
  'teach.masks.model.every': 'Every layer: {kind}',
  'teach.masks.model.layer': 'Layer {list} ({kind})',
  'teach.masks.model.layers': 'Layers {list} ({kind})',
  'teach.masks.model.listSeparator': ', ',
  'teach.masks.model.sliding': 'sliding window of {n} tokens',
  'teach.masks.model.causal': 'causal',
  'teach.masks.model.globalCausal': 'global causal',
  'teach.masks.model.none': 'no mask (every token sees every token)',
  'teach.masks.model.globalNone': 'global, no mask',
  'teach.masks.model.other': 'the mask the engine used',
  'teach.masks.model.pairs': '{pairs} of {full} pairs allowed ({percent})',
  'teach.masks.model.label': '{title}: the mask of {model}',
  'teach.masks.radius': 'Window radius r',
  'teach.masks.radiusValue':
    'r = {r}: each query sees up to {w} neighbouring positions (width 2r + 1)',
  'teach.masks.dilation': 'Dilation (dilated window)',
  'teach.masks.random': 'Random keys per row (BigBird)',
  'teach.masks.extraPad': 'Extra [PAD] tokens (padding)',
  'teach.masks.extraPadValue': 'the batch is the longer sentence + {n} [PAD]',
  'teach.masks.gallery': 'Mask',
  'teach.masks.cost': '{pairs} / {full} pairs ({percent})',
  'teach.masks.kind.none': 'No mask',
  'teach.masks.kind.causal': 'Causal',
  'teach.masks.kind.padding': 'Padding',
  'teach.masks.kind.window': 'Sliding window',
  'teach.masks.kind.dilated': 'Dilated window',
  'teach.masks.kind.global-window': 'Global + window (Longformer)',
  'teach.masks.kind.bigbird': 'BigBird',
  'teach.masks.kind.custom': 'Custom',
  'teach.masks.explain.none':
    'Every query sees every key: N² pairs, the full cost of attention (what an encoder like BERT does).',
  'teach.masks.explain.causal':
    'A query sees only itself and the keys before it, never the future: what a decoder (GPT, the translator’s decoder) uses so that a word is predicted from the words before it. About half of N².',
  'teach.masks.explain.padding':
    'Sentences of a batch are padded with [PAD] tokens to the same length. The padding mask hides the [PAD] keys, so a padded sentence gets exactly the same weights as alone.',
  'teach.masks.explain.window':
    'Each query sees only the keys within r positions: local context, with a cost of about N·(2r + 1) instead of N². Stacked layers widen the view step by step.',
  'teach.masks.explain.dilated':
    'A sliding window with gaps: every d-th key within r·d positions. The same cost as a window of radius r, but it reaches further.',
  'teach.masks.explain.global-window':
    'Longformer: a sliding window, plus global tokens (here the first token) that attend to everything and are attended by everything, so information can travel across the whole sentence in two steps.',
  'teach.masks.explain.bigbird':
    'BigBird: window + global tokens + a few random keys per row (drawn from the seed). The random links make short paths between any two tokens likely, at a cost that grows linearly with N.',
  'teach.masks.explain.custom':
    'Your own mask: click a cell (or move with the arrow keys and press Enter or Space) to allow or mask that query → key pair. A row with nothing allowed gets no weights at all.',
  'teach.masks.pairs':
    'Attended pairs: {pairs} of N² = {full} (N = {n}): {percent} of the cost of full attention.',
  'teach.masks.custom.help': 'Click cells of this grid to toggle them; filled cells are allowed.',
  'teach.masks.custom.all': 'Allow everything',
  'teach.masks.custom.diagonal': 'Only the diagonal',
  'teach.masks.custom.causal': 'Start from causal',
  'teach.masks.custom.label':
    'Custom mask editor: filled cells are allowed, hatched ones masked; Enter or Space toggles the cell at the cursor',
  'teach.masks.before': 'Scores before masking (QKᵀ/√d_k)',
  'teach.masks.after': 'After masking (−∞ is hatched)',
  'teach.masks.softmax': 'Softmax weights',
  'teach.masks.beforeLabel': '{name}: scores before masking',
  'teach.masks.afterLabel': '{name}: scores after masking, masked cells hatched',
  'teach.masks.softmaxLabel': '{name}: softmax weights',
  'teach.masks.attention': 'Attention to mask',
  'teach.masks.axes.encoder-self':
    'Encoder self-attention: rows (queries) and columns (keys) are the tokens of the sentence.',
  'teach.masks.axes.decoder-self':
    'Decoder self-attention: the decoder always adds the causal mask, so the chosen mask is combined with it (a query never sees a later token). Rows and columns are the decoder’s tokens (the playground feeds the same sentence to both sides).',
  'teach.masks.axes.cross':
    'Cross-attention: rows are the decoder’s tokens (queries), columns the encoder’s (keys), a decoder rows × encoder columns matrix. The playground feeds the same sentence to both sides, so both are this sentence.',
  'teach.masks.pattern': 'Mask the engine used',
  'teach.masks.patternLabel':
    '{name}: mask the engine used, allowed cells filled, masked cells hatched',
  'teach.export': 'Export {picture}',
  'teach.export.source': '{model} · {kind} · layer {layer} · head {head}',
  'teach.export.sentence': 'Sentence: {text}',
  'teach.export.weight': 'Attention weight',
  'teach.export.value': 'Value',
  'teach.export.score': 'Score QKᵀ/√d_k',
  'teach.export.maskedCells': 'Masked (−∞)',
  'teach.export.allowed': 'Allowed',
  'teach.export.masked': 'Masked',
  'teach.export.bias': 'Bias added to the score',
  'teach.export.dot': 'Dot product',
  'teach.masks.padding.padKeys':
    '[PAD] keys ({pads}): the largest weight any row gives them is {max}. Masked before the softmax, they get exactly 0.',
  'teach.masks.padding.realDiff':
    'Real rows ({rows}): the largest difference from the sentence run alone, without [PAD], is {diff}: the padding changes nothing for the real tokens (only rounding).',
  'teach.masks.padding.padRows':
    '[PAD] query rows: the padding mask hides keys, not queries, so each [PAD] row still attends to the real tokens (their share of its weight: {min} to {max}). A real batch computes these rows and ignores them. The engine’s rule for a row left with no key at all: all its weights are 0.',
  'teach.masks.padding.noPadRows':
    'This sentence is the longer one and no extra [PAD] was asked for, so it has no [PAD] query rows.',
  'teach.masks.padding.note':
    'Both sentences are padded with [PAD] tokens to one length (the longer sentence + the extra [PAD] of the slider) and run through the playground model with the engine’s padding mask. Every number below is the engine’s, [PAD] rows and columns included.',

  'teach.pos.title': 'Positional encodings',
  'teach.pos.intro':
    'Attention itself ignores order: shuffle the tokens and each one gets the same weights. Positional encodings give the model the order back: added to the embeddings (sinusoidal, learned), turned into rotations of q and k (RoPE), or added to the scores as a bias (ALiBi).',
  'teach.pos.positions': 'Positions',
  'teach.pos.base': 'Base',
  'teach.pos.sin.title': 'Sinusoidal encoding (Vaswani et al.)',
  'teach.pos.sin.text':
    'Each position gets a vector of d_model numbers: pairs of sine and cosine waves whose wavelengths grow geometrically from 2π to base·2π. Low dimensions change fast from one position to the next, high dimensions slowly, like the hands of a clock.',
  'teach.pos.sin.label':
    'Sinusoidal table: {positions} positions (rows) × {d} dimensions (columns)',
  'teach.pos.sin.cell': 'position {pos}, dimension {dim}: {value}',
  'teach.pos.dim': 'dimension {dim} ({fn}, wavelength {wavelength})',
  'teach.pos.curves.title': 'Chosen dimensions over the positions',
  'teach.pos.dimPick': 'Dimension {n}',
  'teach.pos.curves.label':
    'Line plot: value of the chosen dimensions of the encoding at every position',
  'teach.pos.curves.text':
    'An even dimension 2i is a sine, the next one the cosine of the same frequency. Together the pair is a point going round a circle as the position grows, which is why a shift in position is a rotation.',
  'teach.pos.axis.position': 'position',
  'teach.pos.axis.value': 'value',
  'teach.pos.axis.dot': 'PE(i) · PE(j)',
  'teach.pos.sim.title': 'Similarity of one position with all others',
  'teach.pos.sim.text':
    'The dot product PE(i)·PE(j) adds up cos((i − j)·ωₖ) over the frequencies: it depends only on the distance i − j, is largest at j = i, and falls off with distance. The matrix below has constant diagonals for the same reason.',
  'teach.pos.sim.pick': 'Position i',
  'teach.pos.sim.series': 'PE({i}) · PE(j)',
  'teach.pos.sim.label':
    'Line plot: dot product of the encoding of position {i} with the encoding of every position',
  'teach.pos.sim.readout':
    'PE({i})·PE({i}) = {self} (= d_model/2 = {half}); with the next position {near}; ten positions away {far}.',
  'teach.pos.sim.matrix': 'Dot products PE(i)·PE(j) of the first {n} positions',
  'teach.pos.rope.title': 'RoPE: rotary position embedding',
  'teach.pos.rope.text':
    'RoPE does not add anything to the embeddings. It rotates each pair of dimensions (2i, 2i+1) of q and k by the angle position × θᵢ, with θᵢ = base^(−2i/d). Pick a pair and a position to watch the rotation.',
  'teach.pos.rope.pair': 'Pair i',
  'teach.pos.rope.pairValue': 'pair {i}: dimensions {a} and {b}, θ = {theta} rad per position',
  'teach.pos.rope.position': 'Position m',
  'teach.pos.rope.circle':
    'The pair’s axis rotated to position {m}: angle {angle} rad ({degrees}°); dots mark positions 0 to {m}',
  'teach.pos.rope.readout':
    'At position {m} the pair is turned by m·θ = {m} × {theta} = {angle} rad ({degrees}°).',
  'teach.pos.rope.why':
    'Rotating q by m·θ and k by n·θ and taking their dot product is the same as rotating by (m − n)·θ once: the score sees only the relative position m − n.',
  'teach.pos.rope.demo.title': 'The score depends only on m − n',
  'teach.pos.rope.demo.text':
    'A fixed random q and k (8 dimensions, seeded) placed at every pair of positions: q at m, k at n. Along each diagonal (same m − n) the score is the same.',
  'teach.pos.rope.demo.label':
    'RoPE scores of q at position m (rows) and k at position n (columns), {n} positions',
  'teach.pos.rope.demo.score': 'score rot(q, m)·rot(k, n)',
  'teach.pos.rope.demo.spread':
    'Largest difference between two scores on the same diagonal: {spread} (rounding only).',
  'teach.pos.alibi.title': 'ALiBi: a distance penalty per head',
  'teach.pos.alibi.text':
    'ALiBi adds no vectors either: it adds −slope × |i − j| to the scores of each head, so far-away keys lose weight. Each head has its own slope (a geometric series), from heads that look far to heads that stay very local.',
  'teach.pos.alibi.heads': 'Heads',
  'teach.pos.alibi.head': 'Head',
  'teach.pos.alibi.slopes': 'Slopes of the heads: {slopes}',
  'teach.pos.alibi.label': 'ALiBi bias of head {head} (slope {slope}): query rows, key columns',
  'teach.pos.learned.title': 'Learned positions',
  'teach.pos.learned.text':
    'BERT and GPT-2 simply learn one vector per position during training, like a word embedding, and add it to the token embedding. Such a table has no formula: only what training put there.',
  'teach.pos.learned.shown':
    'The loaded model’s own table: first {rows} positions × {cols} dimensions.',
  'teach.pos.learned.label':
    'Learned position table: {rows} positions (rows) × {cols} dimensions (columns)',
  'teach.pos.learned.translator':
    'Not available for the built-in translator: it uses “{kind}” positions (the fixed sinusoidal table above), not a learned table.',
  'teach.pos.learned.playground':
    'The playground model uses “{kind}” positions, so it has no learned table. Switch it to learned positions to see its table (random until trained).',
  'teach.pos.learned.switch': 'Use learned positions in the playground',
  'teach.pos.learned.random':
    'The playground’s weights are seeded random numbers, so this table is noise: training is what would give it structure (often smooth, wave-like rows).',

  'teach.same.title': 'Same word, different weights',
  'teach.same.question': 'Can the same word get different attention weights in a Transformer?',
  'teach.same.intro':
    'The first article answers yes: the weights are computed from the word’s context, not looked up. Here is the answer with the model’s own numbers, for the same word in sentence A and sentence B (by default the two “bank” sentences).',
  'teach.same.word': 'Word to follow',
  'teach.same.source':
    'Layer {layer}, head {head} of the loaded model (change them in the toolbar above).',
  'teach.same.notFound':
    '“{word}” is not a token of both sentences: type another word, or click a token in each sentence.',
  'teach.same.pick': 'Focus token in {name}',
  'teach.same.s1.title': '1. One word, two contexts',
  'teach.same.s1.text':
    'The word has the same token and the same embedding vector in both sentences. What differs is everything around it: its position and its neighbours.',
  'teach.same.s2.title': '2. Its query vector is not the same',
  'teach.same.s2.text':
    'q = x·W_Q, and x is not only the word: in layer 1 it is the embedding plus the position (token {a} in A, token {b} in B); in deeper layers it has already mixed in the other words. So the two query vectors differ.',
  'teach.same.qOf': 'q of “{word}” in sentence {name}',
  'teach.same.s2.readout':
    'Cosine similarity of the two query vectors: {cos} (1 would mean the same direction); distance between them: {distance}.',
  'teach.same.s3.title': '3. The keys it meets are different',
  'teach.same.s3.text':
    'The scores are q·k with the keys of the other words of its own sentence (in the example sentences: “river” in one, “money” and “deposited” in the other). Different keys give different scores even for the same query.',
  'teach.same.s4.title': '4. So its weights are different',
  'teach.same.s4.text':
    'Softmax turns the two rows of scores into two different distributions of attention, so the word collects different information from its context.',
  'teach.same.weightsOf': 'Weights of “{word}” in sentence {name}',
  'teach.same.s4.readout':
    '“{word}” attends most to “{topA}” ({wA}) in sentence A and to “{topB}” ({wB}) in sentence B.',
  'teach.same.s5.title': '5. Every head gives its own answer',
  'teach.same.s5.text':
    'Each head has its own W_Q, W_K and W_V, so the same word gets another set of weights in every head: change the head in the toolbar and watch the rows change.',
  'teach.same.s6.title': '6. Conclusion',
  'teach.same.s6.text':
    'Yes: attention weights belong to a word in its context, not to the word. That is how “bank” can lean towards “river” in one sentence and towards “money” in the other, and how a translator can pick 河岸 or 银行.',

  'teach.same.zhEn.intro':
    'The first article answers yes: the weights are computed from the word’s context, not looked up. With Chinese → English the same word is on the English side: 他坐在河岸上。 and 他把钱存进了银行。 have no Chinese word in common (河岸, 银行), yet both translations write “bank”. Here is the answer with the model’s own numbers for that written word.',
  'teach.same.zhEn.source':
    'Chinese → English: the attention chosen above is the encoder’s, whose rows are the Chinese characters read. The two “bank” sentences share no Chinese word (河岸 and 银行 have no character in common), so this tab cannot follow “bank” there. The English “bank” is a row of the decoder: choose cross-attention to follow it over the Chinese characters.',
  'teach.same.zhEn.written':
    'Chinese → English: the word followed is an English word the decoder writes (its row of the decoder’s attention); with cross-attention its weights are over the Chinese characters of its own sentence.',
  'teach.same.zhEn.s1.text':
    '“bank” is the same English token in both translations, with the same embedding vector. What differs is everything around it: the Chinese sentence it translates (河岸 in one, 银行 in the other) and the English words written before it.',
  'teach.same.zhEn.s2.text':
    'q = x·W_Q, and x is the decoder’s state at the step that writes the word (row {a} in A, row {b} in B): it is built from the English words written before it and, after the first layer, from the Chinese that cross-attention has read. So the two query vectors differ.',
  'teach.same.zhEn.s3.text':
    'The scores are q·k with the keys it can look at: in cross-attention, the Chinese characters of its own sentence (河 and 岸 in one, 钱, 银 and 行 in the other); in decoder self-attention, the English words written before it. Different keys give different scores even for the same query.',
  'teach.same.zhEn.s6.text':
    'Yes: attention weights belong to a word in its context, not to the word. The decoder writes the same “bank” in both sentences, yet its cross-attention can lean towards 河岸 in one and towards 银行 in the other: one English word, reached from two different Chinese words.',
  'teach.same.heads.zhEn.title': 'Which heads keep “bank” in the translation?',
  'teach.same.heads.zhEn.intro':
    'Chinese → English: the two banks are already different words in the input (河岸, 银行), and both translations write “bank”. Switch one head off at a time and measure how much the log-probability of the translation drops: the heads whose loss hurts most come first. Then see whether “bank” is still written.',
  'teach.same.heads.zhEn.word': 'The translation writes “{word}”.',
  'teach.same.heads.zhEn.noFlip':
    'No single head, switched off on its own, stops the translation writing “{word}”: it does not hang on one head.',
  'teach.same.heads.zhEn.noWord':
    '“bank” does not appear in this translation, so each head is judged by whether the whole translation changes.',

  'teach.same.heads.title': 'Which heads tell the two banks apart?',
  'teach.same.heads.intro':
    'Switch one head off at a time and measure how much the log-probability of the translation drops: the heads whose loss hurts most come first. Then look at the Chinese for “bank” in each translation: 银行 (the money bank) or 河岸 (the river bank).',
  'teach.same.heads.needTranslator':
    'This card needs the built-in translator (its translation is what is measured): choose it in the model menu.',
  'teach.same.heads.measure': 'Measure both sentences',
  'teach.same.heads.cancel': 'Cancel',
  'teach.same.heads.progress': 'Measuring sentence {name}: {done} of {total} heads…',
  'teach.same.heads.starting': 'Measuring sentence {name}…',
  'teach.same.heads.notYet': 'Not measured yet: press “Measure both sentences” (one run per head).',
  'teach.same.heads.error': 'Sentence {name} could not be measured: {message}',
  'teach.same.heads.sentence': 'Sentence {name}: {text}',
  'teach.same.heads.baseline': 'With every head on: {text}',
  'teach.same.heads.word': 'The word for “bank” here: {word}.',
  'teach.same.heads.noWord':
    'Neither 银行 nor 河岸 appears in this translation, so each head is judged by whether the whole translation changes.',
  'teach.same.heads.caption': 'Top {count} heads of sentence {name}',
  'teach.same.heads.col.rank': 'Rank',
  'teach.same.heads.col.head': 'Head',
  'teach.same.heads.col.drop': 'Drop (nats)',
  'teach.same.heads.col.output': 'Translation with it off',
  'teach.same.heads.col.bank': 'Bank',
  'teach.same.heads.headName': '{kind}, layer {layer}, head {head}',
  'teach.same.heads.stays': '{word} stays',
  'teach.same.heads.changes': '{word} changes',
  'teach.same.heads.staysGeneric': 'the word for bank stays',
  'teach.same.heads.changesGeneric': 'the word for bank changes',
  'teach.same.heads.flipsOne':
    '1 of the {total} heads changes {word} when switched off on its own.',
  'teach.same.heads.flips':
    '{count} of the {total} heads change {word} when switched off on their own.',
  'teach.same.heads.noFlip':
    'No single head changes {word}: the sense is spread over several heads.',
  'teach.same.heads.noFlipGeneric':
    'No single head changes the word for bank: the sense is spread over several heads.',
  'teach.same.heads.together': 'Switch the top {count} off together',
  'teach.same.heads.allOn': 'Switch all back on',
  'teach.same.heads.now': 'Now, with {count} heads switched off in the whole page: {text}',
  'teach.same.heads.nowRunning': 'Now, with {count} heads switched off: running…',

  'teach.flash.title': 'Efficient attention: the idea of FlashAttention',
  'teach.flash.intro':
    'Full attention writes the whole N × N score matrix to memory before the softmax. FlashAttention never does: it reads K and V in tiles, and for each query row keeps only a running max m, a running sum l and a running output, rescaling them when a new tile brings a larger score. The result is exactly the same softmax.',
  'teach.flash.tile': 'Tile size (keys per tile)',
  'teach.flash.tileValue': '{size} keys per tile: {tiles} tiles',
  'teach.flash.tiles': 'Scores of the query, tile by tile',
  'teach.flash.step': 'After tile',
  'teach.flash.stepValue': 'tile {step} of {tiles}',
  'teach.flash.rowLabel':
    'Scores of the query “{token}” split into tiles; tiles 1 to {step} of {tiles} processed',
  'teach.flash.table.caption': 'The query “{token}”, tile by tile',
  'teach.flash.col.tile': 'Tile',
  'teach.flash.col.keys': 'Keys',
  'teach.flash.col.tileMax': 'Max in the tile',
  'teach.flash.col.m': 'Running max m',
  'teach.flash.col.rescale': 'Rescale e^(m_old − m_new)',
  'teach.flash.col.l': 'Running sum l',
  'teach.flash.update':
    'For each tile: m_new = max(m, tile max); the old sum and output are multiplied by e^(m − m_new); then the tile adds e^(s − m_new) to l and e^(s − m_new)·v to the output. At the end the output is divided by l.',
  'teach.flash.estimate': 'Output estimate after tile {step} (running output / l)',
  'teach.flash.estimateLabel': 'Output estimate of “{token}” after tile {step}',
  'teach.flash.result': 'Same result, less memory',
  'teach.flash.diff':
    'Largest difference from the full softmax computed at once: weights {weights}, output {output}. From the engine’s own output: {engine}.',
  'teach.flash.growthCaption': 'Score memory as N grows (tile size {size}), in numbers',
  'teach.flash.growthFull': 'Full N × N matrix',
  'teach.flash.growthTiled': 'Tiles (one tile + max and sum per query)',
  'teach.flash.memory':
    'Memory for scores: the full matrix holds N × M = {n} × {m} = {full} numbers; one tile holds {size} × {size} = {tile}, plus a running max and sum per query ({stats} numbers).',
  'teach.flash.why':
    'On a GPU the tiles fit in fast on-chip memory, so the slow reads and writes of the N × N matrix disappear: attention becomes faster and its memory grows linearly with N instead of quadratically. The arithmetic is the same; only the order changes.',
} as const;
