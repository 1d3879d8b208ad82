"""Panel of notebook 02: synthetic firms on the abnormal-operations and serious-violation lists.

Controls: the rule set (2014 Regulations and 2016 measures, or the 2021 SAMR measures), which
synthetic firm to follow, and the illustrative share of dormant firms. Key numbers: the firm's
status in the last toy year and the share of all synthetic firms on each list; the firm's years in
words beside the chart. The model is ``widgets.models.firm_lists``; the chart ``widgets.charts.firm_lists``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ..charts.firm_lists import firm_lists_live_chart
from ..checks import check_number
from ..models import firm_lists
from .live import Group, LivePanel, Number, Radio, Slider, Slot, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

MAX_DORMANT_PERCENT = 50


def story_html(story: str) -> str:
    """The firm's years (Markdown bullets from ``firm_lists.story``) as escaped HTML."""
    items = []
    for line in story.splitlines():
        text = html.escape(line.removeprefix("- "))
        text = text.replace("**", "<b>", 1).replace("**", "</b>", 1)
        items.append(f"<li>{text}</li>")
    return ("<div class='kit-firm-story' style='font-size:13px;max-width:720px'><b>This firm's years, in words</b>"
            f"<ul style='margin:4px 0 0 18px;padding:0'>{''.join(items)}</ul></div>")


class FirmListsPanel(LivePanel):
    """A toy: one synthetic firm's years on the firms' lists, above every synthetic firm's list status."""

    css_class = "kit-firm-lists-panel"

    def __init__(self, n: int = firm_lists.DEFAULT_FIRMS, years: int = firm_lists.ILLUSTRATIVE_YEARS,
                 seed: int = firm_lists.FIRMS_SEED) -> None:
        self.n, self.years = firm_lists.check_firms(n), firm_lists.check_years(years)
        self.seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
        self.default_firm = firm_lists.firm_lists_update(n=self.n, years=self.years, seed=self.seed).firm
        rules = firm_lists.firm_rules()
        controls = [
            Radio("rules", "Rules applied", tuple((label, key) for key, label in firm_lists.RULE_SETS.items()),
                  firm_lists.RULES_2014,
                  help="The 2021 measures list a grave violation only with a heavier penalty, and let a firm "
                       "that has complied apply to come off after one year."),
            Number("firm", "Synthetic firm to follow", f"0 to {self.n - 1:,}", self.default_firm, min=0,
                   max=self.n - 1, step=1),
            Slider("dormant", "Dormant firms (illustrative)", "% of synthetic firms", 0, MAX_DORMANT_PERCENT, 1,
                   firm_lists.ILLUSTRATIVE_DORMANT_SHARE * 100, unit_text="%"),
            Group("The followed firm", (Slot("story"),)),
        ]
        note = (f"Published: the three years on the abnormal-operations list before the serious-violation list "
                f"{rules.citation('escalation_years')}, the five years without a recurrence "
                f"{rules.citation('removal_years')}, the representative's three-year bar "
                f"{rules.citation('representative_bar_years')} and, in 2021, removal on application after one year "
                f"{rules.citation('early_removal_years')}. Not found, so chosen by the toy: the standard term under "
                "the 2021 measures (the toy keeps five years) and whether a firm stays on both lists. Illustrative: "
                f"every chance that drives the {self.n:,} synthetic firms (seeded), which are not real firms.")
        super().__init__("Toy: synthetic firms on the firms' lists", controls, note)

    def settings(self, values: dict[str, Any]) -> tuple[str, int, float]:
        """The rule set, the firm and the dormant share (0-1) in ``values``, checked."""
        rules = values["rules"]
        if rules not in firm_lists.RULE_SETS:
            raise ValueError(f"rules must be one of: {', '.join(firm_lists.RULE_SETS)}; got {rules!r}")
        firm = values["firm"]
        allowed = f"a whole number from 0 to {self.n - 1:,}"
        if firm is None or firm == "":
            raise ValueError(f"firm must be {allowed}; the box is empty")
        if isinstance(firm, str):
            try:
                firm = float(firm.strip())
            except ValueError:
                raise ValueError(f"firm must be {allowed}; got {firm!r}") from None
        if isinstance(firm, bool) or not isinstance(firm, (int, float)) or not float(firm).is_integer() \
                or not 0 <= firm <= self.n - 1:
            raise ValueError(f"firm must be {allowed}; got {firm!r}")
        dormant = check_number("dormant", values["dormant"], low=0, high=MAX_DORMANT_PERCENT) / 100
        return rules, int(firm), dormant

    def compute(self, values: dict[str, Any]) -> Update:
        rules, firm, dormant = self.settings(values)
        update = firm_lists.firm_lists_update(rules, firm, n=self.n, years=self.years, dormant_share=dormant,
                                              seed=self.seed)
        last = update.table.iloc[-1]
        numbers = (f"<b>Synthetic firm #{firm}, toy year {self.years}: {last['state']}</b>; of {update.firms:,} "
                   f"synthetic firms that year, {update.abnormal_last_year:.1f}% are on the abnormal-operations "
                   f"list and {update.serious_last_year:.1f}% on the serious-violation list "
                   f"({firm_lists.RULE_SETS[rules]})")
        on_serious = int(update.table["serious"].sum())
        description = (f"Top: synthetic firm #{firm}'s {self.years} toy years, {on_serious} of them on the "
                       f"serious-violation list. Bottom: the percent of all {update.firms:,} synthetic firms on each "
                       f"list per toy year, {update.serious_last_year:.1f}% on the serious-violation list in the last.")
        title = f"Toy: synthetic firm #{firm} and all synthetic firms ({firm_lists.RULE_SETS[rules]})"
        return Update(numbers, description, {"grid": update.grid, "shares": update.shares}, title=title,
                      params={"kit_title": title}, slots={"story": story_html(update.story)})

    def chart(self, first: Update) -> alt.VConcatChart:
        return firm_lists_live_chart(self.years, title=first.title, description=first.description)
