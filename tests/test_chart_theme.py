"""The charts' renderer and text description: what a screen reader, an export or a stale kernel shows beside a chart."""

from __future__ import annotations

import pytest

from widgets import runtime
from widgets.charts.theme import VEGALITE_MIME, describe, kit_renderer, title_text


@pytest.mark.parametrize("title, params, expected", [
    ("A plain title", [], "A plain title"),
    ({"text": "In a title object", "subtitle": "sub"}, [], "In a title object"),
    (["Two", "lines"], [], "Two lines"),
    ({"text": {"expr": "kit_title"}}, [{"name": "kit_title", "value": "From a parameter"}], "From a parameter"),
    ({"expr": "kit_title"}, [{"name": "kit_title", "value": "Bare expression"}], "Bare expression"),
    ({"text": {"expr": "'Who a cut-off of ' + cutoff + ' approves'"}}, [{"name": "cutoff", "value": 620.0}],
     "Who a cut-off of 620 approves"),
])
def test_a_title_reads_as_drawn_even_when_a_parameter_gives_it(title, params, expected):
    spec = {"title": title, "params": params, "description": "One sentence."}
    assert title_text(spec) == expected
    assert describe(spec) == f"Chart: {expected}. One sentence."


def test_a_parameter_of_a_sub_chart_counts():
    spec = {"title": {"text": {"expr": "kit_title"}}, "vconcat": [{"params": [{"name": "kit_title", "value": "Inner"}]}]}
    assert title_text(spec) == "Inner"


@pytest.mark.parametrize("expr", ["alert(1)", "kit_title * 2", "'unterminated", "datum.x"])
def test_any_other_expression_is_not_evaluated_and_reads_as_no_title(expr):
    assert title_text({"title": {"text": {"expr": expr}}, "params": [{"name": "kit_title", "value": "x"}]}) == ""


SPEC = {"mark": "bar", "data": {"values": [{"a": "x", "b": 2}]}, "description": "One bar.", "title": "T",
        "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}


def test_a_students_kernel_sends_vega_lite_and_text_and_a_builds_kernel_adds_the_svg(monkeypatch):
    """JupyterLab and Voila draw the Vega-Lite offline; the SVG is for exports and previews, made in builds."""
    monkeypatch.delenv(runtime.BUILD_ENV, raising=False)
    bundle, metadata = kit_renderer(SPEC)
    assert set(bundle) == {VEGALITE_MIME, "text/plain"} and bundle["text/plain"] == "Chart: T. One bar."
    assert metadata[VEGALITE_MIME]["embed_options"]["renderer"] == "svg"
    monkeypatch.setenv(runtime.BUILD_ENV, "1")
    bundle, _ = kit_renderer(SPEC)
    assert set(bundle) == {VEGALITE_MIME, "image/svg+xml", "text/plain"}
    assert bundle["image/svg+xml"].startswith("<svg") and ">T</text>" in bundle["image/svg+xml"]
