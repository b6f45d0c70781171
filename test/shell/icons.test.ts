import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appIconShader, rasterize, trayColours, trayShader } from '../../main/shell/icon-art';
import { crc32, encodePng } from '../../main/shell/png';

/** Minimal PNG reader for the tests: checks every chunk CRC and returns size + RGBA. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(
      crc32(png.subarray(offset + 4, offset + 8 + length)),
    );
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips pixels', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng(3, 2, rgba));
    expect(decoded.width).toBe(3);
    expect(decoded.height).toBe(2);
    expect([...decoded.rgba]).toEqual([...rgba]);
  });

  it('refuses a buffer that does not match the size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
  });
});

describe('icons', () => {
  it('draws four distinct tray images with transparent corners', () => {
    const images = (['ready', 'busy', 'rest', 'offline'] as const).map((name) =>
      Buffer.from(rasterize(32, trayShader(name))),
    );
    expect(new Set(images.map((b) => b.toString('base64'))).size).toBe(4);
    for (const image of images) expect(image[3]).toBe(0); // top-left pixel alpha
    const centre = (16 * 32 + 16) * 4;
    expect([...(images[0] ?? Buffer.alloc(0)).subarray(centre, centre + 4)]).toEqual([
      ...trayColours.ready,
    ]);
    // offline is a ring: its centre is empty
    expect((images[3] ?? Buffer.alloc(0))[centre + 3]).toBe(0);
  });

  it('the committed build/icon.png is the generated 512 px app icon', () => {
    const file = readFileSync(new URL('../../build/icon.png', import.meta.url));
    const decoded = decodePng(file);
    expect([decoded.width, decoded.height]).toEqual([512, 512]);
    expect(decoded.rgba.equals(Buffer.from(rasterize(512, appIconShader())))).toBe(true);
  });
});
