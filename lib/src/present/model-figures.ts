/**
 * Pictures of a fitted model, the ones a reader wants before trusting a regression table:
 *
 *   scatterFitFigure       y against x, with the fitted line, optionally coloured by a third variable
 *   residualsFittedFigure  residuals against fitted values (is there structure left?)
 *   qqFigure               a normal QQ plot of the studentized residuals (are the tails normal?)
 *   influenceFigure        leverage against squared residuals, sized by Cook's distance, the most
 *                          influential observations named
 *   withinBetweenFigure    between-group (means) and within-group (deviations) views of y and x
 *   bootstrapFigure        the wild bootstrap distribution of t* with the observed t marked
 *
 * Each returns a plotly figure (show it with `display(...)`); none computes an estimate of its
 * own beyond the least-squares lines it draws, which come from `ols`.
 */
import { DataError } from "../data/errors";
import { frameColumn, toColumns, type DataLike } from "../data/frame";
import { ols } from "../methods/ols";
import { olsInfluence } from "../methods/ols-influence";
import { qqPoints } from "../methods/qq-points";
import type { RegressionResults } from "../methods/regression-results";
import type { WildBootstrapResult } from "../methods/wild-cluster-bootstrap";
import type { PlotlyFigure } from "./display";
import { axis, BASE_LAYOUT } from "./figure-style";

const LAYOUT = { ...BASE_LAYOUT, hovermode: "closest" };

function numbers(cols: Record<string, (number | string)[]>, name: string, what: string): number[] {
  const col = frameColumn(cols, name);
  return col.map((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(`${what}: row ${i + 1} of "${name}" is not a number`, { variable: name });
    }
    return v;
  });
}

/** "Hangzhou 2019" labels when the data have city and year columns, else row numbers. */
function rowLabels(cols: Record<string, (number | string)[]>, n: number): string[] {
  if (Array.isArray(cols.city) && Array.isArray(cols.year)) {
    return cols.city.map((c, i) => `${String(c)} ${String(cols.year[i])}`);
  }
  return Array.from({ length: n }, (_, i) => `row ${i + 1}`);
}

/** Options of `scatterFitFigure`. */
export interface ScatterFitOptions {
  /** A numeric column that colours the points (with a colour bar). */
  color?: string;
  /** Draw the least-squares line of y on x (default true). */
  line?: boolean;
  title?: string;
}

/**
 * Scatter of y against x with the least-squares line y = a + b·x, each point labelled with its
 * city and year; with `color`, points are coloured by a third variable, which shows an omitted
 * variable at work (e.g. CO against TRADE coloured by NQP).
 *
 * Formula: the line is `ols("y ~ x")`. Throws: DataError for a missing or non-numeric column.
 * @example
 * display(scatterFitFigure(df, "NQP", "CO"));
 * display(scatterFitFigure(df, "TRADE", "CO", { color: "NQP" }));
 */
export function scatterFitFigure(
  data: DataLike,
  x: string,
  y: string,
  opts: ScatterFitOptions = {},
): PlotlyFigure {
  const what = "scatterFitFigure";
  const cols = toColumns(data);
  const xs = numbers(cols, x, what);
  const ys = numbers(cols, y, what);
  const labels = rowLabels(cols, xs.length);
  const colour = opts.color ? numbers(cols, opts.color, what) : null;
  const traces: Record<string, unknown>[] = [
    {
      type: "scatter",
      mode: "markers",
      name: "city-years",
      x: xs,
      y: ys,
      text: labels,
      marker: colour
        ? {
            size: 8,
            color: colour,
            colorscale: "Viridis",
            showscale: true,
            colorbar: { title: { text: opts.color } },
          }
        : { size: 7, color: "#4e79a7", opacity: 0.75 },
      hovertemplate: `%{text}: ${x} %{x:.3f}, ${y} %{y:.3f}<extra></extra>`,
    },
  ];
  if (opts.line ?? true) {
    const fit = ols(`${y} ~ ${x}`, { [x]: xs, [y]: ys });
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const a = fit.params.Intercept;
    const b = fit.params[x];
    traces.push({
      type: "scatter",
      mode: "lines",
      name: `fit: ${y} = ${a.toFixed(3)} + ${b.toFixed(3)}·${x}`,
      x: [lo, hi],
      y: [a + b * lo, a + b * hi],
      line: { color: "#e15759", width: 3 },
      hoverinfo: "skip",
    });
  }
  return {
    data: traces,
    layout: {
      ...LAYOUT,
      title: { text: opts.title ?? `${y} against ${x}` },
      xaxis: axis(x),
      yaxis: axis(y),
      showlegend: opts.line ?? true,
      legend: { x: 0, y: 1, bgcolor: "rgba(255,255,255,0.7)" },
    },
  };
}

