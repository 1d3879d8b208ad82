"""The course's choice questions, read from the notebook sources as a student sees them: no letter and no
option length gives the answer away, and many interpretive questions ask for more than one letter.

A student who answers the same letter everywhere, or always picks the longest (or shortest) option,
must not pass the interpretive questions. The keys are the solution lines of the sources, which
``tests/test_answer_corpus.py`` runs against the real hidden checks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCES = sorted((Path(__file__).resolve().parents[1] / "instructor" / "source").glob("[0-9][0-9]_*.md"))
QUESTION = re.compile(r"# BEGIN QUESTION\nname: (?P<name>\w+)\n(?P<prompt>.*?)# BEGIN SOLUTION(?P<solution>.*?)"
                      r"# END SOLUTION", re.S)
OPTION = re.compile(r"^- \*\*([a-h])\*\* (.+)$", re.M)
LABEL = re.compile(r"\*\*Exercise [^(*]*\(([^)]*)\)")
SINGLE_KEY = re.compile(r'^\w+ = "([a-h])"\s*# SOLUTION$', re.M)
# kinds of question that ask a student to interpret, not to compute or to write
INTERPRETIVE = ("interpret", "read", "predict", "apply the", "fact check", "classify", "match", "sort")


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    options: dict[str, str]
    single_key: str | None  # the letter, for a one-letter question

    @property
    def interpretive(self) -> bool:
        return self.label.startswith(INTERPRETIVE) or (self.label == "" and bool(self.options))


def questions() -> list[Question]:
    found = []
    for path in SOURCES:
        for m in QUESTION.finditer(path.read_text(encoding="utf-8")):
            label = LABEL.search(m["prompt"])
            key = SINGLE_KEY.search(m["solution"])
            found.append(Question(m["name"], label[1].lower() if label else "", dict(OPTION.findall(m["prompt"])),
                                  key[1] if key else None))
    return found


QUESTIONS = questions()
SINGLE = [q for q in QUESTIONS if q.single_key]


def test_the_sources_hold_the_course_s_choice_questions():
    assert len(QUESTIONS) >= 60
    assert len(SINGLE) >= 15
    for q in SINGLE:
        assert len(q.options) >= 4, f"{q.name}: a one-letter question offers at least four options"
        assert q.single_key in q.options, f"{q.name}: the key {q.single_key} is not an option"


def test_no_letter_holds_more_than_30_percent_of_the_keys_and_at_least_four_are_used():
    keys = Counter(q.single_key for q in SINGLE)
    assert len(keys) >= 4, keys
    letter, most = keys.most_common(1)[0]
    assert most / len(SINGLE) <= 0.30, f"'{letter}' is the key of {most} of {len(SINGLE)} questions: {keys}"


def test_answering_one_letter_everywhere_passes_few_questions():
    for letter in "abcdef":
        passed = sum(q.single_key == letter for q in SINGLE)
        assert passed <= 0.30 * len(SINGLE), f"answering '{letter}' everywhere passes {passed} of {len(SINGLE)}"


@pytest.mark.parametrize("pick", [max, min], ids=["longest", "shortest"])
def test_the_key_is_not_predictable_from_the_option_lengths(pick):
    """Picking the longest (or the shortest) option, ties included, finds the key at most 30% of the time."""
    hits = [q.name for q in SINGLE
            if len(q.options[q.single_key]) == pick(len(text) for text in q.options.values())]
    assert len(hits) <= 0.30 * len(SINGLE), f"the {pick.__name__} option is the key in {len(hits)}: {hits}"


def test_at_least_a_third_of_the_interpretive_questions_go_beyond_one_letter():
    interpretive = [q for q in QUESTIONS if q.interpretive]
    beyond = [q.name for q in interpretive if q.single_key is None]
    assert len(interpretive) >= 20
    assert len(beyond) >= len(interpretive) / 3, (len(beyond), len(interpretive))


def test_the_parser_reads_a_known_question():
    """The test's reader itself, on one question whose wording and key are known."""
    q = next(q for q in QUESTIONS if q.name == "q03_train_refusal")
    assert q.single_key == "b" and q.label == "interpret" and q.interpretive
    assert set(q.options) == {"a", "b", "c", "d"}
    assert q.options["b"].startswith("They are likely on a court's defaulter list")
