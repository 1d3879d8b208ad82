"""Panel of notebook 06: the toy model of rewards versus sanctions, with awareness of the scheme.

Sliders for awareness, reward size, sanction size and periods; a menu of the published awareness
figures to start from; typed boxes for the chance of being caught and the baseline. Key numbers:
the final compliance share in each scenario and its gain over "neither". Chart: compliance over
time, one line per scenario, with the assumptions table (published or illustrative) beside it.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import altair as alt
import pandas as pd

from .. import behaviour, charts
from ..checks import check_number
from .live import LivePanel, Number, Row, Select, Slider, Slot, Update

CUSTOM = "custom"  # the menu entry for an awareness share that is not a published figure
SCENARIO_COLOURS = {  # Okabe & Ito colours from the shared palette; "neither" also dashed
    "Neither": charts.PALETTE[7], "Rewards only": charts.PALETTE[0],
    "Sanctions only": charts.PALETTE[3], "Rewards and sanctions": charts.PALETTE[4],
}


def compliance_chart(long: pd.DataFrame | alt.Data, *, title: str, description: str) -> alt.Chart:
    """Compliance (%) over time, one line per scenario (columns: scenario, period, compliance_percent).

    ``long`` may be a named dataset (the rows a live panel sends with each update).
    """
    if isinstance(long, alt.Data):
        frame = long
    elif not isinstance(long, pd.DataFrame):
        raise TypeError(f"long must be a pandas DataFrame; got {type(long).__name__}")
    elif len(long) > charts.MAX_ROWS:
        raise ValueError(f"long has {len(long):,} rows; aggregate it to at most {charts.MAX_ROWS:,} before charting")
    else:
        frame = long.assign(scenario=lambda d: d["scenario"].astype(str))
    order = list(SCENARIO_COLOURS)
    return alt.Chart(frame, title=title, description=description).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("period:Q", title="Period (toy time steps)", axis=alt.Axis(tickMinStep=1), scale=alt.Scale(zero=False)),
        y=alt.Y("compliance_percent:Q", title="Synthetic people complying (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("scenario:N", title="Scenario", sort=order,
                        scale=alt.Scale(domain=order, range=[SCENARIO_COLOURS[s] for s in order])),
        strokeDash=alt.StrokeDash("scenario:N", title="Scenario", sort=order,
                                  scale=alt.Scale(domain=order, range=[[6, 3], [1, 0], [1, 0], [1, 0]])),
        tooltip=[alt.Tooltip("scenario:N", title="Scenario"), alt.Tooltip("period:Q", title="Period"),
                 alt.Tooltip("compliance_percent:Q", title="Complying (%)", format=".2f")],
    ).properties(width=charts.WIDTH, height=charts.HEIGHT)


def assumptions_html(table: pd.DataFrame) -> str:
    """The assumptions table (from ``behaviour.assumptions_table``) as escaped HTML, with the toy's structure."""
    head = "".join(f"<th style='text-align:left;padding:2px 6px'>{h}</th>"
                   for h in ("Assumption", "Value", "Status", "Source"))
    body = []
    for row in table.itertuples(index=False):
        source = f"[{row.source_id}]" if row.status == "published" else "kit"
        cells = [row.label, row.value, row.status, source]
        body.append("<tr title='" + html.escape(str(row.detail), quote=True) + "'>" + "".join(
            f"<td style='padding:2px 6px'>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    return ("<table class='kit-assumptions' style='font-size:12px;border-collapse:collapse'>"
            f"<caption style='text-align:left'><b>Assumptions</b></caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            f"<p style='font-size:12px;max-width:360px'>{html.escape(behaviour.STRUCTURE_NOTE)}</p>")


class BehaviourPanel(LivePanel):
    """Rewards versus sanctions over time for synthetic people, with awareness of the scheme as a control.

    The menu of published awareness figures and the awareness slider follow each other (``linked``).
    """

    css_class = "kit-behaviour-panel"

    def __init__(self, assumptions: behaviour.Assumptions | None = None,
                 n: int = behaviour.DEFAULT_PEOPLE) -> None:
        self.base_assumptions = behaviour.Assumptions() if assumptions is None else assumptions
        behaviour._check_assumptions(self.base_assumptions)
        self.n = behaviour._check_people(n)
        self.figures = behaviour.published_awareness()
        a = self.base_assumptions
        options = [(f"{row.label} \u2014 {row.share * 100:g}% [{row.source_id}]", row.id)
                   for row in self.figures.itertuples(index=False)]
        options.append(("Your own value (illustrative)", CUSTOM))
        survey = self.figures.iloc[0]
        cities = self.figures[self.figures["table"] == "city_scores"]
        note = (f"Published: the awareness figures in the menu, from a survey ({html.escape(survey['label'])}: "
                f"{survey['share'] * 100:g}% [{survey['source_id']}]) and from city scores (the share of residents "
                f"who activated an account, {cities['share'].min() * 100:g}&ndash;{cities['share'].max() * 100:g}% "
                f"[{', '.join(sorted(set(cities['source_id'])))}]; activation shows awareness, so it is only a lower "
                "bound). Illustrative (this kit's toy): the model itself and every other number. "
                f"{self.n:,} synthetic people (seeded), not real ones.")
        controls = [
            Select("figure", "Start awareness from", tuple(options), self._figure_for(a.awareness * 100),
                   unit="a published figure or your own"),
            Slider("awareness", "Aware of the scheme", "% of synthetic people", 0, 100, 0.5, a.awareness * 100,
                   decimals=1, unit_text="%"),
            Slider("reward", "Reward size", "toy units", 0, behaviour.MAX_SIZE, 0.5, a.reward_size, decimals=1,
                   unit_text="toy units"),
            Slider("sanction", "Sanction size", "toy units", 0, behaviour.MAX_SIZE, 0.5, a.sanction_size, decimals=1,
                   unit_text="toy units"),
            Slider("periods", "Periods", "toy time steps", 1, behaviour.MAX_PERIODS, 1, a.periods,
                   unit_text="periods"),
            Row((Number("caught", "Chance caught", "%", round(a.sanction_probability * 100, 6), min=0, max=100),
                 Number("baseline", "Baseline compliance", "%", round(a.baseline_compliance * 100, 6), min=0,
                        max=100)))]
        super().__init__("Toy model: rewards, sanctions and awareness", controls, note,
                         beside_chart=[Slot("assumptions")])
        for name in ("figure", "awareness", "reward", "sanction", "periods", "caught", "baseline"):
            setattr(self, name, self.control(name))
        self.assumptions_box = self.slot("assumptions")

    # --- keeping the menu and the awareness slider in step -------------------------------------
    def _figure_for(self, percent: float) -> str:
        match = self.figures[(self.figures["share"] * 100 - percent).abs() < 1e-9]
        return str(match["id"].iloc[0]) if len(match) else CUSTOM

    def linked(self, values: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        """A published figure chosen in the menu moves the slider; the slider moves the menu."""
        if "figure" in changed and values["figure"] != CUSTOM:
            values["awareness"] = float(self.figures.set_index("id").loc[values["figure"], "share"]) * 100
        elif "awareness" in changed:
            with contextlib.suppress(TypeError, ValueError):
                values["figure"] = self._figure_for(float(values["awareness"]))
        return values

    # --- the model ------------------------------------------------------------------------------
    def current(self, values: dict[str, Any] | None = None) -> behaviour.Assumptions:
        """The assumptions now set in the controls; bad typed values raise ValueError/TypeError."""
        values = self.values if values is None else values
        caught = check_number("chance caught (%)", values["caught"], low=0, high=100)
        baseline = check_number("baseline compliance (%)", values["baseline"], low=0, high=100)
        if baseline in (0.0, 100.0):
            raise ValueError("baseline compliance (%) must be strictly between 0 and 100 (a chance, "
                             f"not a certainty); got {baseline:g}")
        awareness = check_number("awareness (%)", values["awareness"], low=0, high=100)
        return replace(self.base_assumptions, awareness=awareness / 100,
                       reward_size=check_number("reward size", values["reward"], low=0, high=behaviour.MAX_SIZE),
                       sanction_size=check_number("sanction size", values["sanction"], low=0,
                                                  high=behaviour.MAX_SIZE),
                       periods=int(check_number("periods", values["periods"], low=1, high=behaviour.MAX_PERIODS,
                                                integer=True)),
                       sanction_probability=caught / 100, baseline_compliance=baseline / 100)

    def compute(self, values: dict[str, Any]) -> Update:
        a = self.current(values)
        comparison = behaviour.compare(a, self.n)
        final = behaviour.final_summary(comparison).set_index("scenario")
        aware = behaviour.aware_count(a, self.n)
        parts = []
        for key, label in behaviour.SCENARIOS.items():
            share = final.loc[key, "final_share"] * 100
            gain = "" if key == "neither" else f" ({final.loc[key, 'gain_points']:+.1f} points)"
            parts.append(f"{label.lower()} {share:.1f}%{gain}")
        numbers = (f"<b>After {a.periods} period{'s' if a.periods > 1 else ''}, synthetic people complying:</b> "
                   + "; ".join(parts)
                   + f". Aware of the scheme: {a.awareness * 100:g}% ({aware:,} of {self.n:,}).")
        both = final.loc["both", "gain_points"]
        description = (f"Lines show the share of {self.n:,} synthetic people complying in each of {a.periods} "
                       f"periods under four toy scenarios; with {a.awareness * 100:g}% aware, rewards and "
                       f"sanctions together end {both:.1f} percentage points above neither.")
        long = behaviour.comparison_long(comparison)
        table = assumptions_html(behaviour.assumptions_table(a, self.n, self.figures))
        return Update(numbers, description, {"lines": long.assign(scenario=long["scenario"].astype(str))},
                      title="Toy model: compliance over time by scenario", slots={"assumptions": table})

    def chart(self, first: Update) -> alt.Chart:
        return compliance_chart(alt.Data(name="lines"), title=first.title, description=first.description)
