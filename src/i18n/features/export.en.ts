/**
 * English strings of export, sharing and display preferences, spread into en.ts.
 * Placeholders are written `{name}`.
 */
export const exportEn = {
  'export.button': 'Export',
  'export.resolution': 'Resolution',
  'export.scale': '{n}×',
  'export.actions': 'Export as',
  'export.png': 'Download PNG',
  'export.copyImage': 'Copy image',
  'export.zip': 'Download all heads (ZIP)',
  'export.svg': 'Download SVG',
  'export.csv': 'Download CSV (this head)',
  'export.json': 'Download JSON (whole result)',
  'export.jsonBase64': 'Download JSON (exact, base64)',
  'export.layerHead': 'Layer {layer} · head {head}',
  'export.csvCorner': 'query \\ key',
  'export.size': '{width} × {height} px',
  'export.saved': 'Saved {file} ({size}).',
  'export.savedDownscaled': 'Saved {file} ({size}). {notice}',
  'export.savedFile': 'Saved {file}.',
  'export.savedZip': 'Saved {file} ({count} pictures).',
  'export.downscaled':
    'Drawn at {percent}% of the asked size to stay within the browser’s canvas limits.',
  'export.copied': 'Image copied to the clipboard.',
  'export.copyUnsupported': 'This browser cannot copy images: download the PNG instead.',
  'export.copyDenied':
    'The browser did not allow copying to the clipboard: download the PNG instead.',
  'export.copyFailed': 'The image could not be copied: download the PNG instead.',
  'export.notReady': 'Nothing to export yet: wait for the attention to finish computing.',
  'export.failed': 'The export failed: {message}',
  'export.zipProgress': 'Drawing {done} of {total}…',
  'export.zipProgressLabel': 'Export progress',
  'export.cancel': 'Cancel',
  'export.headsGrid': 'Export heads grid',
  'export.lines': 'Export lines',
  'export.comparison': 'Export comparison',
  'export.aggregates': 'Export aggregates',
  'export.barRelative': 'Weight ÷ the head’s largest weight',

  'share.copyLink': 'Copy link',
  'share.copied': 'Link copied to the clipboard.',
  'share.copyManually': 'Copy this link:',
  'share.linkLabel': 'Link to this view',
  'share.tooLong':
    'Too long for a link ({size} KB; the limit is {max} KB). Shorten the sentences and try again.',
  'share.failed': 'The link could not be made: {message}',
  'share.hfFilesNote':
    'A model opened from files on this computer cannot travel in a link: the link opens with the built-in translator. Load the model from the Hugging Face Hub to share it.',
  'share.trainedNote':
    'A model trained in the Train tab cannot travel in a link: the link opens with the built-in translator. Save its weights (Train tab) to share it as a file.',
  'share.hfNotLoadedNote':
    'No Hugging Face model has loaded yet, so the link opens with the built-in translator.',
  'share.close': 'Close',
  'share.dismiss': 'Dismiss',
  'share.notice.foreign':
    'The address ends with something that is not a shared view; showing the defaults.',
  'share.notice.tooLarge': 'The shared link is too large to open; showing the defaults.',
  'share.notice.corrupt': 'The shared link is damaged or incomplete; showing the defaults.',
  'share.notice.version':
    'The shared link was made by another version of Attention Atlas; showing the defaults.',
  'share.notice.fields': 'Some settings in the link were not valid and were reset: {fields}.',
  'share.notice.params': 'Some options in the address were not valid and were ignored: {params}.',
  'share.notice.clamped':
    'The link asked for layer {layer}, head {head}, which this model does not have; showing layer {shownLayer}, head {shownHead}.',

  'prefs.theme': 'Theme',
  'prefs.theme.system': 'System',
  'prefs.theme.light': 'Light',
  'prefs.theme.dark': 'Dark',
  'prefs.colorMap': 'Colours',
  'prefs.colorMap.viridis': 'Viridis',
  'prefs.colorMap.cividis': 'Cividis',
  'prefs.colorMap.magma': 'Magma',
  'prefs.colorScale': 'Colour scale',
  'prefs.colorScale.linear': 'Linear',
  'prefs.colorScale.log': 'Log',
  'prefs.leaveOutFirst': 'Leave out the first token',
  'prefs.leaveOutFirstHint':
    'Colours are scaled over the other keys; the first token’s column is hatched and its weight stays in the tooltip.',
  'legend.captionLog': 'Log colour scale: {floor} to {max}',
  'legend.sink': 'first token (left out)',
  'export.scaleNote.log': 'Log colour scale from {floor} (10⁻⁴ of the top) to {max}',
  'export.scaleNote.leaveOut': 'first token left out of the colours (hatched)',

  'progress.run': 'Progress of {name}',
} as const;
