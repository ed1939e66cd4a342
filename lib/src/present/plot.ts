/**
 * Plot: the paper's charts as plain plotly figures (`{ data, layout }` objects, no plotly.js
 * needed to build them). Show one in a notebook with `showPlot(figure)` from display.ts; the
 * same JSON is drawn by JupyterLab, VS Code and the reader's edition.
 *
 * Every builder is a pure function of its inputs: same data → same JSON, so executed notebooks
 * are reproducible byte for byte. Inputs are plain arrays or column-oriented frames
 * (`{ city: [...], year: [...], CO: [...] }`), the shape `buildVariables` returns.
 */
import { DataError } from "../data/errors";
import { toColumns, type DataLike } from "../data/frame";
import { RegressionResults } from "../methods/regression-results";
import type { PlotlyFigure } from "./display";
import { axis, BASE_LAYOUT } from "./figure-style";

/** Column-oriented data as `buildVariables(...).frame` holds it. */
type Columns = Record<string, readonly (number | string)[]>;

/** The paper's city order (section 2.1), used to order legends and boxes. */
export const PAPER_CITY_ORDER: readonly string[] = Object.freeze([
  "Hangzhou",
  "Ningbo",
  "Wenzhou",
  "Shaoxing",
  "Huzhou",
  "Jiaxing",
  "Jinhua",
  "Quzhou",
  "Zhoushan",
  "Taizhou",
  "Lishui",
]);

/** Eleven distinguishable colours (Tableau 10 plus one), one per city in paper order. */
const CITY_COLOURS = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#17becf",
];

/** Colours for groups that are not cities (regions, models, variables). */
const GROUP_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

function column(frame: Columns, name: string, what: string): readonly (number | string)[] {
  const col = frame[name];
  if (!Array.isArray(col)) {
    throw new DataError(`${what}: the frame has no column "${name}"`, {
      variable: name,
      hint: `use one of: ${Object.keys(frame).join(", ")}`,
    });
  }
  return col;
}

function numericColumn(frame: Columns, name: string, what: string): number[] {
  const col = column(frame, name, what);
  return col.map((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(`${what}: row ${i + 1} of "${name}" is not a finite number`, {
        variable: name,
        hint: "build the frame with buildVariables, which interpolates and validates",
      });
    }
    return v;
  });
}

/** Distinct values of a column in `preferred` order first, then in order of appearance. */
function groupsOf(values: readonly (number | string)[], preferred: readonly string[]): string[] {
  const seen = [...new Set(values.map(String))];
  const first = preferred.filter((g) => seen.includes(g));
  return [...first, ...seen.filter((g) => !first.includes(g))];
}

function cityColour(city: string, i: number): string {
  const k = PAPER_CITY_ORDER.indexOf(city);
  return CITY_COLOURS[(k >= 0 ? k : i) % CITY_COLOURS.length];
}

/**
 * Lines of one variable over the years, one line per city (e.g. the CO index 2014–2023).
 *
 * Throws: DataError when a column is missing or a value is not a finite number.
 * @example
 * showPlot(indexPathsFigure(frame, "CO", { title: "Common prosperity index by city" }));
 * showPlot(indexPathsFigure(frame, "NQP")); // legend in the paper's city order
 */
export function indexPathsFigure(
  source: DataLike,
  variable: string,
  opts: { title?: string; yTitle?: string; cityKey?: string; yearKey?: string } = {},
): PlotlyFigure {
  const what = "indexPathsFigure";
  const frame = toColumns(source);
  const cities = column(frame, opts.cityKey ?? "city", what).map(String);
  const years = numericColumn(frame, opts.yearKey ?? "year", what);
  const values = numericColumn(frame, variable, what);
  const data = groupsOf(cities, PAPER_CITY_ORDER).map((city, i) => {
    const rows = cities
      .map((c, r) => (c === city ? r : -1))
      .filter((r) => r >= 0)
      .sort((a, b) => years[a] - years[b]);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: city,
      x: rows.map((r) => years[r]),
      y: rows.map((r) => values[r]),
      line: { color: cityColour(city, i), width: 2 },
      marker: { size: 5 },
      hovertemplate: `${city} %{x}: %{y:.3f}<extra></extra>`,
    };
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: opts.title ?? `${variable} by city` },
      xaxis: axis("Year", { dtick: 1 }),
      yaxis: axis(opts.yTitle ?? variable),
      legend: { title: { text: "City" } },
      hovermode: "closest",
    },
  };
}

