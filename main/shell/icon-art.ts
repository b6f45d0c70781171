/**
 * The app icon and the four tray icons, drawn as RGBA pixels (anti-aliased by 4×4
 * supersampling). Each tray state differs in shape as well as colour, so the state reads
 * without colour vision: ready = filled disc, busy = disc with a bar, rest = two pause
 * bars, offline = hollow ring.
 */
import type { TrayIconName } from './tray-state';

type Rgba = readonly [number, number, number, number];
/** Colour at a point of the unit square (0..1, y down), or null for transparent. */
type Shader = (x: number, y: number) => Rgba | null;

const samples = 4;

/** Renders `shader` into a size×size RGBA buffer (straight alpha). */
export function rasterize(size: number, shader: Shader): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const c = shader((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (c === null) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      out[i] = a > 0 ? Math.round(r / a) : 0;
      out[i + 1] = a > 0 ? Math.round(g / a) : 0;
      out[i + 2] = a > 0 ? Math.round(b / a) : 0;
      out[i + 3] = Math.round((a / n) * 255);
    }
  }
  return out;
}

const white: Rgba = [255, 255, 255, 255];

function distance(x: number, y: number, cx: number, cy: number): number {
  return Math.hypot(x - cx, y - cy);
}

function inRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number): boolean {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** Tray colours: distinct in hue and lightness (readable on light and dark task bars). */
export const trayColours: Record<TrayIconName, Rgba> = {
  ready: [34, 139, 64, 255],
  busy: [200, 55, 45, 255],
  rest: [214, 140, 0, 255],
  offline: [128, 134, 142, 255],
};

/** The tray image for a state. */
export function trayShader(name: TrayIconName): Shader {
  const colour = trayColours[name];
  return (x, y) => {
    const d = distance(x, y, 0.5, 0.5);
    switch (name) {
      case 'ready':
        return d <= 0.44 ? colour : null;
      case 'busy':
        if (d > 0.44) return null;
        return inRect(x, y, 0.22, 0.42, 0.78, 0.58) ? white : colour;
      case 'rest':
        if (d > 0.44) return null;
        return inRect(x, y, 0.32, 0.28, 0.44, 0.72) || inRect(x, y, 0.56, 0.28, 0.68, 0.72)
          ? white
          : colour;
      case 'offline':
        return d <= 0.44 && d >= 0.3 ? colour : null;
    }
  };
}

/**
 * The app icon: a blue rounded square with a white headset (band, two ear pads and a
 * microphone boom) — the agent's tool.
 */
export function appIconShader(): Shader {
  const blue: Rgba = [31, 95, 191, 255];
  const radius = 0.18;
  return (x, y) => {
    const m = 0.06;
    const cx = Math.min(Math.max(x, m + radius), 1 - m - radius);
    const cy = Math.min(Math.max(y, m + radius), 1 - m - radius);
    if (distance(x, y, cx, cy) > radius) return null;
    const band = distance(x, y, 0.5, 0.52);
    if (y <= 0.56 && band >= 0.25 && band <= 0.31) return white;
    if (inRect(x, y, 0.17, 0.48, 0.3, 0.7) || inRect(x, y, 0.7, 0.48, 0.83, 0.7)) return white;
    const boom = distance(x, y, 0.6, 0.62);
    if (x >= 0.5 && x <= 0.75 && y >= 0.62 && boom >= 0.13 && boom <= 0.17 && y <= 0.8) {
      return white;
    }
    if (distance(x, y, 0.5, 0.78) <= 0.045) return white;
    return blue;
  };
}
