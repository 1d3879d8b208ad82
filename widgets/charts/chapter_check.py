"""Charts of the chapter's fact-check (notebooks 00 and 08): verdicts overall, by section, and a student's progress."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..topics import chapter_check
from .bars import stacked_bars
from .theme import PALETTE, WIDTH, check_rows

VERDICT_COLOURS = {"confirmed": PALETTE[0], "imprecise": PALETTE[2],
                   "corrected": PALETTE[3], "unconfirmed": PALETTE[1]}
PROGRESS_COLOURS = {"right": PALETTE[0], "not right yet": PALETTE[3], "not checked": "#bbbbbb"}


def verdict_bar(counts: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """Bars: how many of the chapter's claims get each verdict (table from ``chapter_check.verdict_counts()``)."""
    frame = check_rows("counts", counts)[["verdict", "claims"]].assign(
        verdict=lambda d: d["verdict"].astype(str))
    order = list(chapter_check.VERDICTS)
    return alt.Chart(frame, title=title, description=description).mark_bar().encode(
        x=alt.X("claims:Q", title="Claims of the chapter (number)", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("verdict:N", title="Verdict of the sources", sort=order, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("verdict:N", sort=order, legend=None,
                        scale=alt.Scale(domain=order, range=[VERDICT_COLOURS[v] for v in order])),
        tooltip=[alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("claims:Q", title="Claims")],
    ).properties(width=WIDTH, height=150)


def verdict_by_section_chart(counts: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """Stacked bars: verdicts per chapter section (table from ``chapter_check.verdict_counts(by_section=True)``)."""
    frame = check_rows("counts", counts)[["section", "verdict", "claims"]]
    sections = [str(s) for s in frame["section"].cat.categories] if isinstance(
        frame["section"].dtype, pd.CategoricalDtype) else sorted(frame["section"].astype(str).unique())
    frame = frame.assign(section=frame["section"].astype(str), verdict=frame["verdict"].astype(str))
    sections = [s for s in sections if s in set(frame["section"])]
    return stacked_bars(frame, count="claims", category="section", colour="verdict", categories=sections,
                        order=chapter_check.VERDICTS, colours=VERDICT_COLOURS, axis_title="Claims (number)",
                        legend_title="Verdict of the sources", tooltip_titles=("Section", "Verdict", "Claims"),
                        title=title, description=description)


def progress_frame(progress: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The progress table with plain-text columns, and its sections in the chapter's order."""
    frame = check_rows("progress", progress)[["section", "progress", "claims"]]
    sections = [str(s) for s in frame["section"].cat.categories if s in set(frame["section"].astype(str))] \
        if isinstance(frame["section"].dtype, pd.CategoricalDtype) else sorted(frame["section"].astype(str).unique())
    return frame.assign(section=frame["section"].astype(str), progress=frame["progress"].astype(str)), sections


def progress_chart(progress: pd.DataFrame | alt.Data, *, title: str, description: str,
                   sections: list[str] | None = None) -> alt.Chart:
    """Stacked bars: claims per section, by your progress (table from ``chapter_check.progress_by_section``).

    A live panel passes a named dataset (rows from ``progress_frame``) and the ``sections``.
    """
    if isinstance(progress, alt.Data):
        frame, sections = progress, list(sections or ())
    else:
        frame, sections = progress_frame(progress)
    return stacked_bars(frame, count="claims", category="section", colour="progress", categories=sections,
                        order=chapter_check.PROGRESS, colours=PROGRESS_COLOURS, axis_title="Claims (number)",
                        legend_title="Your verdicts", tooltip_titles=("Section", "Your verdicts", "Claims"),
                        title=title, description=description)


def progress_live_chart(sections: list[str], *, title: str, description: str) -> alt.Chart:
    """The fact-check panel's chart skeleton: ``progress_chart`` over the named dataset ``progress``."""
    return progress_chart(alt.Data(name="progress"), title=title, description=description, sections=sections)
