/**
 * English strings of measured head importance (heads switched off one at a time, ranked by how
 * much the output changes) and of the value-weighted attention switch. Placeholders: `{name}`.
 */
export const importanceEn = {
  'weighting.label': 'Show',
  'weighting.attention': 'Attention weights α',
  'weighting.value': 'Value-weighted ‖α·f(x)‖',
  'weighting.legend': '‖α·f(x)‖',
  'weighting.explain':
    'How much each key’s value vector, after the head’s output projection, contributes to the query’s output: weights times the size of what they mix (Kobayashi et al. 2020).',
  'weighting.unavailable':
    'This run did not send value norms: the attention weights are shown instead.',

  'importance.heading': 'Head importance',
  'importance.intro':
    'Each head is switched off in turn ({mode}) and the change in the model’s output is measured: one forward pass per head. A larger score means the head matters more for this input.',
  'importance.mode.zero': 'zero ablation',
  'importance.mode.mean': 'mean ablation',
  'importance.measure': 'Measure head importance',
  'importance.measureAgain': 'Measure again',
  'importance.cancel': 'Cancel',
  'importance.progress': '{done} of {total} heads',
  'importance.starting': 'Starting…',
  'importance.otherInput': 'Measuring another input…',
  'importance.notYet': 'Not measured yet for this input.',
  'importance.why.empty': 'Type a sentence to measure its heads.',
  'importance.why.not-loaded': 'Load a checkpoint to measure its heads.',
  'importance.why.pair': 'Sentence B runs inside sentence A’s pair: measure sentence A.',
  'importance.error': 'Head importance cannot be measured: {message}',
  'importance.unsupported': 'This engine cannot measure head importance.',
  'importance.metric.kl-next-token': 'KL divergence of the next-token distribution',
  'importance.metric.kl-masked-token': 'KL divergence of the masked token’s distribution',
  'importance.metric.logprob-drop': 'Drop in log-probability of the translation',
  'importance.unit': 'nats',
  'importance.metricWithUnit': '{metric} ({unit})',
  'importance.gridLabel': 'Head importance of {name}, {rows} layers × {cols} heads: {metric}',
  'importance.rowLabel': '{kind} L{layer}',
  'importance.rowLabelShort': 'L{layer}',
  'importance.kindShort.encoder-self': 'Enc',
  'importance.kindShort.decoder-self': 'Dec',
  'importance.kindShort.cross': 'Cross',
  'importance.cell': '{row}, head {head}: {score}',
  'importance.negativeNote':
    'Orange: the output became more likely with the head off (a negative score); white is 0.',
  'importance.tableCaption': 'Heads ranked by {metric}',
  'importance.col.rank': 'Rank',
  'importance.col.block': 'Attention',
  'importance.col.layer': 'Layer',
  'importance.col.head': 'Head',
  'importance.col.score': 'Score ({unit})',
  'importance.col.output': 'Translation with the head off',
  'importance.col.changed': 'Changed?',
  'importance.changed.yes': 'changed',
  'importance.changed.no': 'same',
  'importance.baseline': 'Translation with every head on: {text}',
  'importance.changedCount':
    'Switching one head off changed the translation for {count} of {total} heads.',
  'importance.showAll': 'Show all {count}',
  'importance.showTop': 'Show the top {count}',
} as const;
