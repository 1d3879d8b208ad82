"""The fact-check panel of notebook 08: judge the chapter's claims against the ledger.

Pick a claim of the chapter, read the evidence from ``data/claims.csv``, choose a verdict
(confirmed / corrected / unconfirmed / imprecise) and check it: a right verdict shows the
evidence, a wrong one a hint; a second button shows the ledger's verdict. The ledger is
``widgets.topics.chapter_check``; the charts ``widgets.charts.chapter_check``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import functools
import html
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..charts.chapter_check import progress_frame, progress_live_chart
from ..charts.theme import PALETTE
from ..topics import chapter_check
from .live import Button, LivePanel, Radio, Row, Select, Slot, Text, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

LABEL_LENGTH = 90


def _label(number: int, text: str) -> str:
    text = f"{number}. {text}"
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "\u2026"


class FactCheckPanel(LivePanel):
    """Pick a claim, read the evidence, give a verdict, get feedback; progress per chapter section."""

    css_class = "kit-factcheck-panel"
    ahead_state = ("_feedback", "results")   # what linked() and the buttons set (ahead.py)
    ahead_buttons = ("check", "reveal")

    def __init__(self, ids: Sequence[str] | None = None) -> None:
        self.table = chapter_check.claims_for_exercise(ids)
        self.ids = list(self.table["id"])
        self.results: dict[str, bool] = {}
        self._feedback = ""
        claims = tuple((_label(n, c), i) for n, (i, c) in enumerate(zip(self.table["id"], self.table["claim"]), start=1))
        verdicts = tuple((v.capitalize(), v) for v in chapter_check.VERDICTS)
        intro = Text("Choose a claim, read what the sources say, then pick a verdict and press "
                     "<b>Check my verdict</b>. The kit's written verdict rule decides; where two of its tests "
                     "can be argued, both verdicts count. " + "; ".join(
                         f"<i>{v}</i>: {chapter_check.VERDICT_MEANINGS[v]}" for v in chapter_check.VERDICTS) + ".")
        controls = [intro, Select("claim", "Claim", claims, self.ids[0], unit="one of the chapter's claims"),
                    Slot("evidence"),
                    Radio("verdict", "Your verdict", verdicts, None,
                          tooltips=tuple(f"{v}: {chapter_check.VERDICT_MEANINGS[v]}" for v in chapter_check.VERDICTS)),
                    Row((Button("check", "Check my verdict", primary=True,
                                tooltip="Compare your verdict with the verdicts the kit's written rule accepts"),
                         Button("reveal", "Show the ledger's verdict",
                                tooltip="Show the verdict in data/claims.csv and its evidence"))),
                    Slot("feedback")]
        note = ("Claims, evidence and verdicts: <code>data/claims.csv</code>, the kit's fact-check ledger built "
                "from the project's fact base, judged by the verdict rule in <code>data/README.md</code>; second "
                "verdicts the rule also admits, with their reasons: <code>data/verdict_readings.csv</code>. "
                "Each claim cites its main source.")
        super().__init__("Fact-check the chapter", controls, note)
        self.claim, self.verdict = self.control("claim"), self.control("verdict")
        self.evidence, self.feedback = self.slot("evidence"), self.slot("feedback")
        self.check_button, self.reveal_button = self.button("check"), self.button("reveal")

    def linked(self, values: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        """A new claim clears the verdict and the feedback; a new verdict clears the feedback."""
        if "claim" in changed:
            values["verdict"] = None
        if changed & {"claim", "verdict"}:
            self._feedback = ""
        return values

    def _progress(self) -> pd.DataFrame:
        """Claims per section by progress (the rows of ``progress_by_section``, counted here in plain
        Python: a check must answer within a frame, and the pandas version takes 4 ms)."""
        key = tuple(sorted(self.results.items()))
        if getattr(self, "_progress_key", None) != key:
            if not hasattr(self, "_sections"):
                _, order = progress_frame(chapter_check.progress_by_section({}, self.ids))
                ledger = chapter_check.ledger().set_index("id")["section"].astype(str)
                self._sections = [ledger[i] for i in self.ids]
                self._section_rank = {section: rank for rank, section in enumerate(order)}
            progress = chapter_check.PROGRESS
            status = {i: progress[0] if right else progress[1] for i, right in self.results.items()}
            counts = Counter((section, status.get(i, progress[2])) for i, section in zip(self.ids, self._sections))
            cells = sorted(counts, key=lambda c: (self._section_rank[c[0]], progress.index(c[1])))
            self._progress_key, self._progress_frame = key, pd.DataFrame({
                "section": [c[0] for c in cells], "progress": [c[1] for c in cells],
                "claims": np.array([counts[c] for c in cells], dtype=np.int64)})
        return self._progress_frame

    def compute(self, values: dict[str, Any]) -> Update:
        right = sum(self.results.values())
        checked = len(self.results)
        numbers = (f"<b>Claims checked: {checked} of {len(self.ids)}</b>; verdicts the rule accepts: {right}; "
                   f"not yet: {checked - right}.")
        description = (f"Bars count the {len(self.ids)} claims in each section of the chapter, coloured by your "
                       f"progress: {right} right, {checked - right} not right yet, "
                       f"{len(self.ids) - checked} not checked.")
        return Update(numbers, description, {"progress": self._progress()},
                      title="Your fact-check of the chapter, section by section",
                      slots={"evidence": _evidence_html(values["claim"]), "feedback": self._feedback})

    def chart(self, first: Update) -> alt.Chart:
        _, sections = progress_frame(chapter_check.progress_by_section(self.results, self.ids))
        return progress_live_chart(sections, title=first.title, description=first.description)

    def check(self, claim_id: str, verdict: str) -> pd.Series:
        """Record and return the feedback row for one verdict (as the Check button does)."""
        known = verdict.strip().lower() if isinstance(verdict, str) else None
        if known in chapter_check.VERDICTS and claim_id in self.ids:
            row = self._feedback_rows(known).loc[claim_id]
        else:   # anything else: check_verdicts gives the error message
            row = chapter_check.check_verdicts({claim_id: verdict}).iloc[0]
        self.results[claim_id] = bool(row["correct"])
        return row

    def _feedback_rows(self, verdict: str) -> pd.DataFrame:
        """``check_verdicts`` for this verdict on every claim, once per verdict (one check then costs a
        look-up, not a 7 ms table build), indexed by claim id."""
        cache = self.__dict__.setdefault("_feedback_cache", {})
        if verdict not in cache:
            rows = chapter_check.check_verdicts({i: verdict for i in self.ids})
            cache[verdict] = rows.set_index("claim_id", drop=False)
        return cache[verdict]

    # --- buttons ---------------------------------------------------------------------
    def clicked(self, name: str) -> None:
        claim, verdict = self.values["claim"], self.values["verdict"]
        if name == "check":
            if verdict is None:
                self.notify("Choose a verdict first: " + ", ".join(chapter_check.VERDICTS) + ".", error=True)
                return
            try:
                row = self.check(claim, verdict)
            except (ValueError, TypeError) as error:
                self.notify(str(error), error=True)
                return
            mark = "&#10004;" if row["correct"] else "&#10008;"
            colour = PALETTE[0] if row["correct"] else PALETTE[3]
            self._feedback = (f"<div role='status' style='border-left:4px solid {colour};padding-left:8px'>"
                              f"{mark} {html.escape(str(row['feedback']))}</div>")
        elif name == "reveal":
            verdict, evidence = chapter_check.ledger_verdict(claim)
            self._feedback = (f"<div role='status' style='border-left:4px solid #555;padding-left:8px'>"
                              f"The ledger's verdict: <b>{verdict}</b> ({chapter_check.VERDICT_MEANINGS[verdict]}). "
                              f"{html.escape(evidence)}</div>")


@functools.lru_cache(maxsize=256)
def _evidence_html(claim_id: str) -> str:
    ev = chapter_check.lookup(claim_id)
    note = f"<li><i>Note:</i> {html.escape(ev.note)}</li>" if ev.note else ""
    return (f"<div style='border-left:4px solid #999;padding-left:8px'><p><b>{html.escape(ev.claim)}</b> "
            f"<small>({html.escape(ev.section)})</small></p><ul>"
            f"<li><i>The chapter's value:</i> {html.escape(ev.chapter_value or '(no single value)')}</li>"
            f"<li><i>What the sources say:</i> {html.escape(ev.sources_say)}</li>"
            f"<li><i>Evidence:</i> {html.escape(ev.evidence)}</li>{note}"
            f"<li><i>Source</i> [{html.escape(ev.source_id)}]: {html.escape(ev.citation)}</li></ul></div>")
