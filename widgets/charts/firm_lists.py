"""The firms' lists toy (notebook 02): one synthetic firm's years above the share of all synthetic firms on each list.

Both builders take a frame or a named dataset (``alt.Data(name=...)``), so a live panel can send
new rows to the same view; domains are fixed so the view does not jump when the rows change.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..checks import check_table
from ..models.firm_lists import CELLS, GRID_ROWS, STATES
from .theme import MAX_ROWS, PALETTE, WIDTH

LISTED: list[str] = list(STATES[1:])  # the bars leave out the firms on no list
STATE_COLOURS: dict[str, str] = dict(zip(LISTED, [PALETTE[2], PALETTE[3], PALETTE[5]]))
CELL_COLOURS: dict[str, str] = dict(zip(CELLS, [PALETTE[0], PALETTE[1], "#eeeeee"]))
ROW_LABELS: list[str] = [label for _, label, _ in GRID_ROWS]


def _frame_or_data(name: str, data: pd.DataFrame | alt.Data, columns: tuple[str, ...]) -> pd.DataFrame | alt.Data:
    if isinstance(data, alt.Data):
        return data
    frame = check_table(name, data, columns, max_rows=MAX_ROWS)
    if frame.empty:
        raise ValueError(f"{name} must have at least one row; it is empty")
    return frame


def shares_chart(shares: pd.DataFrame | alt.Data, *, years: int, title: str | None = None,
                 description: str | None = None) -> alt.Chart:
    """Stacked bars: per toy year, the percent of synthetic firms on one list or on both (the rest are on none)."""
    data = _frame_or_data("shares", shares, ("year", "state", "firms", "percent"))
    x = alt.X("year:O", title="Toy year", scale=alt.Scale(domain=list(range(1, years + 1))),
              axis=alt.Axis(labelAngle=0))
    chart = alt.Chart(data).transform_filter(
        alt.FieldOneOfPredicate(field="state", oneOf=LISTED)
    ).transform_calculate(state_rank=f"indexof({LISTED!r}, datum.state)").mark_bar().encode(
        x=x,
        y=alt.Y("percent:Q", title="Synthetic firms on a list (%)", stack="zero"),
        color=alt.Color("state:N", title="List status", sort=LISTED,
                        scale=alt.Scale(domain=LISTED, range=[STATE_COLOURS[s] for s in LISTED]),
                        legend=alt.Legend(columns=2, labelLimit=300)),
        order=alt.Order("state_rank:Q"),
        tooltip=[alt.Tooltip("year:O", title="Toy year"), alt.Tooltip("state:N", title="Status"),
                 alt.Tooltip("firms:Q", title="Synthetic firms", format=","),
                 alt.Tooltip("percent:Q", title="Percent of all synthetic firms", format=".1f")],
    ).properties(width=WIDTH, height=180)
    if title is not None:
        chart = chart.properties(title=title)
    if description is not None:
        chart = chart.properties(description=description)
    return chart


def firm_years_chart(grid: pd.DataFrame | alt.Data, *, years: int, title: str | None = None) -> alt.Chart:
    """A grid: one row per event or list, one column per toy year; a cell is coloured when the firm had
    a problem that year or was on the list."""
    data = _frame_or_data("grid", grid, ("year", "row", "cell", "why"))
    chart = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("year:O", title="Toy year", scale=alt.Scale(domain=list(range(1, years + 1))),
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("row:N", title=None, sort=ROW_LABELS, scale=alt.Scale(domain=ROW_LABELS),
                axis=alt.Axis(labelLimit=260)),
        color=alt.Color("cell:N", title="Cell", sort=list(CELLS),
                        scale=alt.Scale(domain=list(CELLS), range=[CELL_COLOURS[c] for c in CELLS])),
        tooltip=[alt.Tooltip("year:O", title="Toy year"), alt.Tooltip("row:N", title="Row"),
                 alt.Tooltip("cell:N", title="Cell"), alt.Tooltip("why:N", title="That year")],
    ).properties(width=WIDTH, height=22 * len(ROW_LABELS))
    return chart.properties(title=title) if title is not None else chart


def firm_lists_chart(grid: pd.DataFrame | alt.Data, shares: pd.DataFrame | alt.Data, *, years: int,
                     title: str | alt.Title, description: str) -> alt.VConcatChart:
    """The panel's one view: the firm's years (top) above every synthetic firm's list status (bottom)."""
    top = firm_years_chart(grid, years=years, title="One synthetic firm, year by year")
    bottom = shares_chart(shares, years=years, title="All synthetic firms: on which list, each year")
    return alt.vconcat(top, bottom, title=title, description=description).resolve_scale(color="independent")


def firm_lists_live_chart(years: int, *, title: str, description: str) -> alt.VConcatChart:
    """The firms' lists panel's chart skeleton: ``firm_lists_chart`` over the datasets ``grid`` and
    ``shares``, its title the string parameter ``kit_title`` (starting at ``title``)."""
    kit_title = alt.param(name="kit_title", value=title)
    return firm_lists_chart(alt.Data(name="grid"), alt.Data(name="shares"), years=years,
                            title=alt.Title(alt.expr(kit_title.name)), description=description).add_params(kit_title)
