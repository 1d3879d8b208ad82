"""Chart builders that share one theme and one offline renderer.

Renderer (set once, on import): every chart is emitted as a Vega-Lite v5 bundle, which
JupyterLab 4 and Voila draw natively and interactively with no network, plus a static SVG
made locally by vl-convert, which nbconvert/HTML exports and GitHub previews show instead,
plus a one-sentence text description. Live widget updates skip the SVG (see ``live_bundle``).
Chart data is always aggregated in pandas first (``MAX_ROWS`` at most).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
VL_VERSION = "5.20"  # the Vega-Lite version altair 5.5 writes (v5.20.1)
EMBED_OPTIONS = {"renderer": "svg", "actions": False}
MAX_ROWS = 5_000

# Okabe & Ito's colour-blind-safe palette
PALETTE = ["#0072B2", "#E69F00", "#56B4E9", "#D55E00", "#009E73", "#CC79A7", "#F0E442", "#000000"]
# fixed colours for the lender's four outcomes: blues = approved, oranges = refused
OUTCOME_COLOURS = {
    "approved, would repay": "#0072B2", "approved, would default": "#56B4E9",
    "refused, would repay": "#D55E00", "refused, would default": "#E69F00",
}
WIDTH, HEIGHT = 520, 260


@alt.theme.register("kit", enable=True)
def kit_theme() -> alt.theme.ThemeConfig:
    """One look for every chart: readable sizes and the colour-blind-safe palette."""
    return {
        "config": {
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12, "subtitleColor": "#444"},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "grid": True, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "font": "DejaVu Sans, Arial, sans-serif",
        }
    }


def describe(spec: dict[str, Any]) -> str:
    """The chart's one-sentence text: its title and its description."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    description = spec.get("description", "")
    return f"Chart: {title}. {description}".strip()


def kit_renderer(spec: dict[str, Any], **options: Any) -> tuple[dict, dict]:
    """Altair renderer: Vega-Lite v5 (live), SVG (exports), text (screen readers, plain viewers)."""
    bundle: dict[str, Any] = {VEGALITE_MIME: spec, "text/plain": describe(spec)}
    if options.get("static", True):
        bundle["image/svg+xml"] = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)
    return bundle, {VEGALITE_MIME: {"embed_options": EMBED_OPTIONS}}


alt.renderers.register("kit", kit_renderer)
alt.renderers.enable("kit")


def live_bundle(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """A light bundle for redrawing inside a live widget: Vega-Lite and text, no SVG.

    The spec is not re-validated against the Vega-Lite schema on every redraw (the same
    builders are validated when their static companion is drawn and in the tests).
    """
    spec = chart.to_dict(validate=False)
    return {VEGALITE_MIME: spec, "text/plain": describe(spec)}


def check_rows(name: str, frame: pd.DataFrame | alt.Data) -> pd.DataFrame | alt.Data:
    """Check chart data: a DataFrame already aggregated to at most ``MAX_ROWS`` rows.

    A named dataset (``alt.Data(name=...)``, the rows a live panel sends later) passes as it is.
    """
    if isinstance(frame, alt.Data):
        return frame
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    if len(frame) > MAX_ROWS:
        raise ValueError(f"{name} has {len(frame):,} rows; aggregate it to at most {MAX_ROWS:,} before charting")
    return frame


def weights_bar(weights: pd.DataFrame, *, title: str, description: str | None = None) -> alt.Chart:
    """Horizontal bars of factor weights in percent (columns: label, value, source_id)."""
    frame = check_rows("weights", weights)[["label", "value", "source_id"]]
    if description is None:
        ranked = frame.sort_values("value", ascending=False)
        description = "Bars give each factor's weight in percent: " + "; ".join(
            f"{label} {value:g}%" for label, value in zip(ranked["label"], ranked["value"])) + "."
    return alt.Chart(frame, title=title, description=description).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("value:Q", title="Weight (% of the score)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("label:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("label:N", title="Factor"), alt.Tooltip("value:Q", title="Weight (%)"),
                 alt.Tooltip("source_id:N", title="Source")],
    ).properties(height=180)


def contributions_bar(contributions: pd.DataFrame | alt.Data, *, floor: float, title: str,
                      description: str) -> alt.Chart:
    """Points each factor adds above the floor of the scale, for one (toy) person."""
    frame = check_rows("contributions", contributions)
    return alt.Chart(frame, title=title, description=description).mark_bar(color=PALETTE[4]).encode(
        x=alt.X("points:Q", title=f"Points added above {floor:g}", scale=alt.Scale(domain=[0, 200])),
        y=alt.Y("factor:N", title=None, sort=None),
        tooltip=[alt.Tooltip("factor:N", title="Factor"), alt.Tooltip("weight_percent:Q", title="Weight (%)"),
                 alt.Tooltip("rating:Q", title="Rating (0-100)"), alt.Tooltip("points:Q", title="Points")],
    ).properties(height=180)


def outcome_histogram_chart(histogram: pd.DataFrame | alt.Data, *, cutoff: float | alt.Parameter,
                            title: str | alt.Title, description: str,
                            domain: tuple[float, float] = (300, 850)) -> alt.LayerChart:
    """Stacked histogram of synthetic scores by lending outcome, with the cut-off as a rule.

    ``cutoff`` may be a chart parameter: the browser then moves the rule by itself (live panels).
    """
    frame = check_rows("histogram", histogram)
    order = list(OUTCOME_COLOURS)
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("bin_start:Q", bin="binned", title="Toy score (points)", scale=alt.Scale(domain=list(domain))),
        x2="bin_end:Q",
        y=alt.Y("sum(people):Q", title="Synthetic people", stack="zero"),
        color=alt.Color("outcome:N", title="Outcome", sort=order,
                        scale=alt.Scale(domain=order, range=[OUTCOME_COLOURS[o] for o in order])),
        order=alt.Order("outcome_rank:Q"),
        tooltip=[alt.Tooltip("bin_start:Q", title="From score"), alt.Tooltip("bin_end:Q", title="To score"),
                 alt.Tooltip("outcome:N", title="Outcome"), alt.Tooltip("sum(people):Q", title="People", format=",")],
    ).transform_calculate(outcome_rank=f"indexof({order!r}, datum.outcome)")
    if isinstance(cutoff, alt.Parameter):
        line = alt.Chart(alt.Data(values=[{}])).transform_calculate(cutoff=cutoff.name)
    else:
        line = alt.Chart(pd.DataFrame({"cutoff": [cutoff]}))
    rule = line.mark_rule(color="black", strokeDash=[4, 3], size=2).encode(
        x="cutoff:Q", tooltip=[alt.Tooltip("cutoff:Q", title="Cut-off")])
    chart = alt.layer(bars, rule, title=title, description=description).properties(width=WIDTH, height=HEIGHT)
    return chart.add_params(cutoff) if isinstance(cutoff, alt.Parameter) else chart


_check_rows = check_rows  # older name, kept for modules written before it became public
