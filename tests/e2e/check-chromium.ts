import fs from "node:fs";
import { CHROMIUM_PATH } from "./chromium";

if (!fs.existsSync(CHROMIUM_PATH)) {
  console.error(
    `\nChromium was not found at ${CHROMIUM_PATH}.\n` +
      "The browser tests use Debian's Chromium (Playwright cannot download browsers here). Install it with:\n\n" +
      "    sudo apt-get update && sudo apt-get install -y chromium\n\n" +
      "or set CHROMIUM_PATH to another Chromium binary.\n",
  );
  process.exit(1);
}
