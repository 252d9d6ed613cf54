#!/usr/bin/env node
// Renders assets/src/*.svg into the PNG, ICO and ICNS files the app and electron-builder use, with headless
// Chromium (transparent background). The outputs are committed; run again after editing an SVG:
//   node scripts/make-icons.mjs            (CHROMIUM_PATH overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const assets = path.join(root, 'assets');
const src = (name) => readFileSync(path.join(assets, 'src', name), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ deviceScaleFactor: 1 });

async function render(svg, size) {
  await page.setViewportSize({ width: size, height: size });
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img id="i" src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  // The callback runs in Chromium, where these are globals.
  /* global document, HTMLImageElement */
  await page.waitForFunction(() => {
    const img = document.getElementById('i');
    return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
  });
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size }, type: 'png' });
}

const written = [];
function write(rel, data) {
  const file = path.join(assets, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  written.push(`${rel} (${data.length} B)`);
}

/** ICO with PNG-compressed images (Windows Vista and later). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const dir = Buffer.alloc(16 * images.length);
  let offset = header.length + dir.length;
  images.forEach(({ size, png }, i) => {
    const e = i * 16;
    dir.writeUInt8(size >= 256 ? 0 : size, e);
    dir.writeUInt8(size >= 256 ? 0 : size, e + 1);
    dir.writeUInt8(0, e + 2);
    dir.writeUInt8(0, e + 3);
    dir.writeUInt16LE(1, e + 4);
    dir.writeUInt16LE(32, e + 6);
    dir.writeUInt32LE(png.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, dir, ...images.map((i) => i.png)]);
}

/** ICNS with PNG payloads; the OSTypes name the pixel size (and @2x variants) each entry is for. */
function icns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

try {
  const appSvg = src('icon.svg');
  const px = {};
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) px[size] = await render(appSvg, size);

  write('icon.png', px[512]);
  write('icon-256.png', px[256]);
  write('icon.ico', ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: px[size] }))));
  write(
    'icon.icns',
    icns([
      { type: 'icp4', png: px[16] },
      { type: 'icp5', png: px[32] },
      { type: 'icp6', png: px[64] },
      { type: 'ic07', png: px[128] },
      { type: 'ic08', png: px[256] },
      { type: 'ic09', png: px[512] },
      { type: 'ic10', png: px[1024] },
      { type: 'ic11', png: px[32] },
      { type: 'ic12', png: px[64] },
      { type: 'ic13', png: px[256] },
      { type: 'ic14', png: px[512] },
    ]),
  );
  // Linux desktop environments pick the closest size from a set named <w>x<h>.png (electron-builder's layout).
  for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`icons/${size}x${size}.png`, px[size]);

  for (const state of ['ok', 'syncing', 'warning', 'error']) {
    for (const suffix of ['', 'Template']) {
      const svg = src(`tray-${state}${suffix}.svg`);
      write(`tray-${state}${suffix}.png`, await render(svg, 16));
      write(`tray-${state}${suffix}@2x.png`, await render(svg, 32));
    }
  }
} finally {
  await browser.close();
}
console.log('icons written:');
for (const w of written) console.log(`  assets/${w}`);
