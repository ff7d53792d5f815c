/**
 * Export and share. Generic helpers other views reuse:
 *  - pictures: `exportCanvasPng` / `renderPicture` (png.ts) over `computeFigureLayout` (figure.ts);
 *    composites of live canvases or rows of matrices (composite.ts, matrixPicture.ts) for
 *    PictureExport's `picture` prop (1×/2×/4×, title, colour bar, downscale notice);
 *  - vectors: `serializeSvgElement`, `figureSvg`, `svgBlob` (svg.ts);
 *  - data: `matrixToCsv`, `csvFile` (csv.ts), `resultToJson` (json.ts);
 *  - files: `exportFileName` (filename.ts), `downloadBlob`, `copyPngToClipboard` (download.ts),
 *    `buildZip` (zip.ts, fflate loaded lazily).
 */
export { ExportMenu, type ExportMenuProps } from './ExportMenu';
export { CopyLinkButton } from './CopyLinkButton';
export { ShareNotices } from './ShareNotices';
export { DisplayPrefs } from './DisplayPrefs';
export { RunProgress } from './RunProgress';
export { PictureExport, pictureFileName, type PictureExportProps } from './PictureExport';
export * from './figure';
export * from './composite';
export * from './matrixPicture';
export * from './png';
export * from './svg';
export * from './csv';
export * from './json';
export * from './filename';
export * from './download';
export * from './zip';
export {
  headPicture,
  headSvg,
  headFigure,
  selectHeatmapExport,
  selectCanExport,
  resultInput,
  modelIdOf,
  type HeatmapExportData,
  type HeadPictureInput,
} from './heatmapExport';
