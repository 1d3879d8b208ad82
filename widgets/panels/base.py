"""Shared base of every interactive panel (ipywidgets, imported as ``ipw``).

A panel: labelled, keyboard-operable controls; key numbers and a one-sentence text
description that update on every change; a chart redrawn in place; and a message area
where a bad value is explained (never a traceback). Displaying a panel shows the live
widget; its plain-text form is the summary sentence, so saved notebooks and nbval see
the numbers. ``static_chart()`` returns the default state's chart as a static companion.
"""

from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as ipw

from ..charts import theme

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


class Panel:
    """Base class: controls + key numbers + description + chart + message area in one VBox."""

    css_class = "kit-panel"

    def __init__(self, title: str, controls: list[ipw.Widget], note: str) -> None:
        self.message = ipw.HTML(layout=ipw.Layout(min_height="1.5em"))
        self.message.add_class("kit-message")
        self.numbers = ipw.HTML()
        self.numbers.add_class("kit-key-numbers")
        self.description = ipw.HTML()
        self.description.add_class("kit-description")
        self.chart = ipw.Output()
        self.chart.add_class("kit-chart")
        heading = ipw.HTML(f"<h4 style='margin:0'>{html.escape(title)}</h4>")
        self.box = ipw.VBox([heading, *controls, self.message, self.numbers, self.description,
                             self.chart, ipw.HTML(f"<small>{note}</small>")])
        self.box.add_class("kit-panel")
        self.box.add_class(self.css_class)

    # --- subclasses implement these two ---------------------------------------------
    def compute(self) -> tuple[str, str, Any]:
        """Return (key-numbers HTML, description sentence, chart) for the current settings."""
        raise NotImplementedError

    def summary(self) -> str:
        """A plain-text sentence with the panel's current numbers."""
        return html.unescape(_strip_tags(self.numbers.value))

    # --------------------------------------------------------------------------------
    def refresh(self, _change: object = None) -> bool:
        """Recompute and redraw; on bad input show the message and keep the last good chart."""
        try:
            numbers, description, chart = self.compute()
        except (ValueError, TypeError) as error:
            self.message.value = error_html(str(error))
            return False
        self.message.value = ""
        self.numbers.value = numbers
        self.description.value = f"<p>{html.escape(description)}</p>"
        if not hasattr(self, "_first_chart"):
            self._first_chart = chart  # the default state, for the static companion
        bundle = theme.live_bundle(chart)
        self.chart.outputs = ({"output_type": "display_data", "data": bundle,
                               "metadata": {theme.VEGALITE_MIME: {"embed_options": theme.EMBED_OPTIONS}}},)
        return True

    def static_chart(self) -> Any:
        """The chart of the panel's default state: a static companion for readers without a kernel."""
        return self._first_chart

    def _observe(self, controls: list[ipw.Widget]) -> None:
        for control in controls:
            control.observe(self.refresh, names="value")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.summary()
        return bundle


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)
