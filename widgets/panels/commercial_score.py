"""Panel of notebook 04: the commercial five-dimension toy score, its benefit thresholds, and contacts.

The model (weights, formula, synthetic users, thresholds) is ``widgets.models.commercial_score``;
the chart ``widgets.charts.commercial_score``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import html
import re

import numpy as np
import pandas as pd

from ..charts.commercial_score import benefit_live_chart
from ..checks import check_number
from ..models import commercial_score
from .live import Group, LivePanel, Number, Select, Slider, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

ALL_YEARS = "all"


FOCAL_STATES = ["now", "if their contacts were rated as set"]


class CommercialScorePanel(LivePanel):
    """Five student-set weights, a contact-influence slider and a year of benefit thresholds over
    100,000 synthetic users; key numbers follow one focal synthetic user and their contacts."""

    css_class = "kit-commercial-panel"

    def __init__(self, users: pd.DataFrame | None = None,
                 focal_user: int = commercial_score.ILLUSTRATIVE_FOCAL_USER) -> None:
        # checked once; updates reuse the arrays (the table itself is not kept: about 7 MB)
        self.prepared = commercial_score.prepare_users(
            commercial_score.synthetic_users() if users is None else users)
        self.focal = int(check_number("focal_user", focal_user, low=0, high=len(self.prepared) - 1, integer=True))
        self.published = commercial_score.published()
        self.dimensions, self.scale = self.published.dimensions, self.published.scale
        self.thresholds = commercial_score.benefit_thresholds(None)
        years = commercial_score.benefit_years()
        labels = dict(zip(self.dimensions["parameter"], self.dimensions["label"]))

        boxes = tuple(Number(f"weight_{d}", f"{labels[d]} weight", "%", commercial_score.ILLUSTRATIVE_WEIGHTS[d],
                             min=0, max=100, step=1) for d in commercial_score.DIMENSIONS)
        controls = [Group("Weights (% per dimension; not published, so you set them; they must be 0 or more and add "
                          "up to 100; the start is an illustrative equal split)", boxes),
                    Group("Contacts (how much of the personal-relationships rating comes from a user's contacts "
                          "instead of their own ratings; illustrative)", (
                              Slider("influence", "Contacts' pull", "% of the relationships rating", 0, 1, 0.05,
                                     commercial_score.ILLUSTRATIVE_CONTACT_INFLUENCE, display_scale=100, unit_text="%"),
                              Slider("what_if", "What if their contacts were rated", "rating 0–100", 0, 100, 5,
                                     commercial_score.ILLUSTRATIVE_WHAT_IF_RATING, unit_text="out of 100"))),
                    Select("year", "Benefit thresholds of", (("All years", ALL_YEARS), *((str(y), str(y)) for y in years)),
                           ALL_YEARS, unit="year")]
        super().__init__("A commercial five-dimension toy score", controls, self._note())
        self.weights = {d: self.control(f"weight_{d}") for d in commercial_score.DIMENSIONS}
        self.influence, self.what_if, self.year = (self.control(n) for n in ("influence", "what_if", "year"))

    # ----------------------------------------------------------------------------------------
    def current(self, values: dict[str, Any] | None = None) -> tuple[dict[str, float], float, int | None]:
        """The weights, contact influence and year (None = all years) now set in the controls."""
        values = self.values if values is None else values
        year = None if values["year"] == ALL_YEARS else int(values["year"])
        return {d: values[f"weight_{d}"] for d in commercial_score.DIMENSIONS}, values["influence"], year

    def compute(self, values: dict[str, Any]) -> Update:
        weights, influence, year = self.current(values)
        what_if = check_number("what-if rating", values["what_if"], low=0, high=100)
        u = commercial_score.commercial_update(self.prepared, weights, influence, self.thresholds, year, self.focal,
                                               what_if, self.scale)
        scores, reached, effect = u.scores, u.reached, u.effect
        n = len(scores)
        when = "all years" if year is None else str(year)

        focal = (f"<b>Synthetic user #{effect.person}: {effect.score_before:,.0f} points</b>; their contacts "
                 f"{_adds(effect.contacts_add)} (their own average rating {effect.own_rating:.1f}, their contacts' "
                 f"{effect.contacts_rating_before:.1f}). If all their contacts were rated "
                 f"{effect.contacts_rating_after:g}: {effect.score_after:,.0f} points ({effect.change:+,.0f}).")
        items = [f"{html.escape(str(r.benefit))} ({r.year}, {r.threshold:g} points or more) "
                 f"[{html.escape(str(r.source_id))}]: <b>{r.share_reaching:.1%}</b> ({r.users_reaching:,})"
                 for r in reached.itertuples()]
        median = float(np.median(scores.to_numpy()))
        shares = (f"Of {n:,} synthetic users (median {median:,.0f} points), the share reaching each "
                  f"published benefit threshold ({when}): " + "; ".join(items) + ".")
        numbers = f"<p style='margin:0'>{focal}</p> <p style='margin:0'>{shares}</p>"

        lowest = reached.sort_values("threshold").iloc[0] if len(reached) else None
        description = (f"Histogram of {n:,} synthetic toy scores in {commercial_score.ILLUSTRATIVE_BIN_WIDTH}-point bins; "
                       f"the dashed lines mark the published benefit thresholds of {when}"
                       + (f", and {lowest['share_reaching']:.1%} of users reach the lowest, "
                          f"{lowest['threshold']:g} points" if lowest is not None else "")
                       + f"; the triangles mark synthetic user #{effect.person} now ({effect.score_before:,.0f}) "
                       f"and if their contacts were rated {effect.contacts_rating_after:g} "
                       f"({effect.score_after:,.0f}).")
        marks = pd.DataFrame({"state": FOCAL_STATES, "score": [effect.score_before, effect.score_after],
                              "contacts_rated": [effect.contacts_rating_before, effect.contacts_rating_after]})
        title = f"Synthetic toy scores and benefit thresholds ({when})"
        return Update(numbers, description, {"hist": u.histogram, "rules": u.rules, "focal": marks},
                      title=title, params={"kit_title": title})

    def chart(self, first: Update) -> alt.LayerChart:
        return benefit_live_chart(title=first.title, description=first.description,
                                  domain=(self.scale.low, self.scale.high), focal_states=FOCAL_STATES)

    # ----------------------------------------------------------------------------------------
    def _note(self) -> str:
        conflict = self.published.row("score_max_cgtn_2017")
        wechat = commercial_score.benefit_thresholds(None, scheme="wechat_pay_credit")
        dims = _ids(self.dimensions)
        low, high = self.scale.low, self.scale.high
        range_ids = _ids(self.published.select(["score_min", "score_max"]))
        claimed = _ids(self.published.claimed_weights)
        equal = sorted(set(commercial_score.ILLUSTRATIVE_WEIGHTS.values()))
        text = (f"Published: the five dimensions [{dims}]; the {low:g}&ndash;{high:g} range [{range_ids}] "
                f"(a {int(conflict['year'])} news item gives {conflict['value']:g} instead [{conflict['source_id']}]: "
                f"sources conflict); and the scores some benefits required, each with its year "
                f"[{_ids(self.thresholds)}], which changed over time. Not published: the weights. The figures "
                f"that circulate come from low-authority question-and-answer sites and conflict with a page saying "
                f"the method is not published [{claimed}], so the panel starts from an equal split "
                f"({'/'.join(f'{v:g}' for v in equal)}% each), which is illustrative and not Sesame's. "
                f"Illustrative (this kit's toy): the straight-line formula, the {len(self.prepared):,} synthetic users "
                f"and their 0&ndash;100 ratings, their {self.prepared.contacts.shape[1]} contacts each, and how contacts "
                f"enter the relationships rating.")
        if len(wechat):
            row = wechat.iloc[0]
            text += (f" {html.escape(str(row['scheme']))}, a different firm's score whose scale is not recorded, "
                     f"is reported to count friend relationships; its {row['threshold']:g}-point threshold "
                     f"({row['year']}) [{row['source_id']}] is not applied here.")
        return text


def _adds(points: float) -> str:
    rounded = round(points)
    if rounded > 0:
        return f"add {rounded:,} points"
    if rounded < 0:
        return f"take away {-rounded:,} points"
    return "add nothing"


def _ids(rows: pd.DataFrame) -> str:
    """Source ids of some rows: their source_id column plus ids cited in their notes, sorted."""
    found = set(map(str, rows["source_id"]))
    for note in rows.get("note", pd.Series(dtype=str)).dropna():
        found.update(re.findall(r"\[(S\d+|chapter)\]", str(note)))
    return ", ".join(sorted(found, key=lambda s: (not s.startswith("S"), int(s[1:]) if s[1:].isdigit() else 0, s)))
