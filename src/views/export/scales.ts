/** Resolutions the export menus offer (own file: the menus are eager, the figure code is not). */
export const EXPORT_SCALES = [1, 2, 4] as const;
export type ExportScale = (typeof EXPORT_SCALES)[number];
