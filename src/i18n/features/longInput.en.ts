/**
 * English strings of the views for long inputs (issue 14): the zoomable heatmap, the token window
 * and the notices of views that limit what they show. Spread into en.ts.
 */
export const longInputEn = {
  'zoom.pooled':
    'Overview: each pixel shows the largest weight of the up to {rows}×{cols} cells it covers. Zoom in for single cells.',
  'zoom.cells': 'One cell per token pair: queries {r0}–{r1}, keys {c0}–{c1}.',
  'zoom.window': 'Queries {r0}–{r1} × keys {c0}–{c1} of {rows} × {cols}',
  'zoom.readoutCell': '#{q} {query} → #{k} {key}: {weight}',
  'zoom.readoutBlock': 'Queries {r0}–{r1} × keys {c0}–{c1}: max {max}, mean {mean}',
  'zoom.reset': 'Reset zoom',
  'zoom.in': 'Zoom in',
  'zoom.out': 'Zoom out',
  'zoom.help':
    'Mouse wheel or + / − zooms, dragging or the arrow keys pan, 0 or Home resets. Select tokens in the text or the chips to zoom to them.',
  'zoom.loading': 'Computing this window…',
  'zoom.error': 'This window could not be computed: {message}',
  'zoom.tokenWindow': 'Tokens {from}–{to} of {total} (the heatmap’s rows)',
  'zoom.showAll': 'Show every token',
  'zoom.fitSelection': 'Zoom to selected tokens',
  'longInput.notice':
    'This input has {tokens} tokens, so the weights are computed on demand and not kept: {view}',
  'longInput.linesFocus':
    'This input has {tokens} tokens, so the weights are computed on demand: Lines shows a focus window, queries {r0}–{r1} and keys {c0}–{c1} (the Attention tab’s zoomed heatmap: zoom there to move it, at most {max} tokens a side). Keys outside the window are left out, so a query’s lines need not sum to 1.',
  'longInput.compare':
    'comparing the two sentences head by head needs every weight. Use the Attention tab’s zoomable heatmap for each sentence.',
  'longInput.aggregate':
    'aggregates (averages and rollout over all heads and layers) need every weight. Use a shorter input for them.',
  'longInput.generic': 'this view needs every weight. Use a shorter input for it.',
  'longInput.steps':
    'This input has {tokens} tokens, so its weights are computed on demand. Step by step computes the chosen head again for one query at a time; its tables list all {tokens} keys.',
  'longInput.heads':
    'each thumbnail is pooled: a pixel shows the largest weight of the block of cells it covers.',
} as const;
