"""The myth-or-fact panel: pre-check (notebook 00) and final self-assessment (notebook 08).

The statements and grading are ``widgets.topics.myth_or_fact``; the chart ``widgets.charts.myth_or_fact``.

One group of Myth / Fact / Partly true radio buttons per statement, a "Check my answers"
button, feedback under each statement that says where in the module it is taken up, and a
chart of right and wrong answers per notebook. In the pre-check a button saves the answers
(only on click) to ``myth_or_fact.PRECHECK_FILE``; in the final check a button reads them back (only
on click) and compares. The panel's text form never depends on that file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import html
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .. import course_map
from ..charts.myth_or_fact import results_live_chart
from ..charts.theme import PALETTE
from ..checks import check_choice
from ..topics import myth_or_fact
from .base import error_html
from .live import Button, LivePanel, Radio, Row, Slot, Text, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

MODES = ("pre-check", "final")


class MythOrFactPanel(LivePanel):
    """Myth, fact or partly true? One radio group per statement, checked on request.

    ``mode='pre-check'`` (notebook 00) adds a button that saves the answers for later;
    ``mode='final'`` (notebook 08) adds one that compares with the saved pre-check.
    ``folder`` is where the pre-check file lives (default: the working folder at click time).
    """

    css_class = "kit-quiz-panel"
    ahead_state = ("_checked", "_comparison")   # what linked() and "check" set (ahead.py)
    ahead_buttons = ("check",)

    def __init__(self, ids: Sequence[str] | None = None, mode: str = "pre-check",
                 folder: str | Path | None = None) -> None:
        self.mode = check_choice("mode", mode, MODES)
        self.folder = folder
        self.table = myth_or_fact.statements(ids)
        self.ids = list(self.table["id"])
        self._checked = False
        self._comparison = ""
        self._verdicts = dict(zip(self.table["id"], self.table["verdict"].astype(str)))
        self._notebook = dict(zip(self.table["id"], self.table["notebook"].astype(str)))
        self._taken_up_in = {sid: myth_or_fact.notebook_label(nb) for sid, nb in self._notebook.items()}
        options = tuple((myth_or_fact.ANSWER_LABELS[a], a) for a in myth_or_fact.ANSWERS)
        tips = tuple(f"{myth_or_fact.ANSWER_LABELS[a]}: {myth_or_fact.ANSWER_MEANINGS[a]}" for a in myth_or_fact.ANSWERS)
        rows: list[Any] = [Text("For each statement choose <b>Myth</b>, <b>Fact</b> or <b>Partly true</b> "
                                "(Tab reaches a statement, the arrow keys choose), then press "
                                "<b>Check my answers</b>. Nothing here counts towards a grade.")]
        for number, (sid, text) in enumerate(zip(self.table["id"], self.table["statement"]), start=1):
            rows += [Radio(f"answer_{sid}", f"Statement {number}", options, None, tooltips=tips, help=str(text)),
                     Slot(f"feedback_{sid}")]
        extra = (Button("save", "Save my answers for notebook 08", tooltip=f"Writes {myth_or_fact.PRECHECK_FILE} in this "
                        "notebook's folder") if self.mode == "pre-check" else
                 Button("compare", "Compare with my pre-check", tooltip=f"Reads {myth_or_fact.PRECHECK_FILE} saved in notebook 00"))
        rows += [Row((Button("check", "Check my answers", primary=True,
                             tooltip="Compare your answers with what the sources say"), extra)),
                 Slot("comparison")]
        sources = ", ".join(sorted(set(self.table["source_id"]), key=lambda s: (len(s), s)))
        saving = (f"Your answers stay in this notebook unless you press <i>Save</i>, which writes "
                  f"<code>{myth_or_fact.PRECHECK_FILE}</code> in this folder." if self.mode == "pre-check" else
                  f"<i>Compare</i> reads <code>{myth_or_fact.PRECHECK_FILE}</code> if you saved one in notebook 00.")
        note = (f"Statements, verdicts and what the sources say: <code>data/misconceptions.csv</code> "
                f"(sources {sources}). {saving}")
        title = "Myth or fact? A pre-check" if self.mode == "pre-check" else "Myth or fact? The final check"
        super().__init__(title, rows, note)
        self.toggles = {sid: self.control(f"answer_{sid}") for sid in self.ids}
        self.feedback = {sid: self.slot(f"feedback_{sid}") for sid in self.ids}
        self.comparison = self.slot("comparison")
        self.check_button = self.button("check")
        self.extra_button = self.button("save" if self.mode == "pre-check" else "compare")

    # --- state ------------------------------------------------------------------------
    def answers(self, values: dict[str, Any] | None = None) -> dict[str, str | None]:
        """The answers now chosen: ``{statement id: 'myth' | 'fact' | 'partly' | None}``."""
        values = self.values if values is None else values
        return {sid: values[f"answer_{sid}"] for sid in self.ids}

    def set_answers(self, answers: dict[str, str | None]) -> None:
        """Choose the given answers (checked first; unknown ids or answers raise)."""
        clean = myth_or_fact.check_answers(answers, self.ids)
        self.set(**{f"answer_{sid}": (None if pd.isna(clean[sid]) else str(clean[sid])) for sid in answers})

    def graded(self, values: dict[str, Any] | None = None) -> pd.DataFrame:
        """The current answers graded by ``myth_or_fact.grade``."""
        return myth_or_fact.grade(self.answers(values), self.ids)

    def _results(self, answers: dict[str, str | None]) -> list[str]:
        """Each statement's result ('right', 'wrong' or no answer), without building a table: what an
        update needs before the answers are checked (``myth_or_fact.grade`` gives the same, checked first)."""
        results = []
        for sid in self.ids:
            answer = answers[sid]
            if answer is not None and answer not in myth_or_fact.ANSWERS:
                raise ValueError(f"answers[{sid!r}] must be one of: {', '.join(myth_or_fact.ANSWERS)} (or None for no "
                                 f"answer); got {answer!r}")
            results.append(myth_or_fact.NO_ANSWER if answer is None else "right" if answer == self._verdicts[sid] else "wrong")
        return results

    def _counts(self, results: list[str], checked: bool) -> pd.DataFrame:
        """``myth_or_fact.by_notebook`` from the results: statements per notebook and result, sorted."""
        order = list(myth_or_fact.RESULTS) if checked else ["answered", myth_or_fact.NO_ANSWER]
        tally: dict[tuple[str, str, str], int] = {}
        for sid, result in zip(self.ids, results):
            shown = result if checked or result == myth_or_fact.NO_ANSWER else "answered"
            key = (self._notebook[sid], self._taken_up_in[sid], shown)
            tally[key] = tally.get(key, 0) + 1
        rows = sorted(tally.items(), key=lambda kv: (kv[0][0], order.index(kv[0][2])))
        return pd.DataFrame([(*k, n) for k, n in rows], columns=["notebook", "taken_up_in", "result", "statements"])

    def linked(self, values: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        if changed:   # a changed answer makes the feedback stale until the next check
            self._checked = False
            self._comparison = ""
        return values

    # --- LivePanel ----------------------------------------------------------------------
    def compute(self, values: dict[str, Any]) -> Update:
        results = self._results(self.answers(values))
        score = myth_or_fact.Score(results.count("right"), results.count("wrong"), results.count(myth_or_fact.NO_ANSWER))
        answered = score.right + score.wrong
        if self._checked:
            graded = self.graded(values)
            numbers = f"<b>{html.escape(score.sentence())}</b>"
            weak = graded.loc[graded["result"].astype(str) == "wrong", "notebook"].drop_duplicates()
            tail = (f"Notebooks that take up a statement you got wrong: {', '.join(weak)}." if len(weak)
                    else "No answer given contradicts the sources.")
            description = (f"Bars count the statements each notebook takes up, coloured by your result: "
                           f"{score.right} right, {score.wrong} wrong, {score.unanswered} without an answer. {tail}")
            title = "Your answers, by the notebook that takes each statement up"
            indexed = graded.set_index("id")
            feedback = {f"feedback_{sid}": _feedback_html(indexed.loc[sid]) for sid in self.ids}
        else:
            numbers = (f"Answered {answered} of {score.total} statements; press \u201cCheck my answers\u201d "
                       f"to see how you did.")
            description = (f"Bars count the statements each notebook takes up: {answered} answered so far, "
                           f"{score.unanswered} still open.")
            title = "Where each statement is taken up in the module"
            feedback = {f"feedback_{sid}": "" for sid in self.ids}
        counts = self._counts(results, self._checked)
        return Update(numbers, description, {"counts": counts}, title=title, params={"kit_title": title},
                      slots={**feedback, "comparison": self._comparison})

    def chart(self, first: Update) -> alt.Chart:
        notebooks = sorted(first.data["counts"]["taken_up_in"].unique())
        return results_live_chart(notebooks, title=first.title, description=first.description)

    # --- buttons ------------------------------------------------------------------------
    def clicked(self, name: str) -> None:
        if name == "check":
            self._checked = True
        elif name == "save":
            self._save()
        elif name == "compare":
            self._compare()

    def _save(self) -> None:
        try:
            path = myth_or_fact.save_precheck(self.answers(), self.folder)
        except (ValueError, TypeError, OSError) as error:
            self.notify(f"Could not save: {error}", error=True)
            return
        answered = sum(v is not None for v in self.answers().values())
        self.notify(f"Saved {answered} answer(s) to {path.name} in this folder. "
                    "Notebook 08 can compare your final answers with them.")

    def _compare(self) -> None:
        try:
            pre = myth_or_fact.load_precheck(self.folder)
        except (ValueError, TypeError, OSError) as error:
            self._comparison = error_html(str(error))
            return
        if pre is None:
            self._comparison = (
                "<p class='kit-no-precheck'>No saved pre-check was found in this folder (the kit looks for "
                f"<code>{myth_or_fact.PRECHECK_FILE}</code>). That is fine: perhaps you skipped the save button in "
                "notebook 00, or worked in another session (a Binder session forgets its files when it ends). "
                "Press <b>Check my answers</b> to see how you do now.</p>")
            return
        self._comparison = comparison_html(myth_or_fact.compare(pre, self.answers(), self.ids))


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
