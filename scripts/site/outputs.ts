// Jupyter outputs → HTML for the reader's edition (contract: the header of lib/src/display.ts).
import { escapeHtml, jsonForScript } from "cplib";
import { joinText, stripAnsi, type MimeBundle, type Output } from "./notebook";
import { renderMarkdown, type MarkdownEnv } from "./markdown";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** State shared by the outputs of one page: chart numbering and render problems. */
export interface OutputEnv extends MarkdownEnv {
  charts: number;
}

interface PlotlyFigure {
  data?: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: unknown[];
}

function bundleText(bundle: MimeBundle, mime: string): string {
  const value = bundle[mime];
  if (typeof value === "string" || Array.isArray(value))
    return joinText(value as string | string[]);
  return "";
}

/** A chart placeholder plus its figure as inline JSON; assets/site.js draws it with plotly.js. */
export function renderPlotly(figure: PlotlyFigure, env: OutputEnv): string {
  env.charts += 1;
  const id = `cp-chart-${env.charts}`;
  const layout = figure.layout ?? {};
  const title = layout.title;
  const label =
    typeof title === "string"
      ? title
      : typeof title === "object" &&
          title !== null &&
          typeof (title as { text?: unknown }).text === "string"
        ? (title as { text: string }).text
        : `Chart ${env.charts}`;
  const payload = {
    data: figure.data ?? [],
    layout,
    config: figure.config ?? {},
    frames: figure.frames,
  };
  return (
    `<figure class="cp-figure"><div class="cp-chart" id="${id}" role="img" aria-label="${escapeHtml(label.replace(/<[^>]*>/g, ""))}"></div>` +
    `<script type="application/json" class="cp-chart-data" data-for="${id}">${jsonForScript(payload)}</script></figure>`
  );
}

function renderPre(text: string, className: string): string {
  return `<pre class="${className}">${escapeHtml(stripAnsi(text))}</pre>`;
}

/** One MIME bundle: plotly → chart (its text/html fallback skipped); else html, markdown, image, plain. */
export function renderBundle(bundle: MimeBundle, env: OutputEnv): string {
  const plotly = bundle[PLOTLY_MIME];
  if (plotly !== undefined) {
    if (typeof plotly !== "object" || plotly === null) {
      env.problems.push(`${env.where}: ${PLOTLY_MIME} output is not a JSON object`);
      return renderPre(bundleText(bundle, "text/plain"), "cp-output-text");
    }
    return renderPlotly(plotly as PlotlyFigure, env);
  }
  if (bundle["text/html"] !== undefined) {
    return `<div class="cp-output-html">${bundleText(bundle, "text/html")}</div>`;
  }
  if (bundle["text/markdown"] !== undefined) {
    return `<div class="cp-output-markdown">${renderMarkdown(bundleText(bundle, "text/markdown"), env)}</div>`;
  }
  if (bundle["image/svg+xml"] !== undefined) {
    return `<div class="cp-output-image">${bundleText(bundle, "image/svg+xml")}</div>`;
  }
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    if (bundle[mime] !== undefined) {
      const base64 = bundleText(bundle, mime).replace(/\s+/g, "");
      return `<div class="cp-output-image"><img alt="" src="data:${mime};base64,${base64}"></div>`;
    }
  }
  if (bundle["text/latex"] !== undefined) {
    const tex = bundleText(bundle, "text/latex")
      .trim()
      .replace(/^\$\$?|\$\$?$/g, "");
    return `<div class="cp-math-display">${renderMarkdown(`$$\n${tex}\n$$`, env)}</div>`;
  }
  if (bundle["text/plain"] !== undefined) {
    return renderPre(bundleText(bundle, "text/plain"), "cp-output-text");
  }
  const mimes = Object.keys(bundle).join(", ") || "nothing";
  env.problems.push(`${env.where}: no MIME type the site can show (bundle has ${mimes})`);
  return "";
}

/** Renders one output; consecutive stream outputs are merged by renderOutputs. */
export function renderOutput(output: Output, env: OutputEnv): string {
  switch (output.output_type) {
    case "stream": {
      const cls = output.name === "stderr" ? "cp-stream cp-stderr" : "cp-stream";
      return renderPre(joinText(output.text), cls);
    }
    case "display_data":
    case "execute_result":
      return renderBundle(output.data ?? {}, env);
    case "error": {
      const trace = (output.traceback ?? []).map(stripAnsi).join("\n");
      const head = `${output.ename}: ${output.evalue}`;
      const body = trace.includes(output.evalue) ? trace : `${head}\n${trace}`;
      return `<div class="cp-error" role="alert"><div class="cp-error-title">${escapeHtml(stripAnsi(head))}</div>${renderPre(body, "cp-error-trace")}</div>`;
    }
    default: {
      const type = (output as { output_type?: unknown }).output_type;
      env.problems.push(`${env.where}: unknown output_type ${JSON.stringify(type)}`);
      return "";
    }
  }
}

/** Renders a cell's outputs in order, merging runs of the same stream as Jupyter does. */
export function renderOutputs(outputs: Output[], env: OutputEnv): string {
  const merged: Output[] = [];
  for (const output of outputs) {
    const prev = merged[merged.length - 1];
    if (
      output.output_type === "stream" &&
      prev?.output_type === "stream" &&
      prev.name === output.name
    ) {
      merged[merged.length - 1] = { ...prev, text: joinText(prev.text) + joinText(output.text) };
    } else {
      merged.push(output);
    }
  }
  return merged.map((o) => renderOutput(o, env)).join("\n");
}
