"""The charts' one theme and one offline renderer (set on import), and the check every chart's data passes.

Renderer (set once, on import): every chart is emitted as a Vega-Lite v5 bundle, which
JupyterLab 4 and Voila draw natively and interactively with no network, plus a one-sentence text
description. In a build's or test's kernel (``widgets.runtime.is_build()``: ``./kit build`` and the
tests set ``KIT_BUILD=1``) it also carries a static SVG made locally by vl-convert, which the
committed notebooks keep for GitHub previews and nbval compares; vl-convert (about 70 MB of a
kernel's memory once its JavaScript runtime starts) is imported only then. A student's kernel
never loads it; the kit's exports draw the SVG of a chart saved without one themselves.
Chart data is always aggregated in pandas first (``MAX_ROWS`` at most).
"""

from __future__ import annotations

import re
from typing import Any

import altair as alt
import pandas as pd

from ..runtime import is_build

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
    """The chart's one-sentence text: its title (as drawn, see ``title_text``) and its description."""
    description = spec.get("description", "")
    return f"Chart: {title_text(spec)}. {description}".strip()


def title_text(spec: dict[str, Any]) -> str:
    """A spec's title as the reader sees it; a title given by an expression over the chart's parameters
    (``'Who a cut-off of ' + cutoff + ' approves'``, or just ``kit_title``) reads with their values."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) and "expr" not in title else title
    if isinstance(text, dict) and "expr" in text:
        text = _evaluate(text["expr"], _param_values(spec))
    if isinstance(text, list):
        text = " ".join(map(str, text))
    return str(text)


def _param_values(spec: Any) -> dict[str, Any]:
    """Every named parameter's value in a spec and its sub-charts (layers, concatenations)."""
    values: dict[str, Any] = {}
    if isinstance(spec, dict):
        for param in spec.get("params", []) or []:
            if isinstance(param, dict) and "name" in param and "value" in param:
                values.setdefault(param["name"], param["value"])
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for sub in spec.get(key, []) or []:
                for name, value in _param_values(sub).items():
                    values.setdefault(name, value)
    return values


_TOKEN = re.compile(r"\s*(?:'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|([A-Za-z_]\w*))\s*(\+|$)")


def _evaluate(expr: str, values: dict[str, Any]) -> str:
    """A title expression of quoted strings and parameter names joined by ``+`` (nothing else is read)."""
    parts, position = [], 0
    while position < len(expr):
        match = _TOKEN.match(expr, position)
        if not match or match.end() == position:
            return ""
        single, double, name, _ = match.groups()
        if name is not None:
            value = values.get(name, "")
            parts.append(f"{value:g}" if isinstance(value, float) else str(value))
        else:
            parts.append(single if single is not None else double)
        position = match.end()
    return "".join(parts)


def kit_renderer(spec: dict[str, Any], **options: Any) -> tuple[dict, dict]:
    """Altair renderer: Vega-Lite v5 (live), text (screen readers, plain viewers), and in a build's or
    test's kernel SVG too (exports, previews); ``static=True``/``False`` forces the SVG on or off."""
    bundle: dict[str, Any] = {VEGALITE_MIME: spec, "text/plain": describe(spec)}
    if options.get("static", is_build()):
        bundle["image/svg+xml"] = svg(spec)
    return bundle, {VEGALITE_MIME: {"embed_options": EMBED_OPTIONS}}


def svg(spec: dict[str, Any]) -> str:
    """The chart drawn as SVG by vl-convert, with no network (imported here: only builds and exports need it)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)


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
