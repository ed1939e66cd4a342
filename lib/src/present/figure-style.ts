/**
 * The look every plotly figure of the library shares: font, margins, white background, light
 * grid. Internal to present/ (not exported from the package).
 */

/** Layout fields common to every figure. */
export const BASE_LAYOUT = {
  font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 13 },
  margin: { l: 70, r: 30, t: 60, b: 60 },
  paper_bgcolor: "white",
  plot_bgcolor: "white",
};

/**
 * A plotly axis with a title and the shared grid, plus any extra fields.
 *
 * Formula: none. Throws: nothing.
 * @example
 * axis("Year", { dtick: 1 }); // { title: { text: "Year" }, gridcolor: "#e5e5e5", …, dtick: 1 }
 */
export function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { text: title },
    gridcolor: "#e5e5e5",
    zerolinecolor: "#999",
    automargin: true,
    ...extra,
  };
}
