"""Panel of notebook 07: a toy list experiment against a direct question, with hidden views.

Sliders for the true share who support, the share of opponents who hide their view when asked
directly, and the number of respondents per survey (with a box to type it); a menu to start from
the kit's illustrative toy or from the published design of the simulation it is checked against.
Key numbers: one synthetic survey's two estimates, then each method over all surveys. Chart: where
the estimates of the repeated synthetic surveys fall, asked directly and by the list experiment,
with the assumptions table (published or illustrative) beside it.
The model is ``widgets.models.list_experiment``; the chart ``widgets.charts.list_experiment``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import contextlib
import html
from dataclasses import replace


from ..charts.list_experiment import estimates_live_chart
from ..checks import check_number
from ..models import list_experiment
from .base import assumptions_html
from .live import LivePanel, Select, Slider, Slot, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

TOY, PUBLISHED, CUSTOM = "toy", "published", "custom"


def _typed_size(value: Any) -> Any:
    """A sample size as typed: '3,000' or ' 3000 ' become 3000.0; anything else is returned as it is."""
    return float(value.strip().replace(",", "")) if isinstance(value, str) else value


class ListExperimentPanel(LivePanel):
    """Repeated synthetic surveys: a direct question against a list experiment, with hidden views.

    The menu of starting points and the three sliders follow each other (``linked``).
    """

    css_class = "kit-listexperiment-panel"

    def __init__(self, assumptions: list_experiment.Assumptions | None = None) -> None:
        self.base = list_experiment.Assumptions() if assumptions is None else assumptions
        list_experiment.check_assumptions(self.base)
        self.design = list_experiment.published_design()
        published = list_experiment.published_design_assumptions(replicates=self.base.replicates, seed=self.base.seed)
        self.presets = {TOY: (list_experiment.Assumptions().true_support, list_experiment.Assumptions().hiding_share,
                              list_experiment.Assumptions().sample_size),
                        PUBLISHED: (published.true_support, published.hiding_share, published.sample_size)}
        a = self.base
        sources = self.design.source("sample_size")
        options = ((f"The kit's toy: {a.true_support * 100:g}% support, {a.hiding_share * 100:g}% of opponents hide "
                    "(illustrative)", TOY),
                   (f"The published design: {published.true_support * 100:g}% hold the view, nobody hides, "
                    f"{published.sample_size:,} respondents [{sources}]", PUBLISHED),
                   ("Your own values (illustrative)", CUSTOM))
        controls = [
            Select("start", "Start from", options, self._preset_for(a.true_support, a.hiding_share, a.sample_size),
                   unit="a setting"),
            Slider("support", "Truly support", "% of synthetic respondents", 0, 100, 1, a.true_support * 100,
                   unit_text="%"),
            Slider("hiding", "Opponents who say 'support' when asked directly", "% of opponents", 0, 100, 5,
                   a.hiding_share * 100, unit_text="% of opponents"),
            Slider("respondents", "Respondents per survey", "respondents", list_experiment.MIN_SAMPLE,
                   list_experiment.MAX_SAMPLE, 100, a.sample_size, unit_text="respondents",
                   box_label="or type a number")]
        note = (f"Published [{sources}]: the design of the simulation this toy is checked against (three control items, "
                f"each true with chance {self.design.control_item_probability:g}; {self.design.sample_size:,} "
                f"respondents split in half; prevalence {self.design.prevalence:g}). Illustrative (this kit's toy): "
                "the true share who support, the share who hide their view, and the model itself. "
                f"{a.replicates:,} synthetic surveys of synthetic respondents (seeded), not real people; no list "
                "experiment on support for the social credit system was found.")
        super().__init__("Toy list experiment: what a direct question hides", controls, note,
                         beside_chart=[Slot("assumptions")])

    # --- keeping the menu and the sliders in step ------------------------------------------------
    def _preset_for(self, support: float, hiding: float, size: float) -> str:
        for name, (t, h, n) in self.presets.items():
            if abs(support - t) < 1e-9 and abs(hiding - h) < 1e-9 and size == n:
                return name
        return CUSTOM

    def linked(self, values: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        """A starting point chosen in the menu moves the sliders; moving a slider moves the menu."""
        if "start" in changed and values["start"] in self.presets:
            t, h, n = self.presets[values["start"]]
            values.update(support=t * 100, hiding=h * 100, respondents=n)
        elif changed & {"support", "hiding", "respondents"}:
            with contextlib.suppress(TypeError, ValueError):
                values["start"] = self._preset_for(float(values["support"]) / 100, float(values["hiding"]) / 100,
                                                   _typed_size(values["respondents"]))
        return values

    # --- the model --------------------------------------------------------------------------------
    def current(self, values: dict[str, Any] | None = None) -> list_experiment.Assumptions:
        """The assumptions now set in the controls; bad values raise ValueError/TypeError naming them."""
        values = self.values if values is None else values
        try:
            size = _typed_size(values["respondents"])
        except ValueError:
            raise ValueError("respondents per survey must be a whole number between "
                             f"{list_experiment.MIN_SAMPLE} and {list_experiment.MAX_SAMPLE}; "
                             f"got {values['respondents']!r}") from None
        return replace(self.base,
                       true_support=check_number("truly support (%)", values["support"], low=0, high=100) / 100,
                       hiding_share=check_number("opponents who hide (%)", values["hiding"], low=0, high=100) / 100,
                       sample_size=int(check_number("respondents per survey", size, low=list_experiment.MIN_SAMPLE,
                                                    high=list_experiment.MAX_SAMPLE, integer=True)))

    def compute(self, values: dict[str, Any]) -> Update:
        a = self.current(values)
        u = list_experiment.list_experiment_update(a, self.design)
        text = html.escape(list_experiment.result_text(u))
        first, rest = text.split(". True share", 1)
        numbers = f"<b>{first}.</b> True share{rest}"
        return Update(numbers, list_experiment.chart_description(u), {"bins": u.histogram, "truth": u.truth},
                      title=list_experiment.chart_title(a), slots={"assumptions": assumptions_html(u.table, list_experiment.STRUCTURE_NOTE)})

    def chart(self, first: Update) -> alt.VConcatChart:
        return estimates_live_chart(self.base.replicates, title=first.title, description=first.description)
