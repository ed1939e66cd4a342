/**
 * The reconstructed-data banner: one text everywhere, saying that most raw cells are real
 * yearbook figures, that the others were reconstructed, and — given the provenance counts of
 * what a table or chart uses (`realShareOfVariables` of lib/src/data/provenance.ts) — how much
 * of what it shows is real. `<div class="cp-banner cp-banner-reconstructed">`, styled by the
 * reader's edition.
 */
import { escapeHtml } from "./html";
import { displayBundle, type MimeBundle } from "./display";
import { realShareOfVariables } from "../data/provenance";
import { paperData, type PaperDataOptions } from "../paper/analysis-frame";

/** What the reconstructed-data banner says before any specific note. */
export const RECONSTRUCTED_BANNER_TEXT =
  "Reconstructed data. The authors published no data. GDP and sector value added, fiscal, " +
  "education and S&T expenditure, college students, emissions, telecom revenue and most years " +
  "of the other series are real yearbook figures (data/real/); the cells no source gives were " +
  "reconstructed as smooth continuations of each city's real figures (data/README.md; cell by " +
  "cell in data/provenance.csv). Results that use reconstructed cells show what the paper's " +
  "method gives on such a panel, not new evidence about Zhejiang.";

/** How much of the raw data behind what is shown is real (a `RealShare`, or just the counts). */
export interface BannerShare {
  real: number;
  total: number;
  /** Interpolated cells (interior gaps filled by the pipeline), if counted. */
  interpolated?: number;
  /** What the counts are about, e.g. "Table 5's variables" or ["CO", "NQP"]. */
  what?: string | readonly string[];
}

/**
 * The sentence a banner adds for a real share, e.g. "Here 1,204 of the 1,980 raw cells behind
 * CO, NQP and TRADE (61%) are real."
 *
 * Formula: percentage = round(100·real/total). Throws: never.
 * @example
 * realShareSentence({ real: 220, total: 220, what: ["UIS", "GOV"] });
 * // "Here all 220 raw cells behind UIS and GOV are real."
 */
export function realShareSentence(share: BannerShare): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const what = Array.isArray(share.what)
    ? listText(share.what as readonly string[])
    : ((share.what as string | undefined) ?? "what is shown");
  if (share.total === 0) return "";
  if (share.real === share.total)
    return `Here all ${n(share.total)} raw cells behind ${what} are real.`;
  const pct = Math.round((100 * share.real) / share.total);
  const interp =
    share.interpolated && share.interpolated > 0
      ? `, ${n(share.interpolated)} interpolated between real years`
      : "";
  return `Here ${n(share.real)} of the ${n(share.total)} raw cells behind ${what} (${pct}%) are real${interp}; the rest are reconstructed.`;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The MIME bundle of the reconstructed-data banner: the common text, then (given `real`) how
 * much of what is shown is real, then an optional specific note.
 *
 * Purpose: one banner text everywhere (RECONSTRUCTED_BANNER_TEXT). Throws: never (pure).
 * @example
 * bannerBundle("Table 5 uses CO, NQP, TRADE, GOV and RCY.", { real: 1500, total: 2000 })["text/plain"];
 * // "⚠ Reconstructed data. … Here 1,500 of the 2,000 raw cells behind what is shown (75%) are real; … Table 5 uses …"
 */
export function bannerBundle(note?: string, real?: BannerShare): MimeBundle {
  const share = real ? realShareSentence(real) : "";
  const extra = `${share ? ` ${share}` : ""}${note ? ` ${note}` : ""}`;
  // Everything shown is real: say so, without the warning about reconstructed cells.
  if (real && real.total > 0 && real.real === real.total) {
    return {
      "text/html":
        `<div class="cp-banner cp-banner-reconstructed cp-banner-all-real" role="note">` +
        `<strong>Real data.</strong> ${escapeHtml(share)}` +
        (note ? ` <em>${escapeHtml(note)}</em>` : "") +
        `</div>`,
      "text/plain": `Real data. ${share}${note ? ` ${note}` : ""}`,
    };
  }
  const html =
    `<div class="cp-banner cp-banner-reconstructed" role="note">` +
    `<strong>⚠ Reconstructed data.</strong> ${escapeHtml(RECONSTRUCTED_BANNER_TEXT.slice("Reconstructed data. ".length))}` +
    (share ? ` <strong class="cp-banner-share">${escapeHtml(share)}</strong>` : "") +
    (note ? ` <em>${escapeHtml(note)}</em>` : "") +
    `</div>`;
  return { "text/html": html, "text/plain": `⚠ ${RECONSTRUCTED_BANNER_TEXT}${extra}` };
}

/**
 * Shows the reconstructed-data banner (see `bannerBundle`); outside a kernel returns the bundle.
 *
 * Throws: only what the bundle builder throws (see `bannerBundle`); never for being outside a
 * kernel, where it returns the bundle instead of sending it.
 * @example
 * reconstructedBanner("CO, NQP and TRADE use reconstructed indicators.", realShareOfVariables(prov, cb, ["CO", "NQP", "TRADE"]));
 */
export function reconstructedBanner(note?: string, real?: BannerShare): MimeBundle | undefined {
  return displayBundle(bannerBundle(note, real));
}

/**
 * The reconstructed-data banner for some of the paper's variables, saying how much of the raw
 * data behind them is real on the panel the notebook uses (the cities it keeps), from the
 * panel's per-cell provenance; for a panel supplied elsewhere it says its provenance is unknown.
 *
 * Throws: DataError from `paperData` or for an unknown variable.
 * @example
 * paperBanner(["CO", "NQP", "TRADE"], "The indices of Tables 1–2.", params());
 */
export function paperBanner(
  variables: readonly string[],
  note?: string,
  options: PaperDataOptions = {},
): MimeBundle | undefined {
  const { panel, provenance } = paperData(options);
  if (!provenance) {
    const unknown =
      "This panel was supplied by you: which of its cells are real is not known to the project.";
    return reconstructedBanner(note ? `${unknown} ${note}` : unknown);
  }
  const share = realShareOfVariables(provenance, panel.codebook, variables, {
    cities: panel.cities.filter((c) => !(options.dropCities ?? []).includes(c)),
  });
  return reconstructedBanner(note, { ...share, what: variables });
}
