"""Myth or fact: the pre-check of notebook 00 and the self-assessment of notebook 08.

Statements, verdicts, what the sources say and the notebook that takes each statement up
all come from ``data/misconceptions.csv``; the notebooks' labels from the course map. Grading is a vectorized comparison of answers
with verdicts. Pre-check answers are written to disk only when the student asks for it
(``save_precheck``), into a small JSON file in the working folder (``PRECHECK_FILE``), and read
back only when asked (``load_precheck``): nothing a notebook prints depends on that file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Markdown

from .. import course_map
from ..checks import check_ids
from ..data import load
from ..sources import claim_box, markdown_table

ANSWERS: tuple[str, ...] = ("myth", "fact", "partly")
ANSWER_LABELS = {"myth": "Myth", "fact": "Fact", "partly": "Partly true"}
ANSWER_MEANINGS = {
    "myth": "the sources contradict it",
    "fact": "the sources support it",
    "partly": "part of it is right, part of it is not",
}
NO_ANSWER = "no answer"
RESULTS: tuple[str, ...] = ("right", "wrong", NO_ANSWER)
PRECHECK_FILE = ".kit_precheck.json"   # written in the user's working folder; git-ignored
PRECHECK_FORMAT = "social-credit-kit pre-check"

def notebook_label(number: str) -> str:
    """'03 · State schemes, central and local' for notebook number '03' (from the course map)."""
    return course_map.label(number)


def statements(ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of ``misconceptions.csv``: all of them in file order, or the given ids in the order given."""
    table = load("misconceptions")
    if ids is None:
        return table.reset_index(drop=True)
    ids = check_ids("ids", ids, table["id"], noun="statement")
    return table.set_index("id").loc[ids].reset_index()


def check_answers(answers: object, ids: Sequence[str] | None = None) -> pd.Series:
    """Validate ``{statement id: answer}``; return one answer per statement (``<NA>`` = no answer).

    Answers are 'myth', 'fact' or 'partly' (case and surrounding spaces are ignored); ``None``
    means no answer. Ids must be statements in ``ids`` (default: every statement).
    """
    chosen = statements(ids)["id"]
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a mapping of statement id to answer "
                        f"({', '.join(ANSWERS)}); got {type(answers).__name__}")
    given = pd.Series(answers, dtype=object)
    bad_keys = [k for k in given.index if not isinstance(k, str)]
    if bad_keys:
        raise TypeError(f"answers must use statement ids (strings) as keys; got {bad_keys[0]!r}")
    unknown = sorted(set(given.index) - set(chosen))
    if unknown:
        raise ValueError(f"answers has unknown statement id(s) {', '.join(unknown)}; "
                         f"known ids: {', '.join(chosen)}")
    present = given[given.notna()]
    not_text = present[~present.map(lambda v: isinstance(v, str)).astype(bool)]
    if not not_text.empty:
        key = not_text.index[0]
        raise TypeError(f"answers[{key!r}] must be one of: {', '.join(ANSWERS)} (or None for no answer); "
                        f"got {type(not_text.iloc[0]).__name__} {not_text.iloc[0]!r}")
    clean = present.astype(str).str.strip().str.lower()
    wrong = clean[~clean.isin(ANSWERS)]
    if not wrong.empty:
        key = wrong.index[0]
        raise ValueError(f"answers[{key!r}] must be one of: {', '.join(ANSWERS)} (or None for no answer); "
                         f"got {present[key]!r}")
    return clean.reindex(list(chosen)).astype("string").rename("answer")


