// Generates the PWA icons in public/icons/ from one SVG drawn here.
//
//   node tools/make-icons.mjs
//
// The PNGs are committed source assets; re-run this only when the design
// changes. Rendering goes through headless Chromium (playwright-core, already a
// dev dependency) so no image library or font is needed: the mark is pure
// geometry because the build machines have no Japanese font.
//
// Design: deep-teal square, two interlocking rings (white and warm amber) —
// two parties linked together, i.e. 連携. Every icon is a fully opaque square;
// the operating system applies its own rounding / mask.

import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

const TEAL = '#0f5e6e';
const WHITE = '#ffffff';
const AMBER = '#f2b84b';

// `extent` = radius (in % of the icon size) of the circle that contains the
// whole mark. Maskable icons must keep the mark inside the central safe zone,
// a circle of radius 40%; we stay well inside it. Plain icons may use more.
const ICONS = [
  { file: 'icon-192.png', size: 192, extent: 40 },
  { file: 'icon-512.png', size: 512, extent: 40 },
  { file: 'icon-maskable-512.png', size: 512, extent: 32 },
  // iOS rounds the corners itself (~22% radius) and shows no padding.
  { file: 'apple-touch-icon-180.png', size: 180, extent: 36 },
];

function svg(size, extent) {
  // Geometry in a 100x100 box, centred on (50,50).
  const R = 20; // ring centre-line radius
  const w = 8; // ring stroke width
  const g = 2.6; // teal gap drawn around the "over" ring at the crossings
  const d = 0.62 * R; // half distance between the ring centres
  const h = Math.sqrt(R * R - d * d); // crossings are at (50, 50 ± h)
  const reach = d + R + w / 2; // farthest point of the mark from the centre
  const s = extent / reach;
  const xl = 50 - d;
  const xr = 50 + d;
  const ring = (cx, colour, width) =>
    `<circle cx="${cx}" cy="50" r="${R}" fill="none" stroke="${colour}" stroke-width="${width}"/>`;
  const left = (pre) => pre(xl, TEAL, w + 2 * g) + pre(xl, WHITE, w);
  const right = (pre) => pre(xr, TEAL, w + 2 * g) + pre(xr, AMBER, w);
  // Interlock: the right ring lies over the left one at the bottom crossing
  // (it is drawn second, its teal outline cutting a gap into the white ring);
  // the left ring lies over the right one at the top crossing, redrawn there
  // as an arc. The white arc is a little longer than its teal outline so its
  // ends fall on white and leave no anti-aliasing seam.
  const phi = Math.atan2(-h, d); // angle of the top crossing seen from the left centre
  const arc = (half) => {
    const a0 = phi - half;
    const a1 = phi + half;
    const p = (a) => `${(xl + R * Math.cos(a)).toFixed(3)} ${(50 + R * Math.sin(a)).toFixed(3)}`;
    return `M ${p(a0)} A ${R} ${R} 0 0 1 ${p(a1)}`;
  };
  const rad = Math.PI / 180;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
  <rect width="100" height="100" fill="${TEAL}"/>
  <g transform="translate(50 50) scale(${s}) translate(-50 -50)" fill="none">
    ${left(ring)}
    ${right(ring)}
    <path d="${arc(40 * rad)}" stroke="${TEAL}" stroke-width="${w + 2 * g}"/>
    <path d="${arc(46 * rad)}" stroke="${WHITE}" stroke-width="${w}"/>
  </g>
</svg>`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  await mkdir(OUT_DIR, { recursive: true });
  for (const { file, size, extent } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:${TEAL}">${svg(size, extent)}</body></html>`,
    );
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size } });
    // Verify the result really is an opaque square of the right size before
    // writing it: decode it back in the page and inspect every alpha byte.
    const check = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let transparent = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] !== 255) transparent++;
      return { w: c.width, h: c.height, transparent };
    }, png.toString('base64'));
    if (check.w !== size || check.h !== size || check.transparent !== 0) {
      throw new Error(`${file}: expected opaque ${size}x${size}, got ${JSON.stringify(check)}`);
    }
    await writeFile(join(OUT_DIR, file), png);
    console.log(`wrote public/icons/${file} (${size}x${size}, ${png.length} bytes)`);
    await page.close();
  }
} finally {
  await browser.close();
}
