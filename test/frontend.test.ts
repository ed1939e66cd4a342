/**
 * The notebooks in a real Jupyter front end, as a reader opens them: Debian's classic Jupyter
 * Notebook server (`apt-get install jupyter-notebook`, 6.4) with the project's kernelspec
 * (`installKernel`, what `npm run kernel` writes), driven by playwright-core and Debian's
 * Chromium. No Python plotly package: the charts must draw through plotBundle's own HTML
 * fallback, which loads plotly.js from node_modules through the server.
 *
 * For each notebook it opens it, runs all cells, and checks what any notebook produces, counted
 * from the outputs the front end now holds (no hard-coded numbers): no error output and nothing
 * on stderr; every output whose HTML holds a table shows a rendered <table>; every plotly
 * output holds a drawn SVG plot. Across the notebooks there is at least one table and one chart
 * (else the test would prove nothing). No request leaves the machine. A screenshot of each
 * notebook goes to output/screenshots/ (ignored by git).
 *
 * The server never writes a notebook: its pre-save hook refuses (and the test checks that the
 * committed files are unchanged); its data, runtime and config folders are temporary.
 * In CI (CI set) the test always runs and fails when Jupyter or Chromium is missing
 * (.ci/run installs them); locally it is skipped, with a message, when either is missing.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { installKernel } from "../scripts/kernel";
import { CHROMIUM, CHROMIUM_OFFLINE_ARGS } from "./support/chromium";

const ROOT = path.resolve(__dirname, "..");
const NOTEBOOKS = ["02-descriptives", "04-benchmark-regressions"];
const SHOTS = path.join(ROOT, "output", "screenshots");

const hasNotebookServer =
  spawnSync("jupyter", ["notebook", "--version"], { stdio: "ignore" }).status === 0;
const missing = [
  hasNotebookServer ? "" : "Jupyter Notebook (apt-get install jupyter-notebook)",
  existsSync(CHROMIUM) ? "" : "Chromium (apt-get install chromium)",
].filter(Boolean);
const skip =
  !process.env.CI && missing.length > 0
    ? `${missing.join(" and ")} not installed; in CI this test runs`
    : false;
if (skip) console.log(`# frontend.test.ts skipped: ${skip}`);

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Requests that stay on this machine. */
function isLocal(url: string): boolean {
  if (/^(data|blob|about):/i.test(url)) return true;
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The parts of classic Notebook's page API (`window.Jupyter.notebook`) the test uses. */
interface ClassicOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  data?: Record<string, unknown>;
}
interface ClassicNotebook {
  kernel?: { is_connected(): boolean };
  kernel_busy: boolean;
  set_autosave_interval(ms: number): void;
  clear_all_output(): void;
  execute_all_cells(): void;
  get_cells(): { cell_type: string; input_prompt_number?: unknown }[];
  toJSON(): { cells: { cell_type: string; outputs?: ClassicOutput[] }[] };
}
type WithJupyter = { Jupyter?: { notebook?: ClassicNotebook } };

/** What the front end holds after Run All, counted from its notebook model and its page. */
interface FrontEndState {
  codeCells: number;
  /** Code cells without an execution count after Run All (an earlier error stopped them). */
  notRun: string[];
  errors: string[];
  tableOutputs: number;
  renderedTables: number;
  plotOutputs: number;
  charts: { state: string | null; svg: boolean; note: string }[];
}