def grade(answers: Mapping[str, str | None], ids: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per statement: the answer, the verdict, right/wrong/no answer, what the sources say, where taken up."""
    table = statements(ids)
    answer = check_answers(answers, list(table["id"])).reset_index(drop=True)
    verdict = table["verdict"].astype(str)
    answered = answer.notna().to_numpy()
    correct = answered & (answer.fillna("").to_numpy() == verdict.to_numpy())
    result = np.select([~answered, correct], [NO_ANSWER, "right"], default="wrong")
    return pd.DataFrame({
        "id": table["id"], "statement": table["statement"], "answer": answer,
        "verdict": table["verdict"], "result": pd.Categorical(result, categories=list(RESULTS)),
        "correct": correct, "what_sources_say": table["what_sources_say"],
        "notebook": table["notebook"], "taken_up_in": table["notebook"].map(notebook_label),
        "source_id": table["source_id"],
    })


@dataclass(frozen=True)
class Score:
    """Counts of a graded myth-or-fact check."""

    right: int
    wrong: int
    unanswered: int

    @property
    def total(self) -> int:
        """Number of statements."""
        return self.right + self.wrong + self.unanswered

    @property
    def percent(self) -> float:
        """Share of statements answered right, 0-100."""
        return 100.0 * self.right / self.total if self.total else 0.0

    def sentence(self) -> str:
        """'Right: 9 of 14 (64%); wrong: 3; no answer: 2.'"""
        return (f"Right: {self.right} of {self.total} ({self.percent:.0f}%); wrong: {self.wrong}; "
                f"no answer: {self.unanswered}.")


def summarize(graded: pd.DataFrame) -> Score:
    """The counts of right, wrong and unanswered statements in a table made by ``grade``."""
    if not isinstance(graded, pd.DataFrame) or "result" not in graded:
        raise TypeError("graded must be the table returned by quiz.grade(...)")
    counts = graded["result"].astype(str).value_counts()
    return Score(int(counts.get("right", 0)), int(counts.get("wrong", 0)), int(counts.get(NO_ANSWER, 0)))


def by_notebook(graded: pd.DataFrame, checked: bool = True) -> pd.DataFrame:
    """Statements per notebook and result (long format for a chart), sorted by notebook.

    Before the answers are checked (``checked=False``) the results are 'answered' / 'no answer'.
    """
    if not isinstance(graded, pd.DataFrame) or "result" not in graded:
        raise TypeError("graded must be the table returned by quiz.grade(...)")
    result = graded["result"].astype(str)
    if not checked:
        result = result.where(result == NO_ANSWER, "answered")
    order = list(RESULTS) if checked else ["answered", NO_ANSWER]
    frame = pd.DataFrame({"notebook": graded["notebook"].astype(str), "taken_up_in": graded["taken_up_in"],
                          "result": result})
    counts = frame.groupby(["notebook", "taken_up_in", "result"]).size().rename("statements").reset_index()
    counts["rank"] = counts["result"].map({r: i for i, r in enumerate(order)})
    return counts.sort_values(["notebook", "rank"]).drop(columns="rank").reset_index(drop=True)


# --- saving and reading the pre-check (only on request) ------------------------------
def precheck_path(folder: str | Path | None = None) -> Path:
    """Where the pre-check is saved: ``PRECHECK_FILE`` in ``folder`` (default: the working folder)."""
    if folder is not None and not isinstance(folder, (str, Path)):
        raise TypeError(f"folder must be a folder path; got {type(folder).__name__}")
    return Path(folder if folder is not None else Path.cwd()) / PRECHECK_FILE


def save_precheck(answers: Mapping[str, str | None], folder: str | Path | None = None) -> Path:
    """Write the given answers (at least one) to ``PRECHECK_FILE`` in ``folder``; return its path."""
    clean = check_answers(answers).dropna()
    if clean.empty:
        raise ValueError("answers must include at least one answered statement before saving")
    path = precheck_path(folder)
    if not path.parent.is_dir():
        raise ValueError(f"folder must be an existing folder; {path.parent} does not exist")
    payload = {"format": PRECHECK_FORMAT, "version": 1, "answers": {k: str(v) for k, v in clean.items()}}
    path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_precheck(folder: str | Path | None = None) -> dict[str, str] | None:
    """The saved pre-check answers, or ``None`` if none were saved in ``folder``.

    A damaged file raises ValueError. Answers to statements no longer in the data are dropped.
    """
    path = precheck_path(folder)
    if not path.is_file():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"the saved pre-check {path.name} could not be read ({error.__class__.__name__}); "
                         "save it again in notebook 00") from error
    if not (isinstance(payload, dict) and payload.get("format") == PRECHECK_FORMAT
            and isinstance(payload.get("answers"), dict)):
        raise ValueError(f"{path.name} is not a pre-check saved by this kit; save it again in notebook 00")
    known = set(statements()["id"])
    answers = {k: v for k, v in payload["answers"].items() if k in known}
    return {k: v for k, v in check_answers(answers).dropna().items()}


CHANGES: tuple[str, ...] = ("now right", "still right", "still not right", "was right, now not", "no answer now")


def compare(pre: Mapping[str, str | None], post: Mapping[str, str | None],
            ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Before-and-after table of two sets of answers, one row per statement, with what changed."""
    before = grade(pre, ids)
    after = grade(post, ids)
    was, now = before["correct"].to_numpy(), after["correct"].to_numpy()
    open_now = after["answer"].isna().to_numpy()
    change = np.select([open_now, ~was & now, was & now, was & ~now],
                       [CHANGES[4], CHANGES[0], CHANGES[1], CHANGES[3]], default=CHANGES[2])
    return pd.DataFrame({
        "id": after["id"], "statement": after["statement"], "verdict": after["verdict"],
        "before": before["answer"], "after": after["answer"], "right_before": was, "right_after": now,
        "change": pd.Categorical(change, categories=list(CHANGES)), "taken_up_in": after["taken_up_in"],
    })


def compare_sentence(table: pd.DataFrame) -> str:
    """One sentence summing up a table made by ``compare``."""
    if not isinstance(table, pd.DataFrame) or "change" not in table:
        raise TypeError("table must be the table returned by quiz.compare(...)")
    counts = table["change"].astype(str).value_counts()
    n = len(table)
    return (f"Right in the pre-check: {int(table['right_before'].sum())} of {n}; right now: "
            f"{int(table['right_after'].sum())} of {n}. Newly right: {int(counts.get(CHANGES[0], 0))}; "
            f"right before but not now: {int(counts.get(CHANGES[3], 0))}; "
            f"not answered now: {int(counts.get(CHANGES[4], 0))}.")


# --- static companions ----------------------------------------------------------------
def statements_markdown(ids: Sequence[str] | None = None) -> Markdown:
    """The statements as a numbered table without their verdicts (the quiz's static companion)."""
    table = statements(ids)
    body = ([n, s, notebook_label(nb)] for n, s, nb in zip(range(1, len(table) + 1), table["statement"],
                                                          table["notebook"]))
    return Markdown(markdown_table(["No.", "Statement", "Taken up in"], body))


def answer_key_markdown(ids: Sequence[str] | None = None) -> Markdown:
    """The verdicts with what the sources say, folded away in a <details> block (for readers without a kernel)."""
    table = statements(ids)
    body = ([n, ANSWER_LABELS[str(v)], w, f"[{s}]", notebook_label(nb)]
            for n, v, w, s, nb in zip(range(1, len(table) + 1), table["verdict"], table["what_sources_say"],
                                      table["source_id"], table["notebook"]))
    lines = ["<details><summary>Show the answers (try the pre-check first)</summary>", "",
             markdown_table(["No.", "Verdict", "What the sources say", "Source", "Taken up in"], body),
             "", "</details>"]
    return Markdown("\n".join(lines))


def misconception_markdown(statement_id: str) -> Markdown:
    """A 'Common misconception' note for one statement: the belief, the verdict, what the sources say."""
    if not isinstance(statement_id, str):
        raise TypeError(f"statement_id must be a statement id (a string); got {type(statement_id).__name__}")
    row = statements([statement_id]).iloc[0]
    verdict = {"myth": "The sources contradict it", "fact": "The sources support it",
               "partly": "The sources support only part of it"}[str(row["verdict"])]
    return Markdown(claim_box("Common misconception", f"\u201c{row['statement']}\u201d {verdict}. "
                                                      f"{row['what_sources_say']} [{row['source_id']}]"))
