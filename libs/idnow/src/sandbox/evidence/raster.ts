import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './bitmap-font.js';
import { toPlainUpper } from './text.js';

export type Rgb = readonly [number, number, number];
export interface Point {
  x: number;
  y: number;
  /** Stroke half-width at this point. */
  r: number;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** An RGBA pixel canvas with the few drawing operations the specimen images need, anti-aliased edges. */
export class Raster {
  readonly data: Uint8Array;
  /** Drawing is limited to this box while set. */
  clip: { x: number; y: number; w: number; h: number } | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb | null,
  ) {
    this.data = new Uint8Array(width * height * 4);
    if (background) this.rect(0, 0, width, height, background);
  }

  /** Paints `c` over the pixel with coverage `alpha` (0..1). Plain arithmetic: it runs per pixel. */
  blend(x: number, y: number, c: Rgb, alpha = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    const box = this.clip;
    if (box && (x < box.x || y < box.y || x >= box.x + box.w || y >= box.y + box.h)) return;
    const i = (y * this.width + x) * 4;
    const d = this.data;
    const a0 = d[i + 3] / 255;
    if (alpha >= 1 || a0 === 0) {
      d[i] = c[0];
      d[i + 1] = c[1];
      d[i + 2] = c[2];
      d[i + 3] = (alpha >= 1 ? 255 : alpha * 255 + 0.5) | 0;
      return;
    }
    const a = alpha + a0 * (1 - alpha);
    for (let k = 0; k < 3; k++) d[i + k] = ((c[k] * alpha + d[i + k] * a0 * (1 - alpha)) / a + 0.5) | 0;
    d[i + 3] = (a * 255 + 0.5) | 0;
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb, alpha = 1): void {
    const [x0, x1, y1] = [Math.max(0, x), Math.min(this.width, x + w), Math.min(this.height, y + h)];
    for (let yy = Math.max(0, y); yy < y1; yy++)
      for (let xx = x0; xx < x1; xx++) this.blend(xx, yy, c, alpha);
  }

  /** A rectangle shading from `top` to `bottom`. */
  gradient(x: number, y: number, w: number, h: number, top: Rgb, bottom: Rgb): void {
    for (let yy = 0; yy < h; yy++) {
      const t = h <= 1 ? 0 : yy / (h - 1);
      const c: Rgb = [0, 1, 2].map((k) => top[k] + (bottom[k] - top[k]) * t) as unknown as Rgb;
      this.rect(x, y + yy, w, 1, c);
    }
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb): void {
    const edge = Math.min(rx, ry);
    const [x0, x1, y1] = [Math.floor(cx - rx - 1), Math.ceil(cx + rx + 1), Math.ceil(cy + ry + 1)];
    for (let y = Math.floor(cy - ry - 1); y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = (((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2) ** 0.5;
        this.blend(x, y, c, clamp01((1 - d) * edge + 0.5));
      }
    }
  }

  /** Text in the 5×7 bitmap font, each font pixel `scale` pixels square; returns the width drawn. */
  text(text: string, x: number, y: number, scale: number, c: Rgb): number {
    let pen = x;
    for (const ch of toPlainUpper(text)) {
      glyph(ch).forEach((row, gy) =>
        row.forEach((on, gx) => {
          if (on) this.rect(pen + gx * scale, y + gy * scale, scale, scale, c);
        }),
      );
      pen += (GLYPH_WIDTH + 1) * scale;
    }
    return pen - x;
  }

  static textHeight(scale: number): number {
    return GLYPH_HEIGHT * scale;
  }

  /**
   * Smooth strokes through each path of points: discs stamped along them into a coverage mask (the
   * maximum, so overlaps do not darken), then painted once within the area touched.
   */
  stroke(paths: Point[][], c: Rgb): void {
    const cover = new Float32Array(this.width * this.height);
    let [top, bottom] = [this.height, -1];
    const stamp = (px: number, py: number, r: number) => {
      const x0 = Math.max(0, Math.floor(px - r - 1));
      const x1 = Math.min(this.width - 1, Math.ceil(px + r + 1));
      const y0 = Math.max(0, Math.floor(py - r - 1));
      const y1 = Math.min(this.height - 1, Math.ceil(py + r + 1));
      if (y0 < top) top = y0;
      if (y1 > bottom) bottom = y1;
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const a = clamp01(r + 0.5 - ((x + 0.5 - px) ** 2 + (y + 0.5 - py) ** 2) ** 0.5);
          const i = y * this.width + x;
          if (a > cover[i]) cover[i] = a;
        }
      }
    };
    for (const points of paths) {
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1], points[i]];
        const steps = Math.max(1, Math.ceil(((b.x - a.x) ** 2 + (b.y - a.y) ** 2) ** 0.5 / 0.5));
        for (let s = 0; s <= steps; s++) {
          const t = s / steps;
          stamp(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.r + (b.r - a.r) * t);
        }
      }
    }
    for (let y = top; y <= bottom; y++)
      for (let x = 0, i = y * this.width; x < this.width; x++, i++)
        if (cover[i] > 0) this.blend(x, y, c, cover[i]);
  }

  /** RGB bytes over white (for JPEG and opaque PNG). */
  rgb(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 3);
    for (let p = 0; p < this.width * this.height; p++) {
      const a = this.data[p * 4 + 3] / 255;
      for (let k = 0; k < 3; k++) out[p * 3 + k] = (this.data[p * 4 + k] * a + 255 * (1 - a) + 0.5) | 0;
    }
    return out;
  }
}