/**
 * Residuals against fitted values of a fit, with the zero line: a cloud without pattern is what
 * the model assumes; a funnel suggests heteroskedasticity, a curve a missing non-linearity.
 *
 * Throws: DataError when `labels` does not have one entry per observation.
 * @example
 * display(residualsFittedFigure(ols(MODEL6, df), { labels: rowLabels }));
 */
export function residualsFittedFigure(
  fit: RegressionResults,
  opts: { labels?: readonly string[]; title?: string } = {},
): PlotlyFigure {
  const n = fit.nobs;
  if (opts.labels && opts.labels.length !== n) {
    throw new DataError(
      `residualsFittedFigure: ${opts.labels.length} labels for ${n} observations`,
    );
  }
  const lo = Math.min(...fit.fittedvalues);
  const hi = Math.max(...fit.fittedvalues);
  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        name: "observations",
        x: fit.fittedvalues,
        y: fit.resid,
        text: opts.labels ? [...opts.labels] : undefined,
        marker: { size: 7, color: "#4e79a7", opacity: 0.75 },
        hovertemplate: `${opts.labels ? "%{text}: " : ""}fitted %{x:.3f}, residual %{y:.3f}<extra></extra>`,
      },
      {
        type: "scatter",
        mode: "lines",
        name: "zero",
        x: [lo, hi],
        y: [0, 0],
        line: { color: "#999", dash: "dash" },
        hoverinfo: "skip",
      },
    ],
    layout: {
      ...LAYOUT,
      title: { text: opts.title ?? `Residuals against fitted values: ${fit.model.formula}` },
      xaxis: axis(`fitted ${fit.model.endogName}`),
      yaxis: axis("residual"),
      showlegend: false,
    },
  };
}

/**
 * Normal QQ plot of the internally studentized residuals (R's rstandard) against standard-normal
 * quantiles, with the 45° line: points on the line mean normal-looking errors; an S-shape means
 * heavy or light tails, a bend at one end skewness. Each point is labelled with its observation.
 *
 * Formula: sample = sorted rᵢ = eᵢ/(s√(1 − hᵢᵢ)); theoretical = Φ⁻¹((i − a)/(n + 1 − 2a)) (R's
 * ppoints). Throws: DataError as `olsInfluence` (e.g. a fit with absorbed fixed effects).
 * @example
 * display(qqFigure(ols(MODEL6, df), { labels: rowLabelsOf(df) }));
 */
export function qqFigure(
  fit: RegressionResults,
  opts: { labels?: readonly string[]; title?: string } = {},
): PlotlyFigure {
  const r = olsInfluence(fit).residStudentizedInternal;
  const q = qqPoints(r);
  const lo = Math.min(q.theoretical[0], q.sample[0]);
  const hi = Math.max(q.theoretical[q.theoretical.length - 1], q.sample[q.sample.length - 1]);
  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        name: "studentized residuals",
        x: q.theoretical,
        y: q.sample,
        text: opts.labels ? q.index.map((i) => opts.labels![i]) : undefined,
        marker: { size: 7, color: "#4e79a7", opacity: 0.75 },
        hovertemplate: `${opts.labels ? "%{text}: " : ""}normal %{x:.2f}, residual %{y:.2f}<extra></extra>`,
      },
      {
        type: "scatter",
        mode: "lines",
        name: "45° line",
        x: [lo, hi],
        y: [lo, hi],
        line: { color: "#e15759", dash: "dash" },
        hoverinfo: "skip",
      },
    ],
    layout: {
      ...LAYOUT,
      title: { text: opts.title ?? `Normal QQ plot of the residuals: ${fit.model.formula}` },
      xaxis: axis("standard normal quantile"),
      yaxis: axis("studentized residual"),
      showlegend: false,
    },
  };
}

/**
 * Influence: leverage hᵢᵢ against the squared (studentized) residual, each point's size its Cook's
 * distance, the `top` most influential observations named. High leverage alone (far-out
 * regressors) or a large residual alone moves the estimates little; Cook's distance is large when
 * both are. The dashed line marks the common rule of thumb 2k/n for high leverage.
 *
 * Formula: Dᵢ = rᵢ²hᵢᵢ/(k(1 − hᵢᵢ)) (see `olsInfluence`). Throws: DataError as `olsInfluence`,
 * or when `labels` does not have one entry per observation.
 * @example
 * display(influenceFigure(ols(MODEL6, df), { labels: rowLabelsOf(df), top: 5 }));
 */
