/**
 * Writes public/favicon.ico from public/favicon.svg: browsers (and crawlers) ask for /favicon.ico
 * whatever the page links, so it must exist (issue 13). Chromium draws the SVG at 16, 32 and 48 px;
 * the .ico holds the three PNGs (the PNG-in-ICO form every current browser and Windows reads).
 * Run after changing the SVG: `npx tsx scripts/make-favicon.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_PATH } from "../tests/e2e/chromium";

const root = path.resolve(import.meta.dirname, "..");
const svg = fs.readFileSync(path.join(root, "public/favicon.svg"), "utf8");
const SIZES = [16, 32, 48];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-gpu"] });
const images: Buffer[] = [];
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    images.push(await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}

// ICONDIR (6 bytes), one 16-byte ICONDIRENTRY per image, then the images.
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((image, i) => {
  const entry = 6 + 16 * i;
  header.writeUInt8(SIZES[i]! % 256, entry);
  header.writeUInt8(SIZES[i]! % 256, entry + 1);
  header.writeUInt8(0, entry + 2);
  header.writeUInt8(0, entry + 3);
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(image.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += image.length;
});
fs.writeFileSync(path.join(root, "public/favicon.ico"), Buffer.concat([header, ...images]));
console.log(`public/favicon.ico: ${SIZES.join(", ")} px, ${offset} bytes`);
