// npm run serve — previews the reader's edition (output/site) on localhost.
//
//   npm run serve                      serves output/site on http://localhost:8000/
//   npm run serve -- --port 9000       another port (0 picks a free one)
//   npm run serve -- --out DIR         serves DIR/site (the folder `npm run reproduce -- --out DIR` wrote)
//   npm run serve -- --dir PATH        serves any folder
//
// Binds to 127.0.0.1 only; read-only; no directory listings; Ctrl-C stops it.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".tex": "text/x-tex; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Maps a request path to a file under root, or null when it escapes root or does not exist. */
export function resolveRequest(root: string, urlPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(urlPath, "http://localhost").pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  const base = resolve(root);
  let file = resolve(join(base, pathname));
  if (file !== base && !file.startsWith(base + sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Starts a static file server for `root` on 127.0.0.1:`port` (0 = any free port). */
export function startServer(root: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const file = resolveRequest(root, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": statSync(file).size,
      "Cache-Control": "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as AddressInfo;
      ok({ server, url: `http://localhost:${bound}/` });
    });
  });
}

function parseArgs(argv: string[]): { root: string; port: number } {
  // npm runs scripts from the package root; resolve the user's paths against where they typed.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let port = 8000;
  let root = resolve(__dirname, "..", "output", "site");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--port" || arg.startsWith("--port=") || arg === "-p") {
      port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port: not a port number`);
    } else if (arg === "--out" || arg.startsWith("--out=")) root = resolve(cwd, value(), "site");
    else if (arg === "--dir" || arg.startsWith("--dir=")) root = resolve(cwd, value());
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run serve -- [--port N] [--out DIR | --dir SITE_DIR]");
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return { root, port };
}

async function main(): Promise<void> {
  const { root, port } = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, "index.html"))) {
    console.error(
      `${root}/index.html does not exist: run \`npm run reproduce\` first to build the site.`,
    );
    process.exit(1);
  }
  const { url } = await startServer(root, port);
  console.log(`Serving ${root}\n  ${url}\nPress Ctrl-C to stop.`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  });
}
