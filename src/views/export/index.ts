/**
 * Export and share: the parts the first page shows (menus, share link, display preferences, run
 * progress) and the light helpers they read. The code that writes files lives in its own modules,
 * gathered in exporters.ts and loaded with `import('./exporters')` when an export is chosen; it is
 * deliberately not re-exported here, so importing this entry never pulls it into the first page:
 *  - pictures: `exportCanvasPng` / `renderPicture` (png.ts) over `computeFigureLayout` (figure.ts);
 *    composites of live canvases or rows of matrices (composite.ts, matrixPicture.ts) for
 *    PictureExport's `picture` prop (1×/2×/4×, title, colour bar, downscale notice);
 *    one heatmap head (headPicture.ts);
 *  - vectors: `serializeSvgElement`, `figureSvg`, `svgBlob` (svg.ts);
 *  - data: `matrixToCsv`, `csvFile` (csv.ts), `resultToJson` (json.ts);
 *  - files: `buildZip` (zip.ts, fflate loaded lazily).
 */
export { ExportMenu, type ExportMenuProps } from './ExportMenu';
export { CopyLinkButton } from './CopyLinkButton';
export { ShareNotices } from './ShareNotices';
export { DisplayPrefs } from './DisplayPrefs';
export { RunProgress } from './RunProgress';
export { PictureExport, pictureFileName, type PictureExportProps } from './PictureExport';
export { EXPORT_SCALES, type ExportScale } from './scales';
export { pictureTitle } from './pictureTitle';
export { escapeXml } from './xml';
export * from './filename';
export * from './download';
export {
  selectHeatmapExport,
  selectCanExport,
  resultInput,
  modelIdOf,
  type HeatmapExportData,
} from './heatmapExport';
