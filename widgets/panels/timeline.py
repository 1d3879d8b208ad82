"""Panel of notebook 02: the timeline 2002-2022, filtered by category and years.

The events are ``widgets.topics.timeline``; the chart ``widgets.charts.timeline``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..charts.timeline import TIMELINE_COLUMNS, timeline_live_chart, timeline_note
from ..topics import timeline
from .live import Checkbox, Group, LivePanel, Row, Slider, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

EMPTY_MESSAGE = "No events match: tick at least one category or widen the years."


class YearRange:
    """The two year sliders as one (first, last) pair, read or set as a user would."""

    def __init__(self, panel: TimelinePanel) -> None:
        self._panel = panel

    @property
    def value(self) -> tuple[int, int]:
        return int(self._panel.values["year_from"]), int(self._panel.values["year_to"])

    @value.setter
    def value(self, years: tuple[int, int]) -> None:
        self._panel.set(year_from=years[0], year_to=years[1])


class TimelinePanel(LivePanel):
    """Sourced events on a time axis: tick categories, move the first and last year; counts and chart follow."""

    css_class = "kit-timeline-panel"

    def __init__(self, table: pd.DataFrame | None = None, *, categories: list[str] | None = None,
                 years: tuple[int, int] | None = None) -> None:
        self.table = timeline.timeline_table() if table is None else table
        low, high = timeline.year_bounds()
        chosen = timeline.CATEGORIES if categories is None else timeline.check_categories("categories", categories)
        start = (low, high) if years is None else timeline.check_years("years", years)
        self._all = timeline.timeline_events(self.table)   # every event with its derived columns, once
        self.total = len(self._all)
        boxes = tuple(Checkbox(f"category_{c}", timeline.CATEGORY_LABELS[c], c in chosen) for c in timeline.CATEGORIES)
        controls = [Group("Categories (Tab to a box, Space to tick it)", (Row(boxes),)),
                    Group("Years", (Slider("year_from", "First year", "year", low, high, 1, start[0], unit_text=""),
                                    Slider("year_to", "Last year", "year", low, high, 1, start[1], unit_text="")))]
        note = ("Every dot is one row of data/timeline.csv; hover over it for the event, its date as precisely as "
                "known, its source id and its confidence. Nothing in this panel is illustrative. A dot sits in the "
                "middle of the month or year when only that is known, with a line over the period.")
        super().__init__(f"Timeline of social credit, {low}–{high}", controls, note)
        self.boxes = {c: self.control(f"category_{c}") for c in timeline.CATEGORIES}
        self.years = YearRange(self)

    def selected(self, values: dict[str, Any] | None = None) -> list[str]:
        """The ticked categories, in the timeline's category order."""
        values = self.values if values is None else values
        return [c for c in timeline.CATEGORIES if values[f"category_{c}"]]

    def events(self, values: dict[str, Any] | None = None) -> pd.DataFrame:
        """The events shown (sorted by date): as ``timeline.timeline_events`` gives them, filtered from
        the events prepared once (an update filters 55 rows instead of rebuilding them)."""
        values = self.values if values is None else values
        first, last = timeline.check_years("years", (values["year_from"], values["year_to"]))
        events = self._all[self._all["category"].isin(self.selected(values)) & self._all["year"].between(first, last)]
        events = events.reset_index(drop=True)
        events["lane"] = (events.groupby("category", sort=False).cumcount() % timeline.N_LANES).astype(int)
        return events

    @property
    def info(self) -> str:
        """The neutral note shown now ('' when events are shown)."""
        return self.last.info

    def compute(self, values: dict[str, Any]) -> Update:
        events = self.events(values)
        first, last = int(values["year_from"]), int(values["year_to"])
        span = f"{first}" if first == last else f"{first}–{last}"
        counts = timeline.category_counts(events, self.selected(values))
        if counts.empty:
            numbers = f"<b>0 of {self.total} events shown</b> ({span}): no category is ticked"
        else:
            per_category = "; ".join(f"{label} {n}" for label, n in zip(counts["label"], counts["events"]))
            numbers = f"<b>{len(events)} of {self.total} events shown</b> ({span}): {per_category}"
        description = timeline.describe_events(events)
        frame = events[list(TIMELINE_COLUMNS)].sort_values(["date", "id"], kind="stable")
        title = f"Social credit, {span}: dated events from the kit's data"
        return Update(numbers, description, {"events": frame, "note": timeline_note(frame)}, title=title,
                      params={"kit_title": title}, info=EMPTY_MESSAGE if events.empty else "")

    def chart(self, first: Update) -> alt.LayerChart:
        return timeline_live_chart(title=first.title, description=first.description)
