"""The myth-or-fact chart (notebooks 00 and 08): statements per notebook, by the student's result."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..topics.myth_or_fact import NO_ANSWER
from .bars import stacked_bars
from .theme import PALETTE, check_rows

RESULT_COLOURS = {"right": PALETTE[0], "wrong": PALETTE[3], NO_ANSWER: "#999999", "answered": PALETTE[2]}


def results_chart(counts: pd.DataFrame | alt.Data, *, title: str | alt.Title, description: str,
                  notebooks: list[str] | None = None) -> alt.Chart:
    """Stacked bars: statements per notebook, coloured by result (table from ``myth_or_fact.by_notebook``).

    A live panel passes a named dataset and the ``notebooks`` (rows of the chart); every result
    then keeps its colour whichever results the rows hold.
    """
    if isinstance(counts, alt.Data):
        frame, order, categories = counts, list(RESULT_COLOURS), list(notebooks or ())
    else:
        frame = check_rows("counts", counts)[["notebook", "taken_up_in", "result", "statements"]]
        order = [r for r in RESULT_COLOURS if r in set(frame["result"])]
        categories = sorted(frame["taken_up_in"].unique())
    return stacked_bars(frame, count="statements", category="taken_up_in", colour="result",
                        categories=categories, order=order, colours=RESULT_COLOURS,
                        axis_title="Statements (number)", legend_title="Your answer",
                        tooltip_titles=("Notebook", "Your answer", "Statements"), title=title,
                        description=description, row_height=24)


def results_live_chart(notebooks: list[str], *, title: str, description: str) -> alt.Chart:
    """The myth-or-fact panel's chart skeleton: ``results_chart`` over the dataset ``counts``, its title the
    string parameter ``kit_title`` (starting at ``title``)."""
    kit_title = alt.param(name="kit_title", value=title)
    return results_chart(alt.Data(name="counts"), title=alt.Title(alt.expr(kit_title.name)),
                         description=description, notebooks=notebooks).add_params(kit_title)