/**
 * Horizontal bar chart of entropy weights (any `{ names, weights }`, e.g. an `EntropyResult`),
 * bars coloured by the indicator's direction (+ benefit, − cost) when directions are given.
 *
 * Throws: DataError when names and weights differ in length.
 * @example
 * showPlot(weightsFigure(indices.NQP, { title: "NQP indicator weights" }));
 * showPlot(weightsFigure({ names: ["a", "b"], weights: [0.7, 0.3] }));
 */
export function weightsFigure(
  result: { names: readonly string[]; weights: readonly number[]; directions?: readonly string[] },
  opts: { title?: string; labels?: Record<string, string> } = {},
): PlotlyFigure {
  if (result.names.length !== result.weights.length) {
    throw new DataError(
      `weightsFigure: ${result.names.length} names but ${result.weights.length} weights`,
    );
  }
  const label = (n: string) => opts.labels?.[n] ?? n;
  const dirs = result.directions;
  const data = (dirs ? ["+", "-"] : [""]).map((dir) => {
    const idx = result.names.map((_, i) => i).filter((i) => !dirs || dirs[i] === dir);
    return {
      type: "bar",
      orientation: "h",
      name: dir === "+" ? "benefit (+)" : dir === "-" ? "cost (−)" : "weight",
      y: idx.map((i) => label(result.names[i])),
      x: idx.map((i) => result.weights[i]),
      text: idx.map((i) => result.weights[i].toFixed(3)),
      textposition: "outside",
      marker: { color: dir === "-" ? "#e15759" : "#4e79a7" },
      hovertemplate: "%{y}: %{x:.4f}<extra></extra>",
    };
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      margin: { ...BASE_LAYOUT.margin, l: 180 },
      title: { text: opts.title ?? "Entropy weights" },
      // room on the right for the value labels printed outside the bars
      xaxis: axis("Weight", { range: [0, 1.18 * Math.max(0, ...result.weights)] }),
      yaxis: axis("", {
        categoryorder: "array",
        categoryarray: [...result.names].reverse().map(label),
      }),
      showlegend: dirs !== undefined,
      legend: { orientation: "h", x: 1, xanchor: "right", y: 1.0, yanchor: "bottom" },
      height: 140 + 32 * result.names.length,
    },
  };
}

/**
 * Box plots of one or several variables by group (city or region), all points shown; with
 * several variables a dropdown switches between them.
 *
 * Throws: DataError when a column is missing or a value is not a finite number.
 * @example
 * showPlot(distributionFigure(frame, ["CO", "NQP", "TRADE"], "city"));
 * showPlot(distributionFigure(frame, "TRADE", "region"));
 */
export function distributionFigure(
  source: DataLike,
  variables: string | string[],
  by: string,
  opts: { title?: string; labels?: Record<string, string> } = {},
): PlotlyFigure {
  const what = "distributionFigure";
  const frame = toColumns(source);
  const vars = Array.isArray(variables) ? variables : [variables];
  if (vars.length === 0) throw new DataError(`${what}: no variables given`);
  const groupsCol = column(frame, by, what).map(String);
  const groups = groupsOf(groupsCol, by === "city" ? PAPER_CITY_ORDER : []);
  const label = (v: string) => opts.labels?.[v] ?? v;
  const data = vars.flatMap((v, k) => {
    const values = numericColumn(frame, v, what);
    return groups.map((g, i) => {
      const rows = groupsCol.map((c, r) => (c === g ? r : -1)).filter((r) => r >= 0);
      return {
        type: "box",
        name: g,
        y: rows.map((r) => values[r]),
        boxpoints: "all",
        jitter: 0.4,
        pointpos: 0,
        marker: { size: 4, color: by === "city" ? cityColour(g, i) : GROUP_COLOURS[i % 6] },
        visible: k === 0,
        showlegend: false,
        hovertemplate: `${g}: %{y:.3f}<extra>${label(v)}</extra>`,
      };
    });
  });
  const title = (v: string) => opts.title ?? `${label(v)} by ${by}`;
  const layout: Record<string, unknown> = {
    ...BASE_LAYOUT,
    title: { text: title(vars[0]) },
    xaxis: axis(by === "city" ? "City" : by === "region" ? "Region" : by),
    yaxis: axis(label(vars[0])),
  };
  if (vars.length > 1) {
    layout.updatemenus = [
      {
        type: "dropdown",
        x: 1,
        xanchor: "right",
        y: 1.15,
        yanchor: "top",
        buttons: vars.map((v, k) => ({
          label: label(v),
          method: "update",
          args: [
            { visible: vars.flatMap((_, j) => groups.map(() => j === k)) },
            { "title.text": title(v), "yaxis.title.text": label(v) },
          ],
        })),
      },
    ];
  }
  return { data, layout };
}

