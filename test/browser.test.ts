// The reader's edition in a real browser (Debian's Chromium driven by playwright-core).
//
// Builds the site from the committed executed notebooks (notebooks/*.ipynb) and from the fixture
// notebook under test/fixtures/site, opens every page from file://, and checks: no console error,
// no page error, no failed request, no request leaving the machine (every request is routed;
// anything but file:, data:, blob:, about: and localhost is aborted and fails the test), every
// plotly chart drawn (an .main-svg inside each chart div), math typeset by KaTeX with its fonts,
// and the reconstructed-data banner visible wherever a page has one. A full-page screenshot of
// every page (and, to cover `npm run serve`, the fixture's pages once more over localhost),
// at desktop and at phone width (where nothing may widen the page: wide tables and
// equations scroll inside the column), goes to output/screenshots/ for a person to look at.
//
// In CI (process.env.CI) the test always runs (.ci/run installs the chromium package); locally it
// is skipped, with a message, only when /usr/bin/chromium is missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildSite, type BuildSiteResult, type SitePage } from "../scripts/site/build";
import { startServer } from "../scripts/serve";
import { plotBundle, PLOTLY_JS_PATH } from "cplib";
import { CHROMIUM, CHROMIUM_OFFLINE_ARGS } from "./support/chromium";

