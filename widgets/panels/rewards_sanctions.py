"""Panel of notebook 06: the toy model of rewards versus sanctions, with awareness of the scheme.

Sliders for awareness, reward size, sanction size and periods; a menu of the published awareness
figures to start from; typed boxes for the chance of being caught and the baseline. Key numbers:
the final compliance share in each scenario and its gain over "neither". Chart: compliance over
time, one line per scenario, with the assumptions table (published or illustrative) beside it.
The model is ``widgets.models.rewards_sanctions``; the chart ``widgets.charts.rewards_sanctions``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import ipywidgets as ipw
import pandas as pd

from ..charts.rewards_sanctions import compliance_chart
from ..checks import check_number
from ..models import rewards_sanctions
from .base import Panel

CUSTOM = "custom"  # the menu entry for an awareness share that is not a published figure
_SLIDER = {"continuous_update": False, "style": {"description_width": "170px"},
           "layout": ipw.Layout(width="460px")}
_TYPED = {"style": {"description_width": "170px"}, "layout": ipw.Layout(width="280px")}


def assumptions_html(table: pd.DataFrame) -> str:
    """The assumptions table (from ``rewards_sanctions.assumptions_table``) as escaped HTML, with the toy's structure."""
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
            f"<p style='font-size:12px;max-width:360px'>{html.escape(rewards_sanctions.STRUCTURE_NOTE)}</p>")


class RewardsSanctionsPanel(Panel):
    """Rewards versus sanctions over time for synthetic people, with awareness of the scheme as a control."""

    css_class = "kit-behaviour-panel"

    def __init__(self, assumptions: rewards_sanctions.Assumptions | None = None,
                 n: int = rewards_sanctions.DEFAULT_PEOPLE) -> None:
        self.base_assumptions = rewards_sanctions.Assumptions() if assumptions is None else assumptions
        rewards_sanctions.check_assumptions(self.base_assumptions)
        self.n = rewards_sanctions.check_people(n)
        self.figures = rewards_sanctions.published_awareness()
        a = self.base_assumptions
        options = [(f"{row.label} \u2014 {row.share * 100:g}% [{row.source_id}]", row.id)
                   for row in self.figures.rows.itertuples(index=False)]
        options.append(("Your own value (illustrative)", CUSTOM))
        self.figure = ipw.Dropdown(options=options, value=self._figure_for(a.awareness * 100),
                                   description="Start awareness from", style={"description_width": "170px"},
                                   layout=ipw.Layout(width="760px"))
        self.awareness = ipw.FloatSlider(value=a.awareness * 100, min=0, max=100, step=0.5,
                                         description="Aware of the scheme (%)", readout_format=".1f", **_SLIDER)
        self.reward = ipw.FloatSlider(value=a.reward_size, min=0, max=rewards_sanctions.MAX_SIZE, step=0.5,
                                      description="Reward size (toy units)", readout_format=".1f", **_SLIDER)
        self.sanction = ipw.FloatSlider(value=a.sanction_size, min=0, max=rewards_sanctions.MAX_SIZE, step=0.5,
                                        description="Sanction size (toy units)", readout_format=".1f", **_SLIDER)
        self.periods = ipw.IntSlider(value=a.periods, min=1, max=rewards_sanctions.MAX_PERIODS, step=1,
                                     description="Periods (toy steps)", **_SLIDER)
        self.caught = ipw.FloatText(value=round(a.sanction_probability * 100, 6),
                                    description="Chance caught (%)", **_TYPED)
        self.baseline = ipw.FloatText(value=round(a.baseline_compliance * 100, 6),
                                      description="Baseline compliance (%)", **_TYPED)
        self.assumptions_box = ipw.HTML()
        self.assumptions_box.add_class("kit-assumptions-table")
        survey = self.figures.rows.iloc[0]
        cities = self.figures.rows[self.figures.rows["table"] == "city_scores"]
        note = (f"Published: the awareness figures in the menu, from a survey ({html.escape(survey['label'])}: "
                f"{survey['share'] * 100:g}% [{survey['source_id']}]) and from city scores (the share of residents "
                f"who activated an account, {cities['share'].min() * 100:g}&ndash;{cities['share'].max() * 100:g}% "
                f"[{', '.join(sorted(set(cities['source_id'])))}]; activation shows awareness, so it is only a lower "
                "bound). Illustrative (this kit's toy): the model itself and every other number. "
                f"{self.n:,} synthetic people (seeded), not real ones.")
        controls = [self.figure, self.awareness, self.reward, self.sanction, self.periods,
                    ipw.HBox([self.caught, self.baseline])]
        super().__init__("Toy model: rewards, sanctions and awareness", controls, note)
        # the chart and the assumptions side by side (wrapping on a narrow screen)
        beside = ipw.HBox([self.chart, self.assumptions_box], layout=ipw.Layout(flex_flow="row wrap"))
        self.box.children = tuple(beside if c is self.chart else c for c in self.box.children)
        self.figure.observe(self._figure_chosen, names="value")
        self.awareness.observe(self._awareness_moved, names="value")
        self._observe([self.reward, self.sanction, self.periods, self.caught, self.baseline])
        self.refresh()

    # --- keeping the menu and the awareness slider in step -------------------------------------
    def _figure_for(self, percent: float) -> str:
        match = self.figures.rows[(self.figures.rows["share"] * 100 - percent).abs() < 1e-9]
        return str(match["id"].iloc[0]) if len(match) else CUSTOM

    def _figure_chosen(self, change: Mapping) -> None:
        if change["new"] == CUSTOM:
            return
        share = self.figures.value(change["new"])
        self.awareness.value = share * 100  # triggers refresh when it moves

    def _awareness_moved(self, _change: Mapping) -> None:
        self.figure.value = self._figure_for(self.awareness.value)
        self.refresh()

    # --- the model ------------------------------------------------------------------------------
    def current(self) -> rewards_sanctions.Assumptions:
        """The assumptions now set in the controls; bad typed values raise ValueError/TypeError."""
        caught = check_number("chance caught (%)", self.caught.value, low=0, high=100)
        baseline = check_number("baseline compliance (%)", self.baseline.value, low=0, high=100)
        if baseline in (0.0, 100.0):
            raise ValueError("baseline compliance (%) must be strictly between 0 and 100 (a chance, "
                             f"not a certainty); got {baseline:g}")
        return replace(self.base_assumptions, awareness=self.awareness.value / 100,
                       reward_size=self.reward.value, sanction_size=self.sanction.value,
                       periods=self.periods.value, sanction_probability=caught / 100,
                       baseline_compliance=baseline / 100)

    def compute(self) -> tuple[str, str, Any]:
        a = self.current()
        u = rewards_sanctions.rewards_sanctions_update(a, self.n, self.figures)
        final, aware = u.final.set_index("scenario"), u.aware
        parts = []
        for key, label in rewards_sanctions.SCENARIOS.items():
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
        chart = compliance_chart(u.long, title="Toy model: compliance over time by scenario", description=description)
        self._shown = u
        return numbers, description, chart

    def refresh(self, _change: object = None) -> bool:
        """Recompute and redraw; the assumptions table follows every good update."""
        ok = super().refresh(_change)
        if ok:
            self.assumptions_box.value = assumptions_html(self._shown.table)
        return ok
