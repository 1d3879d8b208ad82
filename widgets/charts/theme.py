"""The charts' one theme and one offline renderer (set on import), and the check every chart's data passes.

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
