"""The panels as a user meets them: numbers update on change, bad values show a message."""

import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from widgets import charts, panels, runtime
from widgets.models import fico as scoring
from widgets.models import population
from widgets.panels import live

FACTORS = population.FICO_FACTORS
WEIGHTS = pd.DataFrame({
    "id": [f"fico-weight-{f}" for f in FACTORS], "parameter": list(FACTORS),
    "label": ["Payment history", "Amounts owed", "Length of credit history", "Credit mix", "New credit"],
    "value": [35.0, 30.0, 15.0, 10.0, 10.0], "source_id": ["S52"] * 5,
})
SCALE = scoring.ScoreScale(300, 850)


def sent(panel):
    """What the browser was last sent: the result payload of the panel's widget."""
    return panel.widget.result


def test_toy_score_panel_updates_and_reports():
    panel = panels.ToyScorePanel(WEIGHTS, SCALE)
    # every rating 70 -> 300 + 550 * 0.7 = 685
    assert "Toy score: 685" in panel.numbers
    assert panel.summary().startswith("Toy score: 685 on the 300–850 scale")
    before = sent(panel)["data"]["parts"]
    assert panel.set(rating_payment_history=100)
    assert "Toy score: 743" in panel.numbers  # +550 * .35 * .3 = 57.75
    assert "Toy score: 743" in sent(panel)["numbers"]
    assert sent(panel)["data"]["parts"] != before
    assert panel.message == "" and sent(panel)["message"] == ""
    assert "payment history adds the most" in panel.description


def test_toy_score_panel_shows_message_for_bad_weights():
    panel = panels.ToyScorePanel(WEIGHTS, SCALE)
    good_numbers = panel.numbers
    assert not panel.set(weight_credit_mix=25)
    assert "weights must add up to 100; they add up to 115" in panel.message
    assert sent(panel)["message"] == panel.message and sent(panel)["ok"] is False
    assert panel.numbers == good_numbers == sent(panel)["numbers"]  # the last good state stays
    panel.set(weight_new_credit=-5)
    assert "weights['new_credit'] must be at least 0; got -5" in panel.message
    panel.set(weight_credit_mix=10, weight_new_credit=10)
    assert panel.message == "" and sent(panel)["ok"] is True


def test_every_control_names_what_it_sets_and_its_unit():
    panel = panels.ToyScorePanel(WEIGHTS, SCALE)
    controls = [c for c in live.walk(panel.controls) if isinstance(c, live.VALUED)]
    assert len(controls) == 10
    assert all(c.label and c.unit for c in controls)
    assert {c.label for c in controls} >= {"Payment history rating", "Payment history weight"}


@pytest.fixture(scope="module")
def cutoff_inputs():
    people = population.synthetic_borrowers(n=50_000)
    scores = scoring.fico_style_score(people, scoring.weights_from_table(WEIGHTS), SCALE)
    return scores, people["repays"]


def test_cutoff_panel_moves_with_slider(cutoff_inputs):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    first = panel.result()
    assert f"Approved: {first.approved:,}" in panel.numbers
    assert panel.summary() == panel.summary().strip() and "Approved:" in panel.summary()
    before = sent(panel)["data"]["hist"]
    assert panel.set(cutoff=700)
    second = panel.result()
    assert second.approved < first.approved
    assert f"Approved: {second.approved:,}" in panel.numbers
    assert sent(panel)["data"]["hist"] != before
    assert sent(panel)["params"] == {"cutoff": 700}
    assert "cut-off at 700" in panel.description
    assert sent(panel)["chart_label"].startswith("Chart: Who a cut-off of 700 approves.")


def test_cutoff_panel_answers_the_browser(cutoff_inputs):
    """Values arriving from the front-end (as ipywidgets delivers them) update the result, with their sequence number."""
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    panel.widget.set_state({"values": {"cutoff": 655, "_seq": 7}})
    assert sent(panel)["seq"] == 7 and "cut-off at 655" in sent(panel)["description"]
    assert panel.values["cutoff"] == 655


@pytest.mark.parametrize("typed, message", [
    (900, "cutoff must be between 300 and 850; got 900"),
    ("abc", "cutoff must be a whole number between 300 and 850; got 'abc'"),
    ("", "cutoff must be a whole number between 300 and 850; got ''"),
    (650.5, "cutoff must be a whole number between 300 and 850; got 650.5"),
])
def test_cutoff_panel_typed_bad_value_shows_message(cutoff_inputs, typed, message):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    numbers = panel.numbers
    assert not panel.set(cutoff=typed)
    assert panel.message == message
    assert panel.numbers == numbers and panel.result().cutoff == panels.ILLUSTRATIVE_CUTOFF
    assert panel.set(cutoff="650")
    assert panel.message == "" and panel.result().cutoff == 650


