"""Panel of notebook 06: the toy model of rewards versus sanctions, with awareness of the scheme.

Sliders for awareness, reward size, sanction size and periods; a menu of the published awareness
figures to start from; typed boxes for the chance of being caught and the baseline. Key numbers:
the final compliance share in each scenario and its gain over "neither". Chart: compliance over
time, one line per scenario, with the assumptions table (published or illustrative) beside it.
The model is ``widgets.models.rewards_sanctions``; the chart ``widgets.charts.rewards_sanctions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import contextlib
import html
from dataclasses import replace


from ..charts.rewards_sanctions import compliance_live_chart
from ..checks import check_number
from ..models import rewards_sanctions
from .base import assumptions_html
from .live import LivePanel, Number, Row, Select, Slider, Slot, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

CUSTOM = "custom"  # the menu entry for an awareness share that is not a published figure


class RewardsSanctionsPanel(LivePanel):
    """Rewards versus sanctions over time for synthetic people, with awareness of the scheme as a control.

    The menu of published awareness figures and the awareness slider follow each other (``linked``).
    """

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
        survey = self.figures.rows.iloc[0]
        cities = self.figures.rows[self.figures.rows["table"] == "city_scores"]
        note = (f"Published: the awareness figures in the menu, from a survey ({html.escape(survey['label'])}: "
                f"{survey['share'] * 100:g}% [{survey['source_id']}]) and from city scores (the share of residents "
                f"who activated an account, {cities['share'].min() * 100:g}&ndash;{cities['share'].max() * 100:g}% "
                f"[{', '.join(sorted(set(cities['source_id'])))}]; activation shows awareness, so it is only a lower "
                "bound). Illustrative (this kit's toy): the model itself and every other number. "
                f"{self.n:,} synthetic people (seeded), not real ones.")
        size = rewards_sanctions.MAX_SIZE
        controls = [
            Select("figure", "Start awareness from", tuple(options), self._figure_for(a.awareness * 100),
                   unit="a published figure or your own"),
            Slider("awareness", "Aware of the scheme", "% of synthetic people", 0, 100, 0.5, a.awareness * 100,
                   decimals=1, unit_text="%"),
            Slider("reward", "Reward size", "toy units", 0, size, 0.5, a.reward_size, decimals=1, unit_text="toy units"),
            Slider("sanction", "Sanction size", "toy units", 0, size, 0.5, a.sanction_size, decimals=1,
                   unit_text="toy units"),
            Slider("periods", "Periods", "toy time steps", 1, rewards_sanctions.MAX_PERIODS, 1, a.periods,
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
        match = self.figures.rows[(self.figures.rows["share"] * 100 - percent).abs() < 1e-9]
        return str(match["id"].iloc[0]) if len(match) else CUSTOM

    def linked(self, values: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        """A published figure chosen in the menu moves the slider; the slider moves the menu."""
        if "figure" in changed and values["figure"] != CUSTOM:
            values["awareness"] = self.figures.value(values["figure"]) * 100
        elif "awareness" in changed:
            with contextlib.suppress(TypeError, ValueError):
                values["figure"] = self._figure_for(float(values["awareness"]))
        return values

    # --- the model ------------------------------------------------------------------------------
    def current(self, values: dict[str, Any] | None = None) -> rewards_sanctions.Assumptions:
        """The assumptions now set in the controls; bad typed values raise ValueError/TypeError."""
        values = self.values if values is None else values
        caught = check_number("chance caught (%)", values["caught"], low=0, high=100)
        baseline = check_number("baseline compliance (%)", values["baseline"], low=0, high=100)
        if baseline in (0.0, 100.0):
            raise ValueError("baseline compliance (%) must be strictly between 0 and 100 (a chance, "
                             f"not a certainty); got {baseline:g}")
        size = rewards_sanctions.MAX_SIZE
        return replace(self.base_assumptions,
                       awareness=check_number("awareness (%)", values["awareness"], low=0, high=100) / 100,
                       reward_size=check_number("reward size", values["reward"], low=0, high=size),
                       sanction_size=check_number("sanction size", values["sanction"], low=0, high=size),
                       periods=int(check_number("periods", values["periods"], low=1,
                                                high=rewards_sanctions.MAX_PERIODS, integer=True)),
                       sanction_probability=caught / 100, baseline_compliance=baseline / 100)

    def compute(self, values: dict[str, Any]) -> Update:
        a = self.current(values)
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
        return Update(numbers, description, {"lines": u.long.assign(scenario=u.long["scenario"].astype(str))},
                      title="Toy model: compliance over time by scenario",
                      slots={"assumptions": assumptions_html(u.table, rewards_sanctions.STRUCTURE_NOTE)})

    def chart(self, first: Update) -> alt.Chart:
        return compliance_live_chart(title=first.title, description=first.description)
