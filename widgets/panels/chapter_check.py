"""The fact-check panel of notebook 08: judge the chapter's claims against the ledger.

Pick a claim of the chapter, read the evidence from ``data/claims.csv``, choose a verdict
(confirmed / corrected / unconfirmed / imprecise) and check it: a right verdict shows the
evidence, a wrong one a hint; a second button shows the ledger's verdict. The ledger is
``widgets.topics.chapter_check``; the charts ``widgets.charts.chapter_check``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as ipw
import pandas as pd

from ..charts.chapter_check import progress_chart
from ..charts.theme import PALETTE
from ..topics import chapter_check
from .base import Panel, error_html

LABEL_LENGTH = 90


def _label(number: int, text: str) -> str:
    text = f"{number}. {text}"
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "\u2026"


class FactCheckPanel(Panel):
    """Pick a claim, read the evidence, give a verdict, get feedback; progress per chapter section."""

    css_class = "kit-factcheck-panel"

    def __init__(self, ids: Sequence[str] | None = None) -> None:
        self.table = chapter_check.claims_for_exercise(ids)
        self.ids = list(self.table["id"])
        self.results: dict[str, bool] = {}
        self.claim = ipw.Dropdown(options=[(_label(n, c), i) for n, (i, c) in
                                           enumerate(zip(self.table["id"], self.table["claim"]), start=1)],
                                  value=self.ids[0], description="Claim", layout=ipw.Layout(width="700px"))
        self.evidence = ipw.HTML()
        self.evidence.add_class("kit-evidence")
        self.verdict = ipw.ToggleButtons(options=[(v.capitalize(), v) for v in chapter_check.VERDICTS], value=None,
                                         description="Your verdict",
                                         tooltips=[f"{v}: {chapter_check.VERDICT_MEANINGS[v]}" for v in chapter_check.VERDICTS],
                                         style={"description_width": "90px", "button_width": "110px"})
        self.check_button = ipw.Button(description="Check my verdict", button_style="primary", icon="check",
                                       tooltip="Compare your verdict with the kit's fact-check ledger",
                                       layout=ipw.Layout(width="auto"))
        self.reveal_button = ipw.Button(description="Show the ledger's verdict", icon="eye",
                                        tooltip="Show the verdict in data/claims.csv and its evidence",
                                        layout=ipw.Layout(width="auto"))
        self.feedback = ipw.HTML()
        self.feedback.add_class("kit-feedback")
        intro = ipw.HTML("Choose a claim, read what the sources say, then pick a verdict and press "
                         "<b>Check my verdict</b>. " + "; ".join(
                             f"<i>{v}</i>: {chapter_check.VERDICT_MEANINGS[v]}" for v in chapter_check.VERDICTS) + ".")
        controls = [intro, self.claim, self.evidence, self.verdict,
                    ipw.HBox([self.check_button, self.reveal_button]), self.feedback]
        note = ("Claims, evidence and verdicts: <code>data/claims.csv</code>, the kit's fact-check ledger built "
                "from the project's fact base; each claim cites its main source.")
        super().__init__("Fact-check the chapter", controls, note)
        self.claim.observe(self._claim_changed, names="value")
        self.verdict.observe(self._verdict_changed, names="value")
        self.check_button.on_click(self._check_clicked)
        self.reveal_button.on_click(self._reveal_clicked)
        self._show_evidence()
        self.refresh()

    def compute(self) -> tuple[str, str, Any]:
        progress = chapter_check.progress_by_section(self.results, self.ids)
        right = sum(self.results.values())
        checked = len(self.results)
        numbers = (f"<b>Claims checked: {checked} of {len(self.ids)}</b>; verdicts matching the ledger: {right}; "
                   f"not yet: {checked - right}.")
        description = (f"Bars count the {len(self.ids)} claims in each section of the chapter, coloured by your "
                       f"progress: {right} right, {checked - right} not right yet, "
                       f"{len(self.ids) - checked} not checked.")
        chart = progress_chart(progress, title="Your fact-check of the chapter, section by section",
                               description=description)
        return numbers, description, chart

    def check(self, claim_id: str, verdict: str) -> pd.Series:
        """Record and return the feedback row for one verdict (as the Check button does)."""
        row = chapter_check.check_verdicts({claim_id: verdict}).iloc[0]
        self.results[claim_id] = bool(row["correct"])
        return row

    # --- events ----------------------------------------------------------------------
    def _show_evidence(self) -> None:
        ev = chapter_check.lookup(self.claim.value)
        note = f"<li><i>Note:</i> {html.escape(ev.note)}</li>" if ev.note else ""
        self.evidence.value = (
            f"<div style='border-left:4px solid #999;padding-left:8px'><p><b>{html.escape(ev.claim)}</b> "
            f"<small>({html.escape(ev.section)})</small></p><ul>"
            f"<li><i>The chapter's value:</i> {html.escape(ev.chapter_value or '(no single value)')}</li>"
            f"<li><i>What the sources say:</i> {html.escape(ev.sources_say)}</li>"
            f"<li><i>Evidence:</i> {html.escape(ev.evidence)}</li>{note}"
            f"<li><i>Source</i> [{html.escape(ev.source_id)}]: {html.escape(ev.citation)}</li></ul></div>")

    def _claim_changed(self, _change: object) -> None:
        self.verdict.value = None
        self.feedback.value = ""
        self.message.value = ""
        self._show_evidence()

    def _verdict_changed(self, _change: object) -> None:
        self.feedback.value = ""

    def _check_clicked(self, _button: object = None) -> None:
        if self.verdict.value is None:
            self.message.value = error_html("Choose a verdict first: " + ", ".join(chapter_check.VERDICTS) + ".")
            return
        try:
            row = self.check(self.claim.value, self.verdict.value)
        except (ValueError, TypeError) as error:
            self.message.value = error_html(str(error))
            return
        self.message.value = ""
        mark = "&#10004;" if row["correct"] else "&#10008;"
        colour = PALETTE[0] if row["correct"] else PALETTE[3]
        self.feedback.value = (f"<div role='status' style='border-left:4px solid {colour};padding-left:8px'>"
                               f"{mark} {html.escape(str(row['feedback']))}</div>")
        self.refresh()

    def _reveal_clicked(self, _button: object = None) -> None:
        verdict, evidence = chapter_check.ledger_verdict(self.claim.value)
        self.feedback.value = (f"<div role='status' style='border-left:4px solid #555;padding-left:8px'>"
                               f"The ledger's verdict: <b>{verdict}</b> ({chapter_check.VERDICT_MEANINGS[verdict]}). "
                               f"{html.escape(evidence)}</div>")
