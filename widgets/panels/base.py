"""The shared base of every interactive panel: ``Panel`` is ``live.LivePanel``.

A panel: labelled, keyboard-operable native controls; key numbers in a live region and a
one-sentence description that update on every change; one chart updated in place; and a
message area where a bad value is explained (never a traceback). Displaying a panel shows the
live widget; its plain-text form is the summary sentence, so saved notebooks and nbval see the
numbers. ``static_chart()`` returns the default state's chart as a static companion.
The helpers below make markup for a panel's own HTML slots.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .live import LivePanel as Panel

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Panel", "error_html", "info_html"]

_INFO_MARKS = {"note": ("#444", "&#8505;"), "done": ("#1a5e20", "&#10004;")}


def error_html(message: str) -> str:
    """The message area's markup for a bad value: announced to screen readers, never a traceback."""
    return (f"<div class='kit-error' role='alert' style='color:#b00020'>&#9888; "
            f"{html.escape(message)}</div>")


def info_html(message: str, kind: str = "note") -> str:
    """The message area's markup for a message that is not an error, announced politely to screen readers.

    ``kind`` is ``"note"`` (a neutral note, e.g. an empty selection) or ``"done"`` (a confirmation).
    """
    colour, mark = _INFO_MARKS[kind]
    return f"<div class='kit-info' role='status' style='color:{colour}'>{mark} {html.escape(message)}</div>"


def assumptions_html(table: pd.DataFrame, note: str) -> str:
    """A toy's assumptions table (rows with label, value, status, source_id, detail) as escaped HTML,
    followed by ``note``, the toy's structure in words (published rows cite their source)."""
    head = "".join(f"<th style='text-align:left;padding:2px 6px'>{h}</th>"
                   for h in ("Assumption", "Value", "Status", "Source"))
    body = []
    for row in table.itertuples(index=False):
        source = f"[{row.source_id}]" if row.status == "published" else "kit"
        cells = [row.label, row.value, row.status, source]
        body.append("<tr title='" + html.escape(str(row.detail), quote=True) + "'>" + "".join(
            f"<td style='padding:2px 6px'>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    return ("<table class='kit-assumptions' style='font-size:12px;border-collapse:collapse'>"
            f"<caption style='text-align:left'><b>Assumptions</b></caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            f"<p style='font-size:12px;max-width:360px'>{html.escape(note)}</p>")
