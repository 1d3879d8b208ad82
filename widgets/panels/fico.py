"""Panels of notebook 01: a FICO-style toy score for one person, and a lender's cut-off.

The model is ``widgets.models.fico``; the charts ``widgets.charts.fico``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as ipw
import pandas as pd

from ..charts.fico import contributions_bar, outcome_histogram_chart
from ..models import fico
from ..models.population import FICO_FACTORS
from .base import Panel, error_html

ILLUSTRATIVE_RATING = 70    # default factor rating of the toy person (0-100): illustrative
ILLUSTRATIVE_CUTOFF = 620   # default lender cut-off: illustrative, not a FICO rule
FACTOR_LABELS = {
    "payment_history": "Payment history", "amounts_owed": "Amounts owed",
    "length_of_history": "Length of credit history", "credit_mix": "Credit mix",
    "new_credit": "New credit",
}


class ToyScorePanel(Panel):
    """A FICO-style toy score for one synthetic person: five rating sliders, editable weights."""

    css_class = "kit-toyscore-panel"

    def __init__(self, weights: pd.DataFrame, scale: fico.ScoreScale) -> None:
        self.scale = scale
        self.published = fico.weights_from_table(weights)
        self.ratings = {f: ipw.IntSlider(value=ILLUSTRATIVE_RATING, min=0, max=100, step=5,
                                         description=FACTOR_LABELS[f], continuous_update=False,
                                         style={"description_width": "190px"},
                                         layout=ipw.Layout(width="480px")) for f in FICO_FACTORS}
        self.weights = {f: ipw.FloatText(value=self.published[f], description=f"{FACTOR_LABELS[f]} %",
                                         style={"description_width": "190px"},
                                         layout=ipw.Layout(width="290px")) for f in FICO_FACTORS}
        controls = [ipw.HTML("<b>This person's ratings</b> (0 = worst, 100 = best; illustrative)"),
                    *self.ratings.values(),
                    ipw.HTML("<b>Weights</b> (%; start at FICO's published weights, must add up to 100)"),
                    *self.weights.values()]
        note = (f"Published: the five factors, their weights ({', '.join(sorted(set(weights['source_id'])))}) "
                f"and the {scale.low:g}&ndash;{scale.high:g} range. Illustrative (this kit's toy): the 0&ndash;100 "
                "ratings and the straight-line formula; FICO does not publish its formula.")
        super().__init__("Toy score for one synthetic person", controls, note)
        self._observe(controls)
        self.refresh()

    def current(self) -> tuple[dict[str, float], dict[str, float]]:
        """The ratings and weights now set in the controls."""
        return ({f: s.value for f, s in self.ratings.items()}, {f: w.value for f, w in self.weights.items()})

    def compute(self) -> tuple[str, str, Any]:
        ratings, weights = self.current()
        parts = fico.score_contributions(ratings, weights, self.scale)
        score = self.scale.low + float(parts["points"].sum())
        top = parts.sort_values("points", ascending=False).iloc[0]
        numbers = (f"<b>Toy score: {score:,.0f}</b> on the {self.scale.low:g}&ndash;{self.scale.high:g} scale "
                   f"(the floor of {self.scale.low:g} plus {score - self.scale.low:,.0f} points from the factors)")
        description = (f"The bars show how many points each factor adds above {self.scale.low:g}; "
                       f"{FACTOR_LABELS[top['factor']].lower()} adds the most, {top['points']:.0f} points.")
        chart = contributions_bar(parts, floor=self.scale.low, title="Where the toy score comes from",
                                         description=description)
        return numbers, description, chart


class CutoffPanel(Panel):
    """A lender's cut-off applied to a synthetic population: approved/refused counts and a histogram."""

    css_class = "kit-cutoff-panel"

    def __init__(self, scores: pd.Series, repays: pd.Series, scale: fico.ScoreScale,
                 cutoff: int = ILLUSTRATIVE_CUTOFF) -> None:
        self.scores, self.repays, self.scale = scores, repays, scale
        self.model = fico.CutoffModel(scores, repays, scale)
        low, high = int(scale.low), int(scale.high)
        self.slider = ipw.IntSlider(value=cutoff, min=low, max=high, step=5, description="Cut-off",
                                    continuous_update=False, layout=ipw.Layout(width="480px"))
        self.typed = ipw.Text(value=str(cutoff), description="or type one", placeholder=f"{low}-{high}",
                              continuous_update=False, layout=ipw.Layout(width="220px"))
        note = ("Synthetic people (seeded), an illustrative toy score and an illustrative default cut-off "
                f"of {cutoff}: real lenders set their own cut-offs and use far more information.")
        super().__init__("A lender's cut-off", [self.slider, self.typed], note)
        self.slider.observe(self._slider_moved, names="value")
        self.typed.observe(self._typed_in, names="value")
        self.refresh()

    def _slider_moved(self, change: Mapping) -> None:
        self.typed.value = str(change["new"])
        self.refresh()

    def _typed_in(self, change: Mapping) -> None:
        text = str(change["new"]).strip()
        if text == str(self.slider.value):
            return
        try:
            value = int(text)
        except ValueError:
            self.message.value = error_html(f"cutoff must be a whole number between {self.slider.min} "
                                            f"and {self.slider.max}; got {text!r}")
            return
        if not self.slider.min <= value <= self.slider.max:
            self.message.value = error_html(f"cutoff must be between {self.slider.min} and "
                                            f"{self.slider.max}; got {value}")
            return
        self.slider.value = value  # triggers refresh

    def result(self) -> fico.CutoffResult:
        """The outcome counts at the current cut-off."""
        return self.model.update(self.slider.value)[0]

    def compute(self) -> tuple[str, str, Any]:
        result, hist = self.model.update(self.slider.value)
        numbers = (f"<b>Approved: {result.approved:,}</b> of {result.people:,} synthetic people "
                   f"({result.approval_rate:.1%}); refused: {result.refused:,}; "
                   f"refused although they would repay: {result.wrongly_refused:,}; "
                   f"approved although they would default: {result.approved_defaulters:,}")
        description = (f"Histogram of {result.people:,} synthetic toy scores coloured by outcome; the dashed line "
                       f"is the cut-off at {result.cutoff:g}, left of it everyone is refused.")
        chart = outcome_histogram_chart(hist, cutoff=result.cutoff, title=f"Who a cut-off of {result.cutoff:g} approves",
                                               description=description, domain=(self.scale.low, self.scale.high))
        return numbers, description, chart