describe("notebooks in Debian's Jupyter Notebook with Chromium", { skip }, () => {
  let scratch: string;
  let server: ChildProcess | undefined;
  let serverLog = "";
  let base: string;
  let token: string;
  let browser: Browser | undefined;
  const external: string[] = [];
  const before_: Record<string, string> = {};

  before(async () => {
    assert.deepEqual(
      missing,
      [],
      `CI is set but ${missing.join(" and ")} is missing: .ci/run installs them`,
    );
    scratch = mkdtempSync(path.join(tmpdir(), "frontend-test-"));
    const prefix = path.join(scratch, "prefix");
    installKernel({ repoRoot: ROOT, prefix });
    const config = path.join(scratch, "config");
    mkdirSync(config);
    writeFileSync(
      path.join(config, "jupyter_notebook_config.py"),
      [
        "def refuse_to_save(model, path, contents_manager, **kwargs):",
        '    raise Exception("the front-end test never saves a notebook")',
        "c.FileContentsManager.pre_save_hook = refuse_to_save",
        "",
      ].join("\n"),
    );
    for (const name of NOTEBOOKS) {
      before_[name] = sha(path.join(ROOT, "notebooks", `${name}.ipynb`));
    }
    token = randomBytes(16).toString("hex");
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const args = [
      "notebook",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${ROOT}`,
      ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ];
    server = spawn("jupyter", args, {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        JUPYTER_PATH: path.join(prefix, "share", "jupyter"),
        JUPYTER_CONFIG_DIR: config,
        JUPYTER_DATA_DIR: path.join(scratch, "data"),
        JUPYTER_RUNTIME_DIR: path.join(scratch, "runtime"),
      },
    });
    server.stdout?.on("data", (d: Buffer) => (serverLog += d.toString()));
    server.stderr?.on("data", (d: Buffer) => (serverLog += d.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`${base}/api/kernelspecs?token=${token}`)
        .then(
          async (r) => r.ok && "tslab" in ((await r.json()) as { kernelspecs: object }).kernelspecs,
        )
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline || server.exitCode !== null) {
        assert.fail(
          `the notebook server did not start (or has no tslab kernelspec):\n${serverLog}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_OFFLINE_ARGS,
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      // shut the kernels down through the API, then stop the server (it ends what is left)
      const kernels = await fetch(`${base}/api/kernels?token=${token}`)
        .then((r) => r.json() as Promise<{ id: string }[]>)
        .catch(() => []);
      for (const k of kernels) {
        await fetch(`${base}/api/kernels/${k.id}?token=${token}`, { method: "DELETE" }).catch(
          () => undefined,
        );
      }
      const exited = new Promise((r) => server?.once("exit", r));
      process.kill(-(server.pid as number), "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) process.kill(-(server.pid as number), "SIGKILL");
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function runAll(page: Page, name: string): Promise<FrontEndState> {
    // generous timeouts: on a loaded 2-core machine the page, the kernel and Run All are slow
    await page.goto(`${base}/notebooks/notebooks/${name}.ipynb?token=${token}`, {
      waitUntil: "domcontentloaded",
      timeout: 120_000,
    });
    await page.waitForFunction(
      () => {
        const nb = (window as unknown as WithJupyter).Jupyter?.notebook;
        return nb?.kernel?.is_connected?.() && nb.kernel_busy === false;
      },
      null,
      { timeout: 120_000, polling: 200 },
    );
    await page.evaluate(() => {
      const nb = (window as unknown as WithJupyter).Jupyter?.notebook as ClassicNotebook;
      nb.set_autosave_interval(0);
      nb.clear_all_output();
      nb.execute_all_cells();
    });
    // done when the kernel is idle and no cell is queued (after an error the rest are aborted)
    await page.waitForFunction(
      () => {
        const nb = (window as unknown as WithJupyter).Jupyter?.notebook as ClassicNotebook;
        const w = window as unknown as { cpIdleSince?: number };
        const code = nb.get_cells().filter((c) => c.cell_type === "code");
        const settled = !nb.kernel_busy && code.every((c) => c.input_prompt_number !== "*");
        if (!settled) w.cpIdleSince = undefined;
        else w.cpIdleSince ??= Date.now();
        return settled && Date.now() - (w.cpIdleSince as number) > 1000;
      },
      null,
      { timeout: 180_000, polling: 250 },
    );
    // charts draw asynchronously: wait until each says drawn or failed
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll(".cp-plotly")).every((d) =>
          d.hasAttribute("data-cp-plotly"),
        ),
      null,
      { timeout: 60_000, polling: 250 },
    );
    return page.evaluate(() => {
      const nb = (window as unknown as WithJupyter).Jupyter?.notebook as ClassicNotebook;
      const json = nb.toJSON();
      const code = json.cells.filter((c) => c.cell_type === "code");
      const outputs = code.flatMap((c) => c.outputs ?? []);
      const html = (o: ClassicOutput) => {
        const v = o.data?.["text/html"];
        return Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "";
      };
      const isPlot = (o: ClassicOutput) => o.data?.["application/vnd.plotly.v1+json"] !== undefined;
      const errors = outputs
        .filter(
          (o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"),
        )
        .map((o) => (o.output_type === "error" ? `${o.ename}: ${o.evalue}` : String(o.text)));
      const notRun = nb
        .get_cells()
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => c.cell_type === "code" && typeof c.input_prompt_number !== "number")
        .map(({ i }) => `cell ${i + 1} did not run`);
      return {
        codeCells: code.length,
        notRun,
        errors,
        tableOutputs: outputs.filter((o) => !isPlot(o) && /<table[\s>]/.test(html(o))).length,
        renderedTables: Array.from(document.querySelectorAll(".output_html")).filter(
          (d) => d.querySelector("table") !== null && (d as HTMLElement).offsetHeight > 0,
        ).length,
        plotOutputs: outputs.filter(isPlot).length,
        charts: Array.from(document.querySelectorAll(".cp-plotly")).map((d) => ({
          state: d.getAttribute("data-cp-plotly"),
          svg: d.querySelector("svg.main-svg") !== null,
          note: d.querySelector(".cp-plotly-note")?.textContent ?? "",
        })),
      };
    });
  }

  /** Opens a notebook in its own page, runs it, keeps a screenshot; rejects on a stuck run. */
  async function openAndRun(name: string): Promise<FrontEndState> {
    const context = await (browser as Browser).newContext({
      viewport: { width: 1200, height: 900 },
    });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      external.push(url);
      return route.abort("blockedbyclient");
    });
    // tsx names inner functions with an `__name` helper that the page does not have
    await context.addInitScript("window.__name = function (f) { return f; };");
    const page = await context.newPage();
    try {
      const state = await runAll(page, name);
      // classic Notebook scrolls inside #site: let the page grow so the screenshot shows it all
      await page.addStyleTag({
        content:
          "#site{height:auto!important;overflow:visible!important}body{overflow:visible!important}",
      });
      await page.screenshot({ path: path.join(SHOTS, `frontend-${name}.png`), fullPage: true });
      return state;
    } finally {
      await context.close();
    }
  }

  // Both notebooks run at once (each in its own page and kernel): the run time is the slower one.
  const states = new Map<string, Promise<FrontEndState>>();
  const stateOf = (name: string) => {
    if (!states.has(name)) {
      for (const n of NOTEBOOKS) {
        const run = openAndRun(n);
        run.catch(() => undefined); // reported by its own test, not as an unhandled rejection
        states.set(n, run);
      }
    }
    const state = states.get(name) as Promise<FrontEndState>;
    return state;
  };
  const totals = { tables: 0, charts: 0 };
  for (const name of NOTEBOOKS) {
    it(
      `${name}: runs all cells, shows every table, draws every chart`,
      { timeout: 480_000 },
      async () => {
        const state = await stateOf(name);
        assert.ok(state.codeCells > 0, `${name}: no code cells`);
        assert.deepEqual(state.errors, [], `${name}: error outputs`);
        assert.deepEqual(state.notRun, [], `${name}: cells that Run All did not reach`);
        assert.equal(
          state.renderedTables,
          state.tableOutputs,
          `${name}: outputs holding a table vs tables rendered on the page`,
        );
        assert.equal(
          state.charts.length,
          state.plotOutputs,
          `${name}: plotly outputs vs charts on the page`,
        );
        for (const [i, chart] of state.charts.entries()) {
          assert.ok(
            chart.state === "drawn" && chart.svg,
            `${name}: chart ${i + 1} not drawn (${chart.state}): ${chart.note}`,
          );
        }
        totals.tables += state.tableOutputs;
        totals.charts += state.plotOutputs;
      },
    );
  }

  it("the notebooks had tables and charts, nothing left the machine, nothing was saved", () => {
    assert.ok(
      totals.tables > 0 && totals.charts > 0,
      `tables ${totals.tables}, charts ${totals.charts}`,
    );
    assert.deepEqual(external, [], "requests routed off the machine");
    for (const name of NOTEBOOKS) {
      assert.equal(
        sha(path.join(ROOT, "notebooks", `${name}.ipynb`)),
        before_[name],
        `${name} changed`,
      );
    }
  });
});