export function influenceFigure(
  fit: RegressionResults,
  opts: { labels?: readonly string[]; top?: number; title?: string } = {},
): PlotlyFigure {
  const inf = olsInfluence(fit);
  const n = inf.nobs;
  if (opts.labels && opts.labels.length !== n) {
    throw new DataError(`influenceFigure: ${opts.labels.length} labels for ${n} observations`);
  }
  const labels = opts.labels ?? Array.from({ length: n }, (_, i) => `row ${i + 1}`);
  const r2 = inf.residStudentizedInternal.map((r) => r * r);
  const cook = inf.cooksDistance;
  const order = cook.map((_, i) => i).sort((a, b) => cook[b] - cook[a]);
  const named = new Set(order.slice(0, opts.top ?? 5));
  const maxCook = Math.max(...cook);
  const cut = (2 * inf.kParams) / n;
  return {
    data: [
      {
        type: "scatter",
        mode: "markers+text",
        name: "observations",
        x: inf.hatMatrixDiag,
        y: r2,
        text: labels.map((l, i) => (named.has(i) ? l : "")),
        textposition: "top center",
        customdata: cook.map((c, i) => [labels[i], c]),
        marker: {
          size: cook.map((c) => 6 + 24 * Math.sqrt(c / maxCook)),
          color: cook,
          colorscale: "YlOrRd",
          showscale: true,
          colorbar: { title: { text: "Cook's D" } },
          line: { color: "#555", width: 0.5 },
        },
        hovertemplate:
          "%{customdata[0]}: leverage %{x:.3f}, r² %{y:.2f}, Cook's D %{customdata[1]:.3f}<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines",
        name: `2k/n = ${cut.toFixed(3)}`,
        x: [cut, cut],
        y: [0, Math.max(...r2)],
        line: { color: "#999", dash: "dash" },
        hoverinfo: "name",
      },
    ],
    layout: {
      ...LAYOUT,
      title: {
        text: opts.title ?? `Leverage, residuals and Cook's distance: ${fit.model.formula}`,
      },
      xaxis: axis("leverage hᵢᵢ"),
      yaxis: axis("squared studentized residual"),
      showlegend: false,
    },
  };
}

/**
 * "City year" labels of the rows of a frame with city and year columns (else "row i"), for the
 * hover labels and names of the figures above.
 *
 * Throws: never.
 * @example
 * rowLabelsOf(df).slice(0, 2); // ["Hangzhou 2014", "Hangzhou 2015"]
 */
export function rowLabelsOf(data: DataLike): string[] {
  const cols = toColumns(data);
  const n = Object.values(cols)[0]?.length ?? 0;
  return rowLabels(cols, n);
}

/**
 * Two panels: the between view (one point per group: the group means of x and y, with the
 * between-group least-squares line) and the within view (each observation's deviation from its
 * group's means, with the within line — the fixed-effects slope). When the two slopes differ,
 * pooled OLS mixes two different relationships; fixed effects keep only the within one.
 *
 * Formula: between slope = ols(ȳ_g ~ x̄_g); within slope = ols(y − ȳ_g ~ x − x̄_g − 1), which is
 * `ols("y ~ x | group")`. Throws: DataError for a missing or non-numeric column.
 * @example
 * display(withinBetweenFigure(df, "NQP", "CO", "city"));
 */
export function withinBetweenFigure(
  data: DataLike,
  x: string,
  y: string,
  group: string,
  opts: { title?: string } = {},
): PlotlyFigure {
  const what = "withinBetweenFigure";
  const cols = toColumns(data);
  const xs = numbers(cols, x, what);
  const ys = numbers(cols, y, what);
  const g = frameColumn(cols, group).map(String);
  const levels = [...new Set(g)];
  const mean = (v: number[], level: string) => {
    const rows = g.flatMap((l, i) => (l === level ? [v[i]] : []));
    return rows.reduce((a, b) => a + b, 0) / rows.length;
  };
  const mx = new Map(levels.map((l) => [l, mean(xs, l)]));
  const my = new Map(levels.map((l) => [l, mean(ys, l)]));
  const between = ols("y ~ x", {
    x: levels.map((l) => mx.get(l)!),
    y: levels.map((l) => my.get(l)!),
  });
  const dx = xs.map((v, i) => v - mx.get(g[i])!);
  const dy = ys.map((v, i) => v - my.get(g[i])!);
  const within = ols("y ~ x - 1", { x: dx, y: dy });
  const line = (
    lo: number,
    hi: number,
    a: number,
    b: number,
    axes: Record<string, string>,
    name: string,
  ) => ({
    type: "scatter",
    mode: "lines",
    name,
    x: [lo, hi],
    y: [a + b * lo, a + b * hi],
    line: { color: "#e15759", width: 3 },
    hoverinfo: "skip",
    ...axes,
  });
  const bx = levels.map((l) => mx.get(l)!);
  const bSlope = between.params.x;
  const wSlope = within.params.x;
  return {
    data: [
      {
        type: "scatter",
        mode: "markers+text",
        name: `${group} means`,
        x: bx,
        y: levels.map((l) => my.get(l)!),
        text: levels,
        textposition: "top center",
        marker: { size: 9, color: "#4e79a7" },
        hovertemplate: `%{text}: mean ${x} %{x:.3f}, mean ${y} %{y:.3f}<extra></extra>`,
      },
      line(
        Math.min(...bx),
        Math.max(...bx),
        between.params.Intercept,
        bSlope,
        {},
        `between slope ${bSlope.toFixed(3)}`,
      ),
      {
        type: "scatter",
        mode: "markers",
        name: `deviations from ${group} means`,
        x: dx,
        y: dy,
        text: rowLabels(cols, xs.length),
        marker: { size: 6, color: "#59a14f", opacity: 0.7 },
        hovertemplate: `%{text}: ${x} − mean %{x:.3f}, ${y} − mean %{y:.3f}<extra></extra>`,
        xaxis: "x2",
        yaxis: "y2",
      },
      line(
        Math.min(...dx),
        Math.max(...dx),
        0,
        wSlope,
        { xaxis: "x2", yaxis: "y2" },
        `within slope ${wSlope.toFixed(3)}`,
      ),
    ],
    layout: {
      ...LAYOUT,
      title: { text: opts.title ?? `${y} and ${x}: between and within groups of ${group}` },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: axis(`mean ${x} of each ${group}`, { domain: [0, 0.46] }),
      yaxis: axis(`mean ${y}`),
      xaxis2: axis(`${x} − its ${group} mean`, { domain: [0.54, 1] }),
      yaxis2: axis(`${y} − its ${group} mean`, { anchor: "x2" }),
      legend: { orientation: "h", y: -0.2 },
      height: 450,
    },
  };
}