def test_panel_display_bundle_has_widget_view_and_summary(cutoff_inputs):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    bundle, _ = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == panel.summary()


def test_static_companion_is_the_default_state(cutoff_inputs):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    default = panel.static_chart().to_dict()
    panel.set(cutoff=500)
    assert panel.static_chart().to_dict() == default
    bundle, _ = panel.static_chart()._repr_mimebundle_()
    assert "Who a cut-off of 620 approves" in bundle["image/svg+xml"]  # what a reader of an export sees
    assert "cut-off at 620" in bundle["text/plain"] and default["description"] in bundle["text/plain"]
    assert set(bundle) == {charts.VEGALITE_MIME, "image/svg+xml", "text/plain"}


def test_live_chart_is_one_vega_lite_skeleton_with_named_data_and_the_cutoff_parameter(cutoff_inputs):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    spec = panel.widget.spec
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")  # compiled in the browser
    assert spec["layer"][0]["data"] == {"name": "hist"}  # rows arrive with each update, not in the spec
    assert "hist" not in spec.get("datasets", {})
    assert {"name": "cutoff", "value": 620} in [{k: p[k] for k in ("name", "value")} for p in spec["params"]]
    assert panel.widget.local_params == {"cutoff": "cutoff"}
    panel.set(cutoff=640)
    assert panel.widget.spec is spec or panel.widget.spec == spec  # the skeleton never changes


def test_making_and_moving_a_panel_never_imports_vl_convert():
    """A student's kernel draws no SVG and compiles no Vega-Lite: vl-convert's runtime (~70 MB) stays out."""
    code = ("import sys; from widgets import panels; from widgets.models import fico; "
            "w, s = fico.published_weights(); p = panels.ToyScorePanel(w, s); p.set(rating_payment_history=60); "
            "p.static_chart()._repr_mimebundle_(); print('vl_convert' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != runtime.BUILD_ENV}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                         env=env, cwd=live.FRONTEND.parents[2])
    assert out.stdout.strip() == "False"


def test_library_is_one_widget_per_kernel_and_unpacks_to_the_bundle(cutoff_inputs):
    import gzip
    scores, repays = cutoff_inputs
    a, b = panels.CutoffPanel(scores, repays, SCALE), panels.ToyScorePanel(WEIGHTS, SCALE)
    assert a.widget.library == b.widget.library == f"IPY_MODEL_{live.vega_library().model_id}"
    assert gzip.decompress(live.vega_library().bundle) == live.BUNDLE.read_bytes()


def test_columns_are_json_ready():
    frame = pd.DataFrame({"n": [1, 2], "x": [0.5, float("nan")], "c": pd.Categorical(["a", None]),
                          "d": pd.to_datetime(["2020-01-02", None])})
    assert json.loads(json.dumps(live.columns(frame))) == {
        "n": [1, 2], "x": [0.5, None], "c": ["a", None], "d": ["2020-01-02T00:00:00", None]}


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed (only needed to check the bundle)")
def test_committed_vega_bundle_compiles_a_panel_skeleton_and_draws_its_rows(cutoff_inputs):
    """The bundle the front-end imports compiles the cut-off panel's Vega-Lite skeleton (as panel.js does),
    and the Vega view it makes takes the rows the kernel sends and the cut-off parameter."""
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    columns = sent(panel)["data"]["hist"]
    script = (f"import({json.dumps(live.BUNDLE.as_uri())}).then(async m => {{"
              f"const spec = {json.dumps(panel.widget.spec)}; const cols = {json.dumps(columns)};"
              "const names = Object.keys(cols); const rows = cols[names[0]].map((_, i) =>"
              " Object.fromEntries(names.map(n => [n, cols[n][i]])));"
              "const v = new m.View(m.parse(m.compile(spec).spec), {renderer: 'none'});"
              "v.data('hist', rows); await v.runAsync();"
              "console.log(JSON.stringify([Object.keys(m).sort(), m.version, v.data('hist').length, v.signal('cutoff'),"
              " rows.length]));})")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60, check=True).stdout
    names, version, drawn, cutoff, rows = json.loads(out.strip().splitlines()[-1])
    assert names == ["Handler", "View", "compile", "parse", "version"] and version.startswith("5.")
    assert drawn == rows > 0 and cutoff == 620
