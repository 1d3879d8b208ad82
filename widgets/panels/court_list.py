"""Panel of notebook 05: how long synthetic debtors stay on the court's list under the 2013 or the 2017 text.

Who is listed, which listings have a fixed term and how long it is come from ``data/listing_rules.csv``
(both texts, with source ids); the synthetic cases, the yearly chance that an open-ended listing
ends and the ten years the debtors are followed are illustrative. The model is
``widgets.models.court_list`` (``court_list_update``); the chart ``widgets.charts.court_list``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..charts.court_list import describe_durations, durations_frames, durations_live_chart, durations_title
from ..models import court_list
from .live import Checkbox, Group, LivePanel, Number, Radio, Slider, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

VERSION_LABELS = {"2017": "2017 text (as amended): terms for grounds 2-6 only",
                  "2013": "2013 text: no term, ability to pay for every ground"}
ILLUSTRATIVE_VERSION = "2017"  # the default text shown


@cache
def default_cases() -> pd.DataFrame:
    """The default 100,000 synthetic cases, made and checked once per kernel: both court-list panels
    (and every copy of them) share one set instead of holding about 2.3 MB each. Panels only read it."""
    return court_list.check_cases(court_list.synthetic_cases())


def _sources(ids: list[str]) -> str:
    return "".join(f"[{i}]" for i in sorted(set(ids), key=lambda s: (len(s), s)))


class CourtListPanel(LivePanel):
    """The synthetic debtors under one text of the provisions, against the other: years on the list."""

    css_class = "kit-courtlist-panel"

    def __init__(self, cases: pd.DataFrame | None = None, rules: court_list.ListRules | None = None) -> None:
        self.rules = rules if rules is not None else court_list.list_rules()
        self.texts = {v: court_list.listing_text(v) for v in court_list.VERSIONS}
        self.cases = default_cases() if cases is None else court_list.check_cases(cases)
        low, high = self.rules.extension_range
        chance = round(100 * court_list.ILLUSTRATIVE_ANNUAL_DELETION_CHANCE)
        c_low, c_high = (round(100 * c) for c in court_list.DELETION_CHANCE_RANGE)
        controls = [
            Radio("version", "Text of the provisions", tuple((VERSION_LABELS[v], v) for v in ("2017", "2013")),
                  ILLUSTRATIVE_VERSION, help="The bars show the chosen text; black diamonds the other one."),
            Group("The rules (published)", (
                Number("extension", "Extension of grounds 2-6 (2017 text)", f"years: 0 or {low}-{high}", 0,
                       min=0, max=high, step=1),)),
            Group("The toy's assumptions (illustrative)", (
                Slider("chance", "Chance per year that an open-ended listing ends", "% a year", c_low, c_high, 5,
                       chance, unit_text="percent a year"),
                Checkbox("early", "Early deletion: the court deletes a fixed-term listing when the debtor performs",
                         False))),
        ]
        super().__init__("How long a court listing lasts: 2013 against 2017", controls, self._note())

    def _note(self) -> str:
        t17, t13 = self.texts["2017"], self.texts["2013"]
        r = self.rules
        return (f"Published: who is listed under each text, the grounds' items of Art. 1 and their terms "
                f"(2017: two years for grounds 2&ndash;6, extendable by {r.extension_range[0]}&ndash;"
                f"{r.extension_range[1]}, none for ground 1 {_sources(t17.source_ids)}; 2013: no term at all "
                f"{_sources(t13.source_ids)}). Illustrative (this kit's toy, not facts): the {len(self.cases):,} "
                "synthetic cases and their shares (seeded), the chance per year that an open-ended listing ends by "
                "a deletion event (the same for both texts, although the 2017 text lists seven deletion events "
                f"and the 2013 text three), the {court_list.ILLUSTRATIVE_HORIZON_YEARS} years the debtors are "
                "followed, the early-deletion switch, and the reading that a case listed on ground 1 and on a term "
                "ground stays listed until both listings have ended.")

    def state(self, values: dict[str, Any] | None = None) -> court_list.CourtListUpdate:
        """The model's answer for the controls (raises ValueError/TypeError for a bad value)."""
        values = self.values if values is None else values
        return court_list.court_list_update(values["version"], values["extension"], values["chance"] / 100,
                                            values["early"], self.cases, self.rules, self.texts)

    def compute(self, values: dict[str, Any]) -> Update:
        u = self.state(values)

        def line(version: str) -> str:
            row = u.row(version)
            kinds = (f"{int(row['open_ended']):,} with no fixed term, {int(row['term_only']):,} with a fixed term "
                     f"and {int(row['both']):,} on both kinds of ground" if version == "2017"
                     else f"all {int(row['open_ended']):,} with no fixed term")
            return (f"<b>{version} text</b>: {int(row['listed']):,} of {int(row['debtors']):,} synthetic debtors "
                    f"listed ({kinds}); <b>{row['share_five_or_more']:.1%}</b> of them stay listed five years or "
                    f"longer, {row['share_still_listed']:.1%} still after {u.horizon_years} years.")
        settings = (f"Settings: extension {u.extension_years} years; chance of a deletion event "
                    f"{u.annual_deletion_chance:.0%} a year (illustrative); early deletion "
                    f"{'on' if u.early_deletion else 'off'}.")
        numbers = f"{line(u.version)} <br>Compare the {line(u.other)} <br>{settings}"
        title = durations_title(u)
        return Update(numbers, describe_durations(u), durations_frames(u), title=title, params={"kit_title": title})

    def chart(self, first: Update) -> alt.LayerChart:
        return durations_live_chart(first.data, title=first.params["kit_title"], description=first.description,
                                    horizon_years=court_list.ILLUSTRATIVE_HORIZON_YEARS)
