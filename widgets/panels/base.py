"""The shared base of every interactive panel: ``Panel`` is ``live.LivePanel``.

A panel: labelled, keyboard-operable native controls; key numbers in a live region and a
one-sentence description that update on every change; one chart updated in place; and a
message area where a bad value is explained (never a traceback). Displaying a panel shows the
live widget; its plain-text form is the summary sentence, so saved notebooks and nbval see the
numbers. ``static_chart()`` returns the default state's chart as a static companion.
"""

from __future__ import annotations

import html

from .live import LivePanel as Panel

__all__ = ["Panel", "error_html"]


def error_html(message: str) -> str:
    """Markup for an error shown inside a panel's own HTML (e.g. a comparison that failed)."""
    return (f"<div class='kit-error' role='alert' style='color:#b00020'>&#9888; "
            f"{html.escape(message)}</div>")
