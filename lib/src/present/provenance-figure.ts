/**
 * The provenance picture: which cells of the panel are real, interpolated or reconstructed —
 * one row per raw column, one column per city-year (cities in the paper's order, years within
 * each city) — as a plotly heatmap with three colours. A pure function of the provenance table
 * and the codebook: same input, same JSON.
 */
import type { Codebook } from "../data/codebook";
import { codebookQuantityColumns } from "../data/codebook";
import { DataError } from "../data/errors";
import type { CellKind, ProvenanceTable } from "../data/provenance";
import { realShare } from "../data/provenance";
import type { PlotlyFigure } from "./display";

/** Colour of each kind (colour-blind safe: blue real, light grey-blue interpolated, orange reconstructed). */
export const PROVENANCE_COLOURS: Record<CellKind, string> = {
  real: "#2b6cb0",
  interpolated: "#90cdf4",
  reconstructed: "#ed8936",
};

const CODE: Record<CellKind, number> = { reconstructed: 0, interpolated: 1, real: 2 };

/**
 * A heatmap of the panel's cells by provenance: y = raw columns (codebook order, top to bottom),
 * x = city-years (the codebook's cities, years within each), colour = real / interpolated /
 * reconstructed; hovering a cell names it and its source. The title counts the real cells.
 *
 * `opts.columns` limits the rows (e.g. the columns behind one index); `opts.cities` the cities.
 * Throws: DataError when a column or city is not in the codebook, or a cell has no provenance.
 * @example
 * showPlot(provenanceFigure(loadProvenance("data/provenance.csv", cb), cb));
 */
export function provenanceFigure(
  prov: ProvenanceTable,
  codebook: Codebook,
  opts: { columns?: readonly string[]; cities?: readonly string[]; title?: string } = {},
): PlotlyFigure {
  const all = codebookQuantityColumns(codebook).map((c) => c.name);
  const columns = opts.columns ?? all;
  for (const c of columns) {
    if (!all.includes(c))
      throw new DataError(`"${c}" is not a quantity column of the codebook`, { column: c });
  }
  const cityNames = codebook.cities.map((c) => c.name);
  const cities = opts.cities ?? cityNames;
  for (const c of cities) {
    if (!cityNames.includes(c)) throw new DataError(`unknown city "${c}"`, { city: c });
  }
  const years: number[] = [];
  for (let y = codebook.years.first; y <= codebook.years.last; y++) years.push(y);
  const x = cities.flatMap((c) => years.map((y) => `${c} ${y}`));
  const z: number[][] = [];
  const text: string[][] = [];
  for (const column of columns) {
    const zr: number[] = [];
    const tr: string[] = [];
    for (const city of cities) {
      for (const year of years) {
        const p = prov.at(city, year, column);
        if (!p) {
          throw new DataError(`no provenance for ${city} ${year} ${column}`, {
            city,
            year,
            column,
          });
        }
        zr.push(CODE[p.kind]);
        tr.push(`${column}, ${city} ${year}: ${p.kind} (${p.source})`);
      }
    }
    z.push(zr);
    text.push(tr);
  }
  const s = realShare(prov, { columns, cities });
  const pct = Math.round(100 * s.share);
  const c = PROVENANCE_COLOURS;
  // a discrete colour scale: three equal bands for the codes 0, 1, 2
  const colorscale = [
    [0, c.reconstructed],
    [1 / 3, c.reconstructed],
    [1 / 3, c.interpolated],
    [2 / 3, c.interpolated],
    [2 / 3, c.real],
    [1, c.real],
  ];
  const tickvals = cities.map((_, k) => `${cities[k]} ${years[Math.floor(years.length / 2)]}`);
  return {
    data: [
      {
        type: "heatmap",
        x,
        y: [...columns],
        z,
        text,
        hoverinfo: "text",
        zmin: -0.5,
        zmax: 2.5,
        colorscale,
        xgap: 1,
        ygap: 1,
        showscale: true,
        colorbar: {
          tickvals: [0, 1, 2],
          ticktext: ["reconstructed", "interpolated", "real"],
          len: 0.5,
        },
      },
    ],
    layout: {
      title: {
        text:
          opts.title ??
          `Where each cell comes from: ${s.real.toLocaleString("en-US")} of ${s.total.toLocaleString("en-US")} raw cells real (${pct}%), ${s.interpolated} interpolated, ${s.reconstructed.toLocaleString("en-US")} reconstructed`,
      },
      font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 12 },
      margin: { l: 170, r: 30, t: 60, b: 90 },
      paper_bgcolor: "white",
      plot_bgcolor: "white",
      height: 120 + 22 * columns.length,
      xaxis: {
        tickmode: "array",
        tickvals,
        ticktext: [...cities],
        tickangle: -45,
        showgrid: false,
      },
      yaxis: { autorange: "reversed", showgrid: false, automargin: true },
    },
  };
}