/**
 * Heatmap of a correlation matrix, cells annotated with r to two decimals, colour scale fixed
 * to [−1, 1] so colours compare across figures.
 *
 * Throws: DataError when the matrix is not square with one row per name.
 * @example
 * showPlot(correlationHeatmapFigure(["CO", "NQP"], [[1, 0.86], [0.86, 1]]));
 * showPlot(correlationHeatmapFigure(names, correlationMatrix(columns, names)));
 */
export function correlationHeatmapFigure(
  names: readonly string[],
  matrix: readonly (readonly number[])[],
  opts: { title?: string } = {},
): PlotlyFigure {
  if (matrix.length !== names.length || matrix.some((row) => row.length !== names.length)) {
    throw new DataError(
      `correlationHeatmapFigure: expected a ${names.length}×${names.length} matrix`,
    );
  }
  const text = matrix.map((row) => row.map((r) => r.toFixed(2)));
  return {
    data: [
      {
        type: "heatmap",
        x: [...names],
        y: [...names],
        z: matrix.map((row) => [...row]),
        zmin: -1,
        zmax: 1,
        colorscale: "RdBu",
        reversescale: true,
        text,
        texttemplate: "%{text}",
        hovertemplate: "r(%{y}, %{x}) = %{z:.3f}<extra></extra>",
        colorbar: { title: { text: "r" } },
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: opts.title ?? "Correlation matrix" },
      xaxis: axis("", { side: "bottom" }),
      yaxis: axis("", { autorange: "reversed" }),
      width: 560,
      height: 500,
    },
  };
}

/** What `coefficientPlotFigure` reads from a fitted model: a label and the array result. */
export interface CoefficientSource {
  label: string;
  result: {
    names: readonly string[];
    params: readonly number[];
    confInt: readonly (readonly number[])[];
  };
}

/**
 * Coefficient plot: each variable's estimate with its 95% confidence interval, one colour per
 * model, models side by side within a variable, and a zero line. A variable absent from a model
 * is simply not drawn for it.
 *
 * Throws: DataError when none of the models contains any of the variables.
 * @example
 * display(coefficientPlotFigure([m1, m2, m3], ["NQP", "TRADE"])); // formula fits, labelled (1)…
 * display(coefficientPlotFigure({ Northeast: ne, Southwest: sw }, ["NQP"]));
 */
