/**
 * The stripes of a left-out first token (the attention sink) on a 2D canvas: dark and white
 * diagonals at the other slant from the masked cells' grey hatch, so the column reads as "not on
 * the colour scale" and never as a colour. The page's heatmap draws the same with CSS
 * (`.heatmap-sink`); the heads grid and the PNG exports draw it here.
 */
export const SINK_HATCH = { dark: '#3b4250', light: '#ffffff' } as const;

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Fills the rectangle with sink stripes (`period` px apart, in the context's units). */
export function drawSinkHatch(
  ctx: Ctx2D,
  x: number,
  y: number,
  width: number,
  height: number,
  period = 5,
): void {
  if (!(width > 0) || !(height > 0)) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, width, height);
  ctx.clip();
  ctx.fillStyle = SINK_HATCH.light;
  ctx.fillRect(x, y, width, height);
  ctx.strokeStyle = SINK_HATCH.dark;
  ctx.lineWidth = period * 0.4;
  for (let d = -height; d < width + height; d += period) {
    ctx.beginPath();
    ctx.moveTo(x + d, y);
    ctx.lineTo(x + d + height, y + height);
    ctx.stroke();
  }
  ctx.restore();
}
