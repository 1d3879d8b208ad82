"""Panel of notebook 01: one cut-off for all, or one per group, over two synthetic groups.

The model is ``widgets.models.lender_fairness``; the chart ``widgets.charts.lender_fairness``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..charts.lender_fairness import fairness_live_chart, rate_rows
from ..checks import check_number
from ..models import lender_fairness
from .live import LivePanel, Select, Slider, Text, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

POLICY_OPTIONS: tuple[tuple[str, str], ...] = tuple((label, key) for key, label in lender_fairness.POLICIES.items())
TITLE = "What the cut-offs do to two synthetic groups"


class FairnessPanel(LivePanel):
    """A lender's cut-off over two synthetic groups: a policy, A's cut-off and (set by hand) B's cut-off.

    Under "one cut-off for all" B's slider follows A's; under equal opportunity or demographic parity
    it shows the cut-off the model chose for B; moving it switches the policy to "a cut-off per group".
    A's cut-off rule is a chart parameter bound to its slider, so the browser moves it at once.
    """

    css_class = "kit-fairness-panel"
    local_params = {"cutoff_a": "cutoff"}

    def __init__(self, applicants: pd.DataFrame, scale: lender_fairness.ScoreScale = lender_fairness.SCALE,
                 cutoff: int = lender_fairness.ILLUSTRATIVE_CUTOFF, policy: str = "single") -> None:
        self.model = lender_fairness.FairnessModel(applicants, scale)
        self.scale = scale
        self.low, self.high = int(scale.low), int(scale.high)
        groups = applicants["group"].astype(str).value_counts()
        start_b = round(lender_fairness.policy_cutoffs(self.model, cutoff, policy, cutoff_b=cutoff)[1], 1)
        controls = [
            Select("policy", "Policy", POLICY_OPTIONS, policy, unit="how the cut-offs are set"),
            Slider("cutoff", "Group A's cut-off", "toy score points", self.low, self.high, 5, cutoff,
                   unit_text="points", box_label="or type A's cut-off"),
            Slider("cutoff_b", "Group B's cut-off", "toy score points", self.low, self.high, 1, start_b, decimals=1,
                   unit_text="points", box_label="or type B's cut-off"),
            Text("<small>Under one cut-off for all, B's cut-off follows A's; under equal opportunity or demographic "
                 "parity the model picks it; moving B's slider sets it by hand. A group's true-positive rate is the "
                 "share of its would-be repayers who are approved.</small>"),
        ]
        note = (f"Synthetic people (seeded): the {len(applicants):,} synthetic borrowers of the cut-off panel, split "
                f"into group A ({groups.get('A', 0):,}) and group B ({groups.get('B', 0):,}) by a seeded draw that "
                "makes B likelier the lower the toy score. Illustrative (this kit's toy): the split, the toy scores "
                f"and the default cut-off of {cutoff}; no real group and no real lender. The definitions of equal "
                "opportunity and demographic parity are published [S133, S136]; the loan-threshold explainer's own "
                "figures [S132] belong to that explainer and are not used here.")
        super().__init__("One cut-off for all, or one per group?", controls, note)

    def _cutoff(self, name: str, value: Any) -> float:
        """A cut-off from a control, checked: a number within the score's range."""
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                raise ValueError(f"{name} must be a number between {self.low} and {self.high}; "
                                 f"got {value!r}") from None
        return check_number(name, value, low=self.low, high=self.high)

    def result(self, values: dict[str, Any] | None = None) -> lender_fairness.FairnessResult:
        """What the policy now set does to each group."""
        values = self.values if values is None else values
        return lender_fairness.lender_fairness_update(
            self.model, self._cutoff("cutoff", values["cutoff"]), values["policy"],
            cutoff_b=self._cutoff("cutoff_b", values["cutoff_b"]))

    def linked(self, values: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        """B's slider follows the policy; moving it by hand switches to a cut-off per group."""
        if "cutoff_b" in changed and "policy" not in changed and values["policy"] != "per_group":
            values["policy"] = "per_group"
        if values["policy"] != "per_group":
            try:
                cut_b = lender_fairness.policy_cutoffs(self.model, self._cutoff("cutoff", values["cutoff"]),
                                                       values["policy"])[1]
            except (ValueError, TypeError):
                return values  # compute() reports the bad value
            values["cutoff_b"] = round(cut_b, 1)
        return values

    def compute(self, values: dict[str, Any]) -> Update:
        result = self.result(values)
        a, b = result.rates.to_dict("records")  # plain dicts: a handful of numbers, no pandas indexing
        # rounded first, so a gap of -0.04 reads 0.0, not -0.0
        tpr_gap = round(100 * (a["true_positive_rate"] - b["true_positive_rate"]), 1) + 0.0
        approval_gap = round(100 * (a["approval_rate"] - b["approval_rate"]), 1) + 0.0
        label = lender_fairness.POLICIES[result.policy].split(" (")[0]
        numbers = (f"<b>{label}.</b> Group A: cut-off {a['cutoff']:,.1f}, approves {a['approval_rate']:.1%} of its "
                   f"{int(a['people']):,} synthetic applicants and {a['true_positive_rate']:.1%} of its would-be "
                   f"repayers. Group B: cut-off {b['cutoff']:,.1f}, approves {b['approval_rate']:.1%} of "
                   f"{int(b['people']):,} and {b['true_positive_rate']:.1%} of its would-be repayers. "
                   f"<b>Gaps (A minus B):</b> would-be repayers approved {tpr_gap:+.1f} points; "
                   f"approval rates {approval_gap:+.1f} points.")
        description = (f"Bars compare the two synthetic groups' approval rates and shares of would-be repayers "
                       f"approved under {label.lower()}; below, each group's toy scores coloured by outcome, with "
                       f"its cut-off as a dashed line (A at {a['cutoff']:,.1f}, B at {b['cutoff']:,.1f}).")
        return Update(numbers, description, {"rates": rate_rows([a, b]), "hist": result.histogram}, title=TITLE,
                      params={"rates_title": f"{label}: each group's rates", "cutoff_a": round(float(a["cutoff"]), 1),
                              "cutoff_b": round(float(b["cutoff"]), 1)})

    def chart(self, first: Update) -> alt.VConcatChart:
        return fairness_live_chart(title=first.title, description=first.description,
                                   domain=(self.scale.low, self.scale.high), rates_title=first.params["rates_title"],
                                   cutoff_a=first.params["cutoff_a"], cutoff_b=first.params["cutoff_b"])
