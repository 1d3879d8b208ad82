"""Panel of notebook 02: the timeline 2002-2022, filtered by category and years.

The events are ``widgets.topics.timeline``; the chart ``widgets.charts.timeline``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw
import pandas as pd

from ..charts.timeline import timeline_chart
from ..topics import timeline
from .base import Panel, info_html

EMPTY_MESSAGE = "No events match: tick at least one category or widen the years."


class TimelinePanel(Panel):
    """Sourced events on a time axis: tick categories, drag the year range; counts and chart follow."""

    css_class = "kit-timeline-panel"

    def __init__(self, table: pd.DataFrame | None = None, *, categories: list[str] | None = None,
                 years: tuple[int, int] | None = None) -> None:
        self.table = timeline.timeline_table() if table is None else table
        low, high = timeline.year_bounds()
        chosen = timeline.CATEGORIES if categories is None else timeline.check_categories("categories", categories)
        start = (low, high) if years is None else timeline.check_years("years", years)
        self.total = len(timeline.timeline_events(self.table))
        self.boxes = {c: ipw.Checkbox(value=c in chosen, description=timeline.CATEGORY_LABELS[c], indent=False,
                                      layout=ipw.Layout(width="250px")) for c in timeline.CATEGORIES}
        self.years = ipw.IntRangeSlider(value=start, min=low, max=high, step=1, description="Years",
                                        continuous_update=False, layout=ipw.Layout(width="480px"))
        grid = ipw.GridBox(list(self.boxes.values()),
                           layout=ipw.Layout(grid_template_columns="repeat(3, 250px)"))
        controls = [ipw.HTML("<b>Categories</b> (Tab to a box, Space to tick it)"), grid, self.years]
        note = ("Every dot is one row of data/timeline.csv; hover over it for the event, its date as precisely as "
                "known, its source id and its confidence. Nothing in this panel is illustrative. A dot sits in the "
                "middle of the month or year when only that is known, with a line over the period.")
        super().__init__(f"Timeline of social credit, {low}–{high}", controls, note)
        self._observe([*self.boxes.values(), self.years])
        self.refresh()

    def selected(self) -> list[str]:
        """The ticked categories, in the timeline's category order."""
        return [c for c, box in self.boxes.items() if box.value]

    def events(self) -> pd.DataFrame:
        """The events shown now (sorted by date)."""
        return timeline.timeline_events(self.table, categories=self.selected(), years=tuple(self.years.value))

    def compute(self) -> tuple[str, str, Any]:
        events = self.events()
        first, last = self.years.value
        span = f"{first}" if first == last else f"{first}–{last}"
        counts = timeline.category_counts(events, self.selected())
        self._empty = events.empty
        if counts.empty:
            numbers = f"<b>0 of {self.total} events shown</b> ({span}): no category is ticked"
        else:
            per_category = "; ".join(f"{label} {n}" for label, n in zip(counts["label"], counts["events"]))
            numbers = f"<b>{len(events)} of {self.total} events shown</b> ({span}): {per_category}"
        description = timeline.describe_events(events)
        chart = timeline_chart(events, title=f"Social credit, {span}: dated events from the kit's data",
                                        description=description)
        return numbers, description, chart

    def refresh(self, _change: object = None) -> bool:
        """Redraw; an empty selection is a normal state, explained by a note rather than an error."""
        ok = super().refresh(_change)
        if ok and self._empty:
            self.message.value = info_html(EMPTY_MESSAGE)
        return ok
