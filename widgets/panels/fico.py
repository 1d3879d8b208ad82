"""Panels of notebook 01: a FICO-style toy score for one person, and a lender's cut-off.

The model is ``widgets.models.fico``; the charts ``widgets.charts.fico``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..charts.fico import contributions_live_chart, cutoff_live_chart
from ..checks import check_number
from ..models import fico
from ..models.population import FICO_FACTORS
from .live import Group, LivePanel, Number, Slider, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

ILLUSTRATIVE_RATING = 70    # default factor rating of the toy person (0-100): illustrative
ILLUSTRATIVE_CUTOFF = 620   # default lender cut-off: illustrative, not a FICO rule
FACTOR_LABELS = {
    "payment_history": "Payment history", "amounts_owed": "Amounts owed",
    "length_of_history": "Length of credit history", "credit_mix": "Credit mix",
    "new_credit": "New credit",
}


class ToyScorePanel(LivePanel):
    """A FICO-style toy score for one synthetic person: five rating sliders, editable weights."""

    css_class = "kit-toyscore-panel"

    def __init__(self, weights: pd.DataFrame, scale: fico.ScoreScale) -> None:
        self.scale = scale
        self.published = fico.weights_from_table(weights)
        ratings = tuple(Slider(f"rating_{f}", f"{FACTOR_LABELS[f]} rating", "0–100", 0, 100, 5, ILLUSTRATIVE_RATING,
                               unit_text="out of 100") for f in FICO_FACTORS)
        boxes = tuple(Number(f"weight_{f}", f"{FACTOR_LABELS[f]} weight", "%", self.published[f], min=0, max=100,
                             step=1) for f in FICO_FACTORS)
        controls = [Group("This person's ratings (0 = worst, 100 = best; illustrative)", ratings),
                    Group("Weights (%; they start at FICO's published weights and must add up to 100)", boxes)]
        note = (f"Published: the five factors, their weights ({', '.join(sorted(set(weights['source_id'])))}) "
                f"and the {scale.low:g}&ndash;{scale.high:g} range. Illustrative (this kit's toy): the 0&ndash;100 "
                "ratings and the straight-line formula; FICO does not publish its formula.")
        super().__init__("Toy score for one synthetic person", controls, note)

    def current(self, values: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """The ratings and weights now set in the controls."""
        values = self.values if values is None else values
        return ({f: values[f"rating_{f}"] for f in FICO_FACTORS}, {f: values[f"weight_{f}"] for f in FICO_FACTORS})

    def compute(self, values: dict[str, Any]) -> Update:
        ratings, weights = self.current(values)
        parts = fico.score_contributions(ratings, weights, self.scale)
        score = self.scale.low + float(parts["points"].sum())
        top = parts.sort_values("points", ascending=False).iloc[0]
        numbers = (f"<b>Toy score: {score:,.0f}</b> on the {self.scale.low:g}&ndash;{self.scale.high:g} scale "
                   f"(the floor of {self.scale.low:g} plus {score - self.scale.low:,.0f} points from the factors)")
        description = (f"The bars show how many points each factor adds above {self.scale.low:g}; "
                       f"{FACTOR_LABELS[top['factor']].lower()} adds the most, {top['points']:.0f} points.")
        shown = parts.assign(factor=parts["factor"].map(FACTOR_LABELS))
        return Update(numbers, description, {"parts": shown}, title="Where the toy score comes from")

    def chart(self, first: Update) -> alt.Chart:
        return contributions_live_chart(floor=self.scale.low, title=first.title, description=first.description)


class CutoffPanel(LivePanel):
    """A lender's cut-off applied to a synthetic population: approved/refused counts and a histogram.

    The cut-off rule and the chart title are a chart parameter bound to the slider: the browser
    moves them at once; the kernel sends the counts and the recoloured histogram.
    """

    css_class = "kit-cutoff-panel"
    local_params = {"cutoff": "cutoff"}

    def __init__(self, scores: pd.Series, repays: pd.Series, scale: fico.ScoreScale,
                 cutoff: int = ILLUSTRATIVE_CUTOFF) -> None:
        self.scores, self.repays, self.scale = scores, repays, scale
        self.model = fico.CutoffModel(scores, repays, scale)
        self.low, self.high = int(scale.low), int(scale.high)
        slider = Slider("cutoff", "Cut-off", "toy score points", self.low, self.high, 5, cutoff,
                        unit_text="points", box_label="or type a cut-off")
        note = ("Synthetic people (seeded), an illustrative toy score and an illustrative default cut-off "
                f"of {cutoff}: real lenders set their own cut-offs and use far more information.")
        super().__init__("A lender's cut-off", [slider], note)

    def cutoff(self, values: dict[str, Any]) -> int:
        """The cut-off in ``values``, checked: a whole number within the score's range."""
        value = values["cutoff"]
        allowed = f"a whole number between {self.low} and {self.high}"
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise ValueError(f"cutoff must be {allowed}; got {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
            raise ValueError(f"cutoff must be {allowed}; got {value!r}")
        return int(check_number("cutoff", value, low=self.low, high=self.high, integer=True))

    def result(self) -> fico.CutoffResult:
        """The outcome counts at the current cut-off (the last good one)."""
        return self.model.update(self._last.params["cutoff"])[0]

    def compute(self, values: dict[str, Any]) -> Update:
        result, hist = self.model.update(self.cutoff(values))
        numbers = (f"<b>Approved: {result.approved:,}</b> of {result.people:,} synthetic people "
                   f"({result.approval_rate:.1%}); refused: {result.refused:,}; "
                   f"refused although they would repay: {result.wrongly_refused:,}; "
                   f"approved although they would default: {result.approved_defaulters:,}")
        description = (f"Histogram of {result.people:,} synthetic toy scores coloured by outcome; the dashed line "
                       f"is the cut-off at {result.cutoff:g}, left of it everyone is refused.")
        return Update(numbers, description, {"hist": hist}, title=f"Who a cut-off of {result.cutoff:g} approves",
                      params={"cutoff": int(result.cutoff)})

    def chart(self, first: Update) -> alt.LayerChart:
        return cutoff_live_chart(first.params["cutoff"], description=first.description,
                                 domain=(self.scale.low, self.scale.high))
