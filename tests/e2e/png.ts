/** PNG checks shared by the export browser tests: the file's own header, and its pixels decoded in the page. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Checks the PNG signature and that IHDR comes first; returns the image's width and height. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Array.from(bytes.subarray(0, 8)), 'PNG signature').toEqual(PNG_SIGNATURE);
  expect(Buffer.from(bytes.subarray(12, 16)).toString('latin1'), 'first chunk').toBe('IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decodes a PNG in the page and counts its distinct colours, sampling every `every`-th pixel. */
export async function distinctColours(page: Page, bytes: Buffer, every = 7): Promise<number> {
  return page.evaluate(
    async ({ b64, every }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < px.length; i += 4 * every)
        seen.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
      return seen.size;
    },
    { b64: bytes.toString('base64'), every },
  );
}
