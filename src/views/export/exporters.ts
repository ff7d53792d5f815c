/**
 * The code that writes export files (figure layout, PNG, SVG, CSV, JSON, ZIP), gathered in one
 * module that the export menus load with a dynamic `import()` when an export is chosen: none of it
 * is needed to draw the first page, so it stays out of the first page's chunks.
 */
export { canvasComposite, figureRow, type PictureContent } from './composite';
export { csvFile, matrixToCsv } from './csv';
export { headFigure, headPicture, headSvg } from './headPicture';
export { jsonFile, resultToJson } from './json';
export { matricesPicture, matricesSvg } from './matrixPicture';
export { exportCanvasPng } from './png';
export { serializeSvgElement, svgBlob } from './svg';
export { buildZip } from './zip';
