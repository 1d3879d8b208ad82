"""The fact-check panel of notebook 08, and the charts of the chapter's fact-check ledger.

Pick a claim of the chapter, read the evidence from ``data/claims.csv``, choose a verdict
(confirmed / corrected / unconfirmed / imprecise) and check it: a right verdict shows the
evidence, a wrong one a hint; a second button shows the ledger's verdict.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import altair as alt
import ipywidgets as ipw
import pandas as pd

from .. import charts, factcheck
from .base import Panel, error_html

VERDICT_COLOURS = {"confirmed": charts.PALETTE[0], "imprecise": charts.PALETTE[2],
                   "corrected": charts.PALETTE[3], "unconfirmed": charts.PALETTE[1]}
PROGRESS_COLOURS = {"right": charts.PALETTE[0], "not right yet": charts.PALETTE[3], "not checked": "#bbbbbb"}
LABEL_LENGTH = 90


def verdict_bar(counts: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """Bars: how many of the chapter's claims get each verdict (table from ``factcheck.verdict_counts()``)."""
    frame = charts.check_rows("counts", counts)[["verdict", "claims"]].assign(
        verdict=lambda d: d["verdict"].astype(str))
    order = list(factcheck.VERDICTS)
    return alt.Chart(frame, title=title, description=description).mark_bar().encode(
        x=alt.X("claims:Q", title="Claims of the chapter (number)", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("verdict:N", title="Verdict of the sources", sort=order, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("verdict:N", sort=order, legend=None,
                        scale=alt.Scale(domain=order, range=[VERDICT_COLOURS[v] for v in order])),
        tooltip=[alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("claims:Q", title="Claims")],
    ).properties(width=charts.WIDTH, height=150)


def verdict_by_section_chart(counts: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """Stacked bars: verdicts per chapter section (table from ``factcheck.verdict_counts(by_section=True)``)."""
    frame = charts.check_rows("counts", counts)[["section", "verdict", "claims"]]
    sections = [str(s) for s in frame["section"].cat.categories] if isinstance(
        frame["section"].dtype, pd.CategoricalDtype) else sorted(frame["section"].astype(str).unique())
    frame = frame.assign(section=frame["section"].astype(str), verdict=frame["verdict"].astype(str))
    sections = [s for s in sections if s in set(frame["section"])]
    order = list(factcheck.VERDICTS)
    return alt.Chart(frame, title=title, description=description).mark_bar().encode(
        x=alt.X("claims:Q", title="Claims (number)", stack="zero", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("section:N", title=None, sort=sections, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("verdict:N", title="Verdict of the sources", sort=order,
                        scale=alt.Scale(domain=order, range=[VERDICT_COLOURS[v] for v in order])),
        order=alt.Order("verdict_rank:Q"),
        tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("verdict:N", title="Verdict"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).transform_calculate(verdict_rank=f"indexof({order!r}, datum.verdict)").properties(
        width=charts.WIDTH, height=26 * len(sections) + 20)


def progress_chart(progress: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """Stacked bars: claims per section, by your progress (table from ``factcheck.progress_by_section``)."""
    frame = charts.check_rows("progress", progress)[["section", "progress", "claims"]]
    sections = [str(s) for s in frame["section"].cat.categories if s in set(frame["section"].astype(str))] \
        if isinstance(frame["section"].dtype, pd.CategoricalDtype) else sorted(frame["section"].astype(str).unique())
    frame = frame.assign(section=frame["section"].astype(str), progress=frame["progress"].astype(str))
    order = list(factcheck.PROGRESS)
    return alt.Chart(frame, title=title, description=description).mark_bar().encode(
        x=alt.X("claims:Q", title="Claims (number)", stack="zero", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("section:N", title=None, sort=sections, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("progress:N", title="Your verdicts", sort=order,
                        scale=alt.Scale(domain=order, range=[PROGRESS_COLOURS[p] for p in order])),
        order=alt.Order("progress_rank:Q"),
        tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("progress:N", title="Your verdicts"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).transform_calculate(progress_rank=f"indexof({order!r}, datum.progress)").properties(
        width=charts.WIDTH, height=26 * len(sections) + 20)


def _label(number: int, text: str) -> str:
    text = f"{number}. {text}"
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "\u2026"


class FactCheckPanel(Panel):
    """Pick a claim, read the evidence, give a verdict, get feedback; progress per chapter section."""

    css_class = "kit-factcheck-panel"

    def __init__(self, ids: Sequence[str] | None = None) -> None:
        self.table = factcheck.claims_for_exercise(ids)
        self.ids = list(self.table["id"])
        self.results: dict[str, bool] = {}
        self.claim = ipw.Dropdown(options=[(_label(n, c), i) for n, (i, c) in
                                           enumerate(zip(self.table["id"], self.table["claim"]), start=1)],
                                  value=self.ids[0], description="Claim", layout=ipw.Layout(width="700px"))
        self.evidence = ipw.HTML()
        self.evidence.add_class("kit-evidence")
        self.verdict = ipw.ToggleButtons(options=[(v.capitalize(), v) for v in factcheck.VERDICTS], value=None,
                                         description="Your verdict",
                                         tooltips=[f"{v}: {factcheck.VERDICT_MEANINGS[v]}" for v in factcheck.VERDICTS],
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
                             f"<i>{v}</i>: {factcheck.VERDICT_MEANINGS[v]}" for v in factcheck.VERDICTS) + ".")
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
        progress = factcheck.progress_by_section(self.results, self.ids)
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
        row = factcheck.check_verdicts({claim_id: verdict}).iloc[0]
        self.results[claim_id] = bool(row["correct"])
        return row

    # --- events ----------------------------------------------------------------------
    def _show_evidence(self) -> None:
        ev = factcheck.lookup(self.claim.value)
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
            self.message.value = error_html("Choose a verdict first: " + ", ".join(factcheck.VERDICTS) + ".")
            return
        try:
            row = self.check(self.claim.value, self.verdict.value)
        except (ValueError, TypeError) as error:
            self.message.value = error_html(str(error))
            return
        self.message.value = ""
        mark = "&#10004;" if row["correct"] else "&#10008;"
        colour = charts.PALETTE[0] if row["correct"] else charts.PALETTE[3]
        self.feedback.value = (f"<div role='status' style='border-left:4px solid {colour};padding-left:8px'>"
                               f"{mark} {html.escape(str(row['feedback']))}</div>")
        self.refresh()

    def _reveal_clicked(self, _button: object = None) -> None:
        row = factcheck.ledger().set_index("id").loc[self.claim.value]
        verdict = str(row["verdict"])
        self.feedback.value = (f"<div role='status' style='border-left:4px solid #555;padding-left:8px'>"
                               f"The ledger's verdict: <b>{verdict}</b> ({factcheck.VERDICT_MEANINGS[verdict]}). "
                               f"{html.escape(str(row['evidence']))}</div>")
