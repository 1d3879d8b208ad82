"""The myth-or-fact panel: pre-check (notebook 00) and final self-assessment (notebook 08).

The statements and grading are ``widgets.topics.myth_or_fact``; the chart ``widgets.charts.myth_or_fact``.

One row of Myth / Fact / Partly true toggle buttons per statement, a "Check my answers"
button, feedback under each statement that says where in the module it is taken up, and a
chart of right and wrong answers per notebook. In the pre-check a button saves the answers
(only on click) to ``myth_or_fact.PRECHECK_FILE``; in the final check a button reads them back (only
on click) and compares. The panel's text form never depends on that file.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as ipw
import pandas as pd

from .. import course_map
from ..charts.myth_or_fact import results_chart
from ..charts.theme import PALETTE
from ..checks import check_choice
from ..topics import myth_or_fact
from .base import Panel, error_html, info_html

MODES = ("pre-check", "final")


class MythOrFactPanel(Panel):
    """Myth, fact or partly true? One toggle row per statement, checked on request.

    ``mode='pre-check'`` (notebook 00) adds a button that saves the answers for later;
    ``mode='final'`` (notebook 08) adds one that compares with the saved pre-check.
    ``folder`` is where the pre-check file lives (default: the working folder at click time).
    """

    css_class = "kit-quiz-panel"

    def __init__(self, ids: Sequence[str] | None = None, mode: str = "pre-check",
                 folder: str | Path | None = None) -> None:
        self.mode = check_choice("mode", mode, MODES)
        self.folder = folder
        self.table = myth_or_fact.statements(ids)
        self.ids = list(self.table["id"])
        self._checked = False
        options = [(myth_or_fact.ANSWER_LABELS[a], a) for a in myth_or_fact.ANSWERS]
        tips = [f"{myth_or_fact.ANSWER_LABELS[a]}: {myth_or_fact.ANSWER_MEANINGS[a]}" for a in myth_or_fact.ANSWERS]
        self.toggles: dict[str, ipw.ToggleButtons] = {}
        self.feedback: dict[str, ipw.HTML] = {}
        rows = []
        for number, (sid, text) in enumerate(zip(self.table["id"], self.table["statement"]), start=1):
            toggle = ipw.ToggleButtons(options=options, value=None, description=f"Statement {number}",
                                       tooltips=tips, style={"description_width": "100px", "button_width": "110px"})
            note = ipw.HTML()
            note.add_class("kit-feedback")
            self.toggles[sid], self.feedback[sid] = toggle, note
            row = ipw.VBox([ipw.HTML(f"<b>{number}.</b> {html.escape(str(text))}"), toggle, note])
            row.add_class("kit-statement")
            rows.append(row)
        self.check_button = ipw.Button(description="Check my answers", button_style="primary", icon="check",
                                       tooltip="Compare your answers with what the sources say",
                                       layout=ipw.Layout(width="auto"))
        self.check_button.on_click(self._check_clicked)
        if self.mode == "pre-check":
            self.extra_button = ipw.Button(description="Save my answers for notebook 08", icon="save",
                                           layout=ipw.Layout(width="auto"),
                                           tooltip=f"Writes {myth_or_fact.PRECHECK_FILE} in this notebook's folder")
            self.extra_button.on_click(self._save_clicked)
        else:
            self.extra_button = ipw.Button(description="Compare with my pre-check", icon="exchange",
                                           layout=ipw.Layout(width="auto"),
                                           tooltip=f"Reads {myth_or_fact.PRECHECK_FILE} saved in notebook 00")
            self.extra_button.on_click(self._compare_clicked)
        self.comparison = ipw.HTML()
        self.comparison.add_class("kit-comparison")
        intro = ipw.HTML("For each statement choose <b>Myth</b>, <b>Fact</b> or <b>Partly true</b> "
                         "(Tab moves between buttons, Space or Enter chooses), then press "
                         "<b>Check my answers</b>. Nothing here counts towards a grade.")
        controls = [intro, *rows, ipw.HBox([self.check_button, self.extra_button]), self.comparison]
        sources = ", ".join(sorted(set(self.table["source_id"]), key=lambda s: (len(s), s)))
        saving = (f"Your answers stay in this notebook unless you press <i>Save</i>, which writes "
                  f"<code>{myth_or_fact.PRECHECK_FILE}</code> in this folder." if self.mode == "pre-check" else
                  f"<i>Compare</i> reads <code>{myth_or_fact.PRECHECK_FILE}</code> if you saved one in notebook 00.")
        note = (f"Statements, verdicts and what the sources say: <code>data/misconceptions.csv</code> "
                f"(sources {sources}). {saving}")
        title = "Myth or fact? A pre-check" if self.mode == "pre-check" else "Myth or fact? The final check"
        super().__init__(title, controls, note)
        for toggle in self.toggles.values():
            toggle.observe(self._answer_changed, names="value")
        self.refresh()

    # --- state ------------------------------------------------------------------------
    def answers(self) -> dict[str, str | None]:
        """The answers now chosen: ``{statement id: 'myth' | 'fact' | 'partly' | None}``."""
        return {sid: toggle.value for sid, toggle in self.toggles.items()}

    def set_answers(self, answers: dict[str, str | None]) -> None:
        """Choose the given answers in the toggles (checked first; unknown ids or answers raise)."""
        clean = myth_or_fact.check_answers(answers, self.ids)
        for sid in answers:
            value = clean[sid]
            self.toggles[sid].value = None if pd.isna(value) else str(value)

    def graded(self) -> pd.DataFrame:
        """The current answers graded by ``myth_or_fact.grade``."""
        return myth_or_fact.grade(self.answers(), self.ids)

    # --- Panel ------------------------------------------------------------------------
    def compute(self) -> tuple[str, str, Any]:
        graded = self.graded()
        score = myth_or_fact.summarize(graded)
        answered = score.right + score.wrong
        if self._checked:
            numbers = f"<b>{html.escape(score.sentence())}</b>"
            weak = graded.loc[graded["result"].astype(str) == "wrong", "notebook"].drop_duplicates()
            tail = (f"Notebooks that take up a statement you got wrong: {', '.join(weak)}." if len(weak)
                    else "No answer given contradicts the sources.")
            description = (f"Bars count the statements each notebook takes up, coloured by your result: "
                           f"{score.right} right, {score.wrong} wrong, {score.unanswered} without an answer. {tail}")
            title = "Your answers, by the notebook that takes each statement up"
        else:
            numbers = (f"Answered {answered} of {score.total} statements; press \u201cCheck my answers\u201d "
                       f"to see how you did.")
            description = (f"Bars count the statements each notebook takes up: {answered} answered so far, "
                           f"{score.unanswered} still open.")
            title = "Where each statement is taken up in the module"
        chart = results_chart(myth_or_fact.by_notebook(graded, checked=self._checked), title=title,
                              description=description)
        return numbers, description, chart

    def refresh(self, _change: object = None) -> bool:
        ok = super().refresh(_change)
        if ok:
            self._show_feedback()
        return ok

    def _show_feedback(self) -> None:
        if not self._checked:
            for note in self.feedback.values():
                note.value = ""
            return
        graded = self.graded().set_index("id")
        for sid, note in self.feedback.items():
            note.value = _feedback_html(graded.loc[sid])

    # --- events ------------------------------------------------------------------------
    def _answer_changed(self, _change: object) -> None:
        self._checked = False
        self.refresh()

    def _check_clicked(self, _button: object = None) -> None:
        self._checked = True
        self.refresh()

    def _save_clicked(self, _button: object = None) -> None:
        try:
            path = myth_or_fact.save_precheck(self.answers(), self.folder)
        except (ValueError, TypeError, OSError) as error:
            self.message.value = error_html(f"Could not save: {error}")
            return
        answered = sum(v is not None for v in self.answers().values())
        self.message.value = info_html(f"Saved {answered} answer(s) to {path.name} in this folder. "
                                       "Notebook 08 can compare your final answers with them.", kind="done")

    def _compare_clicked(self, _button: object = None) -> None:
        try:
            pre = myth_or_fact.load_precheck(self.folder)
        except (ValueError, TypeError, OSError) as error:
            self.comparison.value = error_html(str(error))
            return
        if pre is None:
            self.comparison.value = (
                "<p class='kit-no-precheck'>No saved pre-check was found in this folder (the kit looks for "
                f"<code>{myth_or_fact.PRECHECK_FILE}</code>). That is fine: perhaps you skipped the save button in "
                "notebook 00, or worked in another session (a Binder session forgets its files when it ends). "
                "Press <b>Check my answers</b> to see how you do now.</p>")
            return
        self.comparison.value = comparison_html(myth_or_fact.compare(pre, self.answers(), self.ids))


def _feedback_html(row: pd.Series) -> str:
    verdict = myth_or_fact.ANSWER_LABELS[str(row["verdict"])]
    where = html.escape(f"Taken up in notebook {row['taken_up_in']} ({course_map.notebook(row['notebook']).file}).")
    says = html.escape(f"{row['what_sources_say']} [{row['source_id']}]")
    if row["result"] == "right":
        head = f"<b>&#10004; Right</b>: {verdict.lower()}."
        colour = PALETTE[0]
    elif row["result"] == "wrong":
        head = f"<b>&#10008; Not quite</b>: the sources' verdict is <i>{verdict.lower()}</i>."
        colour = PALETTE[3]
    else:
        head = f"<b>No answer</b>: the sources' verdict is <i>{verdict.lower()}</i>."
        colour = "#555555"
    return (f"<div role='status' style='border-left:4px solid {colour};padding-left:8px;margin:2px 0 8px'>"
            f"{head} {says} <i>{where}</i></div>")


def comparison_html(table: pd.DataFrame) -> str:
    """A small before/after table (from ``myth_or_fact.compare``) with its summary sentence."""
    def label(value: object) -> str:
        return "&ndash;" if pd.isna(value) else myth_or_fact.ANSWER_LABELS[str(value)]

    body = "".join(
        f"<tr><td>{n}</td><td>{label(b)}</td><td>{label(a)}</td><td>{myth_or_fact.ANSWER_LABELS[str(v)]}</td>"
        f"<td>{html.escape(str(c))}</td></tr>"
        for n, b, a, v, c in zip(range(1, len(table) + 1), table["before"], table["after"], table["verdict"],
                                 table["change"]))
    return (f"<p><b>{html.escape(myth_or_fact.compare_sentence(table))}</b></p>"
            "<table class='kit-comparison-table'><caption>Your pre-check and your answers now</caption>"
            "<tr><th scope='col'>No.</th><th scope='col'>Pre-check</th><th scope='col'>Now</th>"
            f"<th scope='col'>Sources' verdict</th><th scope='col'>Change</th></tr>{body}</table>")
