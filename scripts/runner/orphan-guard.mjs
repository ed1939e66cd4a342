// Preloaded into every tslab kernel the runner starts (`node --import <this file> tslab kernel`).
//
// A worker thread that ends the kernel's process group once the runner that started it is gone,
// even when the runner was killed with SIGKILL and could not clean up; it also removes the
// runner's private folder holding the connection file. It runs beside the kernel's main thread,
// so it works while a cell is stuck in a loop, and it is unref'd, so it never keeps a kernel
// alive by itself.
import path from "node:path";
import process from "node:process";
import { Worker } from "node:worker_threads";

const watch = `
const { rmSync } = require("node:fs");
const { workerData } = require("node:worker_threads");
setInterval(() => {
  if (process.ppid === workerData.ppid) return;
  if (workerData.connDir) rmSync(workerData.connDir, { recursive: true, force: true });
  try { process.kill(-workerData.pid, "SIGKILL"); } catch {}
  process.kill(workerData.pid, "SIGKILL");
}, 500);
`;

// The connection file sits alone in a folder the runner made (tslab-kernel-XXXXXX).
const configPath = process.argv[process.argv.indexOf("--config-path") + 1];
const folder = configPath ? path.dirname(configPath) : "";
const connDir = path.basename(folder).startsWith("tslab-kernel-") ? folder : undefined;

new Worker(watch, {
  eval: true,
  workerData: { pid: process.pid, ppid: process.ppid, connDir },
}).unref();