const ROOT = resolve(__dirname, "..");
const OUT = join(ROOT, "output");
const SHOTS = join(OUT, "screenshots");
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The executed notebooks to check: the committed ones, or SITE_NOTEBOOKS=DIR (e.g. a --out run's). */
const NOTEBOOKS = resolve(process.env.SITE_NOTEBOOKS ?? join(ROOT, "notebooks"));

const skip =
  !process.env.CI && !existsSync(CHROMIUM)
    ? `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the browser test`
    : false;
if (skip) console.log(`# browser.test.ts skipped: ${skip}`);

/** Requests that stay on this machine. */
function isLocal(url: string): boolean {
  if (/^(file|data|blob|about):/i.test(url)) return true;
  try {
    const { protocol, hostname } = new URL(url);
    return (
      /^(https?|wss?):$/.test(protocol) && ["localhost", "127.0.0.1", "[::1]"].includes(hostname)
    );
  } catch {
    return false;
  }
}

interface PageReport {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  externalRequests: string[];
}

async function checkPage(
  context: BrowserContext,
  site: BuildSiteResult,
  info: SitePage,
  shotName: string,
  viewport: { width: number; height: number },
  baseUrl?: string,
): Promise<void> {
  const page: Page = await context.newPage();
  await page.setViewportSize(viewport);
  const report: PageReport = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    externalRequests: [],
  };
  page.on("console", (msg) => {
    if (msg.type() === "error") report.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => report.pageErrors.push(err.stack ?? err.message));
  page.on("request", (req) => {
    if (!isLocal(req.url())) report.externalRequests.push(req.url());
  });
  page.on("requestfailed", (req) => {
    if (isLocal(req.url())) report.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  try {
    const url = baseUrl
      ? new URL(info.file, baseUrl).href
      : pathToFileURL(join(site.siteDir, info.file)).href;
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    await page.waitForFunction(() => document.documentElement.dataset.charts !== undefined, null, {
      timeout: 60_000,
    });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));

    const state = await page.evaluate(() => ({
      charts: document.documentElement.dataset.charts,
      chartDivs: document.querySelectorAll(".cp-chart").length,
      drawn: Array.from(document.querySelectorAll(".cp-chart")).filter(
        (d) => d.querySelector(".main-svg") !== null,
      ).length,
      // [chart width, width of the cell that holds it]
      chartWidths: Array.from(document.querySelectorAll(".cp-chart")).map((d) => [
        Math.round(d.getBoundingClientRect().width),
        Math.round((d.closest(".cp-cell") ?? document.body).getBoundingClientRect().width),
      ]),
      katex: document.querySelectorAll(".katex").length,
      katexFont: document.fonts.check("16px KaTeX_Main"),
      mathErrors: document.querySelectorAll(".cp-math-error").length,
      pageWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      banners: Array.from(document.querySelectorAll(".cp-banner-reconstructed")).map((b) => {
        const r = b.getBoundingClientRect();
        const s = getComputedStyle(b);
        return {
          height: r.height,
          width: r.width,
          visibility: s.visibility,
          display: s.display,
          bg: s.backgroundColor,
        };
      }),
    }));
    await page.screenshot({ path: join(SHOTS, shotName), fullPage: true });

    assert.deepEqual(report.externalRequests, [], `${info.file}: requests left the machine`);
    assert.deepEqual(report.pageErrors, [], `${info.file}: page errors`);
    assert.deepEqual(report.consoleErrors, [], `${info.file}: console errors`);
    assert.deepEqual(report.failedRequests, [], `${info.file}: failed requests`);

    assert.equal(
      state.chartDivs,
      info.charts,
      `${info.file}: chart divs on the page vs plotly outputs rendered`,
    );
    assert.equal(state.charts, "drawn", `${info.file}: charts did not all draw`);
    assert.equal(state.drawn, info.charts, `${info.file}: every chart div must hold a .main-svg`);
    for (const [w, cell] of state.chartWidths) {
      assert.ok(
        w > 200 && w <= cell && w <= state.viewport,
        `${info.file}: chart ${w}px wide in a ${cell}px cell, viewport ${state.viewport}px`,
      );
    }
    assert.ok(
      state.pageWidth <= state.viewport,
      `${info.file}: page scrolls sideways (${state.pageWidth}px > ${state.viewport}px)`,
    );
    assert.equal(state.mathErrors, 0, `${info.file}: LaTeX that KaTeX could not typeset`);
    if (state.katex > 0) assert.ok(state.katexFont, `${info.file}: KaTeX fonts did not load`);

    assert.equal(
      state.banners.length,
      info.banners,
      `${info.file}: reconstructed banners rendered vs found`,
    );
    // A notebook that calls reconstructedBanner(...) must show the banner on its page.
    if (info.notebook && /reconstructedBanner\(/.test(readFileSync(info.notebook, "utf8"))) {
      assert.ok(
        info.banners > 0,
        `${info.file}: the notebook calls reconstructedBanner but its page shows no banner (not executed?)`,
      );
    }
    for (const b of state.banners) {
      assert.ok(
        b.height > 20 && b.width > 200 && b.visibility === "visible" && b.display !== "none",
        `${info.file}: banner not visible: ${JSON.stringify(b)}`,
      );
      assert.notEqual(b.bg, "rgba(0, 0, 0, 0)", `${info.file}: banner has no background`);
    }
    if (info.banners > 0) {
      await page.locator(".cp-banner-reconstructed").first().scrollIntoViewIfNeeded();
      assert.ok(
        await page.locator(".cp-banner-reconstructed").first().isVisible(),
        `${info.file}: banner hidden`,
      );
    }
  } finally {
    await page.close();
  }
}

test(
  "reader's edition: every page loads offline, draws its charts and shows its banners",
  { skip, timeout: 300_000 },
  async (t) => {
    if (!existsSync(CHROMIUM))
      assert.fail(`${CHROMIUM} is missing: in CI .ci/run must install Debian's chromium package`);
    const work = join(OUT, "browser-test");
    rmSync(work, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });

    const committed = existsSync(NOTEBOOKS)
      ? readdirSync(NOTEBOOKS)
          .filter((f) => /\.ipynb$/.test(f))
          .map((f) => join(NOTEBOOKS, f))
      : [];
    const sites: { name: string; result: BuildSiteResult }[] = [
      {
        name: "fixture",
        result: buildSite({
          notebooks: [join(ROOT, "test", "fixtures", "site", "04-fixture.ipynb")],
          siteDir: join(work, "fixture"),
        }),
      },
    ];
    if (committed.length > 0) {
      sites.push({
        name: "site",
        result: buildSite({
          notebooks: committed,
          siteDir: join(work, "site"),
          tablesDir: existsSync(join(OUT, "tables")) ? join(OUT, "tables") : undefined,
          dataReadme: join(ROOT, "data", "README.md"),
        }),
      });
    } else {
      t.diagnostic("no committed notebooks yet: only the fixture site is checked");
    }
    for (const { name, result } of sites)
      assert.deepEqual(result.problems, [], `${name}: rendering problems`);
    // The fixture must exercise what is checked: a chart and a banner.
    const fixturePage = sites[0].result.pages.find((p) => p.notebook);
    assert.ok(fixturePage && fixturePage.charts >= 1 && fixturePage.banners >= 1);
    const profile = mkdtempSync(join(tmpdir(), "cp-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_OFFLINE_ARGS,
      viewport: DESKTOP,
      serviceWorkers: "block",
    });
    const leaked: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      leaked.push(url);
      return route.abort("blockedbyclient");
    });
    try {
      for (const { name, result } of sites) {
        for (const info of result.pages) {
          const shot = `${name}-${info.file.replace(/\.html$/, "")}`;
          await t.test(`${name}/${info.file}`, () =>
            checkPage(context, result, info, `${shot}.png`, DESKTOP),
          );
          await t.test(`${name}/${info.file} at phone width`, () =>
            checkPage(context, result, info, `${shot}-phone.png`, PHONE),
          );
        }
      }
      // The same fixture pages served by `npm run serve` (scripts/serve.ts) on localhost.
      const fixture = sites[0].result;
      const { server, url } = await startServer(fixture.siteDir, 0);
      try {
        for (const info of fixture.pages) {
          await t.test(`fixture/${info.file} over ${url}`, () =>
            checkPage(
              context,
              fixture,
              info,
              `served-${info.file.replace(/\.html$/, "")}.png`,
              DESKTOP,
              url,
            ),
          );
        }
      } finally {
        await new Promise((done) => server.close(done));
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    assert.deepEqual(leaked, [], "requests routed off the machine");
  },
);

/**
 * The chart fallback of `plotBundle` (lib/src/present/display.ts) against a stand-in for a
 * Jupyter server on localhost: it finds plotly.js through `api/contents` in a folder above the
 * notebook, loads it from `files/`, and draws; inserted the JupyterLab way (rendered detached,
 * scripts re-created, attached later) too; and where no folder has plotly.js it says what to do.
 * The real front ends are tested in test/frontend.test.ts.
 */
test(
  "chart fallback: finds plotly.js through a Jupyter-like server, else says what to do",
  {
    skip,
    timeout: 120_000,
  },
  async (t) => {
    if (!existsSync(CHROMIUM)) assert.fail(`${CHROMIUM} is missing`);
    const plotlyJs = readFileSync(join(ROOT, PLOTLY_JS_PATH));
    const chart = () =>
      plotBundle({
        data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }],
        layout: { title: { text: "Fallback" } },
      })["text/html"] as string;
    const page = (body: string, attrs: string) =>
      `<!doctype html><html><head><meta charset="utf-8"></head><body ${attrs}>${body}</body></html>`;
    // JupyterLab's renderHTML: innerHTML on a detached node, scripts re-created, attached later.
    const labStyle = (html: string) =>
      `<script>(function(){var host=document.createElement("div");host.innerHTML=${JSON.stringify(html).replace(/<\//g, "<\\/")};` +
      `host.querySelectorAll("script").forEach(function(old){var s=document.createElement("script");` +
      `for(var i=0;i<old.attributes.length;i++)s.setAttribute(old.attributes[i].name,old.attributes[i].value);` +
      `s.textContent=old.textContent;old.parentNode.replaceChild(s,old);});` +
      `setTimeout(function(){document.body.appendChild(host);},400);})();</script>`;
    const requests: string[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      requests.push(url.pathname);
      const send = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { "content-type": type });
        res.end(body);
      };
      const nb = "/base/notebooks/";
      if (url.pathname === "/base/api/sessions")
        return send(200, "application/json", JSON.stringify([{ path: "work/notebooks/x.ipynb" }]));
      if (url.pathname.startsWith("/base/api/contents/")) {
        const found = url.pathname === `/base/api/contents/work/${PLOTLY_JS_PATH}`;
        return send(found ? 200 : 404, "application/json", found ? '{"type":"file"}' : "{}");
      }
      if (url.pathname === `/base/files/work/${PLOTLY_JS_PATH}`)
        return send(200, "text/javascript", plotlyJs);
      if (url.pathname === `${nb}work/notebooks/classic.ipynb`)
        return send(
          200,
          "text/html",
          page(chart(), 'data-base-url="/base/" data-notebook-path="work/notebooks/classic.ipynb"'),
        );
      if (url.pathname === `${nb}work/notebooks/lab.ipynb`)
        return send(200, "text/html", page(labStyle(chart()), 'data-base-url="/base/"'));
      if (url.pathname === "/elsewhere/x.ipynb")
        return send(
          200,
          "text/html",
          page(chart(), 'data-base-url="/elsewhere/" data-notebook-path="x.ipynb"'),
        );
      return send(404, "text/plain", "not found");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    try {
      const state = async (path: string) => {
        const p = await browser.newPage();
        try {
          await p.goto(base + path);
          await p.waitForSelector(".cp-plotly[data-cp-plotly]", { timeout: 30_000 });
          return await p.evaluate(() => {
            const el = document.querySelector(".cp-plotly") as HTMLElement;
            const note = el.querySelector(".cp-plotly-note") as HTMLElement;
            return {
              state: el.dataset.cpPlotly,
              svg: el.querySelector(".main-svg") !== null,
              noteShown: getComputedStyle(note).display !== "none",
              note: note.textContent ?? "",
            };
          });
        } finally {
          await p.close();
        }
      };
      await t.test("classic-style page", async () => {
        const s = await state("/base/notebooks/work/notebooks/classic.ipynb");
        assert.deepEqual([s.state, s.svg, s.noteShown], ["drawn", true, false], s.note);
      });
      await t.test("JupyterLab-style rendering (detached, then attached)", async () => {
        const s = await state("/base/notebooks/work/notebooks/lab.ipynb");
        assert.deepEqual([s.state, s.svg, s.noteShown], ["drawn", true, false], s.note);
      });
      await t.test("no plotly.js on the server: the note says what to do", async () => {
        const s = await state("/elsewhere/x.ipynb");
        assert.deepEqual([s.state, s.svg, s.noteShown], ["failed", false, true]);
        assert.match(s.note, /npm install/);
        assert.match(s.note, /looked for node_modules\/plotly\.js-dist-min\/plotly\.min\.js/);
      });
      // the classic page found it one folder above the notebook's, after asking the folder itself
      assert.ok(requests.includes(`/base/api/contents/work/notebooks/${PLOTLY_JS_PATH}`));
      assert.equal(requests.filter((r) => r === `/base/files/work/${PLOTLY_JS_PATH}`).length, 2);
    } finally {
      await browser.close();
      await new Promise((done) => server.close(done));
    }
  },
);
