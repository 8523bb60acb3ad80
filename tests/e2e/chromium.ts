import fs from "node:fs";

/** Debian's binary; /usr/bin/chromium is a shell wrapper that prints noise. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => fs.existsSync(p)) ?? "/usr/lib/chromium/chromium";
