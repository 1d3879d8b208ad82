"""Chart builders shared by several subjects: stacked bars of counts per category."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from .theme import WIDTH


def stacked_bars(frame: pd.DataFrame | alt.Data, *, count: str, category: str, colour: str, categories: Sequence[str],
                 order: Sequence[str], colours: Mapping[str, str], axis_title: str, legend_title: str,
                 tooltip_titles: tuple[str, str, str], title: str | alt.Title, description: str,
                 row_height: int = 26) -> alt.Chart:
    """Horizontal bars, one per category (in ``categories`` order), stacked by ``colour`` (in ``order``).

    ``frame`` holds one row per (category, colour) with its ``count``; ``tooltip_titles`` name the
    category, the colour and the count in the tooltip. Bars are ``row_height`` pixels per category.
    """
    order = list(order)
    return alt.Chart(frame, title=title, description=description).mark_bar().encode(
        x=alt.X(f"{count}:Q", title=axis_title, stack="zero", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y(f"{category}:N", title=None, sort=list(categories), axis=alt.Axis(labelLimit=320)),
        color=alt.Color(f"{colour}:N", title=legend_title, sort=order,
                        scale=alt.Scale(domain=order, range=[colours[c] for c in order])),
        order=alt.Order(f"{colour}_rank:Q"),
        tooltip=[alt.Tooltip(f"{category}:N", title=tooltip_titles[0]),
                 alt.Tooltip(f"{colour}:N", title=tooltip_titles[1]),
                 alt.Tooltip(f"{count}:Q", title=tooltip_titles[2])],
    ).transform_calculate(**{f"{colour}_rank": f"indexof({order!r}, datum.{colour})"}).properties(
        width=WIDTH, height=row_height * len(categories) + 20)
