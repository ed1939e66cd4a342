// Debian's Chromium as the browser tests start it: headless, no sandbox (CI runs as root), and
// none of the background traffic (updates, sync, QUIC) that would leave the machine.
export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_OFFLINE_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