export function coefficientPlotFigure(
  fits:
    readonly CoefficientSource[] | readonly RegressionResults[] | Record<string, RegressionResults>,
  variables: readonly string[],
  opts: { title?: string; labels?: Record<string, string> } = {},
): PlotlyFigure {
  const label = (v: string) => opts.labels?.[v] ?? v;
  const models: CoefficientSource[] = Array.isArray(fits)
    ? (fits as readonly (CoefficientSource | RegressionResults)[]).map((m, i) =>
        m instanceof RegressionResults ? { label: `(${i + 1})`, result: m.result } : m,
      )
    : Object.entries(fits as Record<string, RegressionResults>).map(([k, m]) => ({
        label: k,
        result: m.result,
      }));
  const data = models.map((m, k) => {
    const present = variables.filter((v) => m.result.names.includes(v));
    const at = present.map((v) => m.result.names.indexOf(v));
    const est = at.map((j) => m.result.params[j]);
    return {
      type: "scatter",
      mode: "markers",
      name: m.label,
      x: present.map(label),
      y: est,
      error_y: {
        type: "data",
        symmetric: false,
        array: at.map((j, i) => m.result.confInt[j][1] - est[i]),
        arrayminus: at.map((j, i) => est[i] - m.result.confInt[j][0]),
        thickness: 1.5,
        width: 3,
      },
      marker: { size: 8, color: GROUP_COLOURS[k % GROUP_COLOURS.length] },
      customdata: at.map((j) => [m.result.confInt[j][0], m.result.confInt[j][1]]),
      hovertemplate:
        `${m.label}, %{x}: %{y:.3f}<br>95% CI [%{customdata[0]:.3f}, %{customdata[1]:.3f}]` +
        "<extra></extra>",
    };
  });
  if (data.every((t) => t.x.length === 0)) {
    throw new DataError("coefficientPlotFigure: no model contains any of the variables", {
      hint: `variables asked for: ${variables.join(", ")}`,
    });
  }
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: opts.title ?? "Coefficients with 95% confidence intervals" },
      xaxis: axis("", { categoryorder: "array", categoryarray: variables.map(label) }),
      yaxis: axis("Coefficient", { zeroline: true, zerolinewidth: 2 }),
      scattermode: "group",
      scattergap: 0.4,
      legend: { title: { text: "Model" } },
    },
  };
}

/** One group of a regional fit chart: points and the fitted line y = intercept + slope·x. */
export interface FitGroup {
  name: string;
  x: readonly number[];
  y: readonly number[];
  slope: number;
  intercept: number;
  /** Hover label per point, e.g. "Hangzhou 2019". */
  text?: readonly string[];
}

/**
 * Scatter of y against x by group (region), each with its fitted line drawn over the group's
 * range of x. Feed it raw data and a bivariate fit, or the residuals of an added-variable
 * (Frisch–Waugh–Lovell) plot and the multiple-regression slope with intercept 0.
 *
 * Throws: DataError when x, y (and text) differ in length or a value is not finite.
 * @example
 * showPlot(regionalFitFigure([{ name: "Northeast", x, y, slope: 0.629, intercept: 0 }]));
 * showPlot(regionalFitFigure(groups, { xTitle: "NQP | controls", yTitle: "CO | controls" }));
 */
export function regionalFitFigure(
  groups: readonly FitGroup[],
  opts: { title?: string; xTitle?: string; yTitle?: string } = {},
): PlotlyFigure {
  const data = groups.flatMap((g, k) => {
    if (g.x.length !== g.y.length || (g.text && g.text.length !== g.x.length)) {
      throw new DataError(
        `regionalFitFigure: group "${g.name}" has x, y and text of different lengths`,
      );
    }
    if (g.x.length === 0) {
      throw new DataError(`regionalFitFigure: group "${g.name}" has no points`);
    }
    [...g.x, ...g.y, g.slope, g.intercept].forEach((v) => {
      if (!Number.isFinite(v)) {
        throw new DataError(`regionalFitFigure: group "${g.name}" has a non-finite value`);
      }
    });
    const colour = GROUP_COLOURS[k % GROUP_COLOURS.length];
    const lo = Math.min(...g.x);
    const hi = Math.max(...g.x);
    return [
      {
        type: "scatter",
        mode: "markers",
        name: g.name,
        legendgroup: g.name,
        x: [...g.x],
        y: [...g.y],
        text: g.text ? [...g.text] : undefined,
        marker: { size: 7, color: colour, opacity: 0.75 },
        hovertemplate: `${g.text ? "%{text}: " : ""}(%{x:.3f}, %{y:.3f})<extra>${g.name}</extra>`,
      },
      {
        type: "scatter",
        mode: "lines",
        name: `${g.name}: slope ${g.slope.toFixed(3)}`,
        legendgroup: g.name,
        x: [lo, hi],
        y: [g.intercept + g.slope * lo, g.intercept + g.slope * hi],
        line: { color: colour, width: 3 },
        hoverinfo: "skip",
      },
    ];
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: opts.title ?? "Fit by region" },
      xaxis: axis(opts.xTitle ?? "x"),
      yaxis: axis(opts.yTitle ?? "y"),
      legend: { title: { text: "Region" } },
      hovermode: "closest",
    },
  };
}
