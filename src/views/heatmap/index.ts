export { AttentionHeatmap, type AttentionHeatmapProps } from './Heatmap';
export { ColorLegend, type ColorLegendProps } from './Legend';
export * from './layout';
export * from './color';