/**
 * Histogram of the wild bootstrap t statistics t*_b (computed with the null imposed) with the
 * observed t and the ± bootstrap and t(G − 1) critical values marked: the share of |t*| beyond
 * |t̂| is the bootstrap p-value. The draws are binned here (60 equal bins) and drawn as bars of
 * counts, so the figure stays a few kilobytes whatever the number of draws.
 *
 * Throws: DataError when the result holds no bootstrap draws.
 * @example
 * display(bootstrapFigure(wildClusterBootstrap(MODEL6, df, { param: "TRADE", cluster: "city" })));
 */
export function bootstrapFigure(
  result: WildBootstrapResult,
  opts: { title?: string } = {},
): PlotlyFigure {
  const t = Array.from(result.tBoot).filter((v) => Number.isFinite(v));
  if (t.length === 0) throw new DataError("bootstrapFigure: the result has no bootstrap draws");
  // 60 equal bins from the smallest to the largest draw (the largest closes the last bin); the
  // tallest bar sets the height of the marker lines.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of t) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const width = (hi - lo) / 60 || 1;
  const counts = new Array<number>(60).fill(0);
  for (const v of t) counts[Math.min(59, Math.floor((v - lo) / width))] += 1;
  const edges = counts.map((_, k) => [lo + k * width, lo + (k + 1) * width]);
  const top = Math.max(...counts) * 1.05;
  const vline = (x: number, name: string, colour: string, dash: string) => ({
    type: "scatter",
    mode: "lines",
    name,
    x: [x, x],
    y: [0, top],
    line: { color: colour, width: 2, dash },
    hoverinfo: "name",
  });
  return {
    data: [
      {
        type: "bar",
        name: `t* (${result.draws} draws)`,
        x: edges.map(([a, b]) => (a + b) / 2),
        y: counts,
        width: width,
        customdata: edges,
        marker: { color: "#bab0ac" },
        hovertemplate:
          "t* in [%{customdata[0]:.2f}, %{customdata[1]:.2f}): %{y} draws<extra></extra>",
      },
      vline(result.tStat, `observed t = ${result.tStat.toFixed(2)}`, "#e15759", "solid"),
      vline(
        result.criticalValue,
        `bootstrap critical value ±${result.criticalValue.toFixed(2)}`,
        "#4e79a7",
        "dash",
      ),
      vline(-result.criticalValue, "", "#4e79a7", "dash"),
      vline(
        result.criticalValueCR1,
        `t(${result.nClusters - 1}) critical value ±${result.criticalValueCR1.toFixed(2)}`,
        "#59a14f",
        "dot",
      ),
      vline(-result.criticalValueCR1, "", "#59a14f", "dot"),
    ].map((trace) => (trace.name === "" ? { ...trace, showlegend: false } : trace)),
    layout: {
      ...LAYOUT,
      title: {
        text:
          opts.title ??
          `Wild cluster bootstrap of ${result.coef}: p* = ${result.pValue.toFixed(3)}`,
      },
      xaxis: axis("t statistic under the null"),
      yaxis: axis("draws"),
      bargap: 0.02,
      legend: { x: 1, xanchor: "right", y: 1, bgcolor: "rgba(255,255,255,0.7)" },
    },
  };
}
