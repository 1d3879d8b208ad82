"""Exercise checks that give immediate feedback without showing the key.

The public tests of an exercise (visible in the student copy) call these functions; each
passes silently or raises ``AssertionError`` with a hint a student can act on. Keys never
appear in the student copy:

- choice answers (one letter, all that apply, an order, a matching) are compared as a salted
  SHA-256 digest of the normalised answer (``digest``), written into the public test;
- numeric answers are compared with a value the kit computes from ``data/`` or the seeded
  synthetic population when the check runs (``widgets.course.keys``), so the public test
  names only the question; the feedback says "too high", "too low" or names a known mistake,
  never the number;
- classifications are compared with the defensible readings stored in ``data/`` (with a
  reason for each), so every reading the prompt promises is accepted.

The autograder (``widgets.course.grading``) also runs hidden tests that compare the plain key.

Accepted forms: Python, NumPy and pandas integers and floats; letters in any case, with spaces
or a closing bracket ("B", " b ", "b)"); a list, tuple or set where order does not matter.

    python -m widgets.course.feedback digest QUESTION ANSWER   # the digest to write into a public test
"""

from __future__ import annotations

import hashlib
import math
import numbers
import re
import sys
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

BLANK_MESSAGE = "replace the ... with your answer"
_LETTER = re.compile(r"^\(?\s*([a-z])\s*[).:]?$")


# --- normalising --------------------------------------------------------------------------------
def _is_blank(answer: object) -> bool:
    return answer is Ellipsis or answer is None


def _letter(name: str, answer: object, options: str) -> str:
    """One option letter from ``answer`` ("B", " b ", "(b)", "b)" all give "b")."""
    if isinstance(answer, np.str_):
        answer = str(answer)
    if not isinstance(answer, str):
        raise AssertionError(f"{name} should be one letter as a string, one of: {_list(options)}; "
                             f"got {type(answer).__name__}")
    match = _LETTER.match(answer.strip().lower())
    if not match or match.group(1) not in options:
        raise AssertionError(f"{name} should be one letter, one of: {_list(options)}; got {answer!r}")
    return match.group(1)


def _items(name: str, answer: object, what: str) -> list:
    """The elements of a list, tuple or set (a string of letters such as "ac" counts as a list)."""
    if isinstance(answer, (str, np.str_)):
        text = str(answer).strip()
        return list(re.sub(r"[\s,;]+", "", text)) if re.fullmatch(r"[A-Za-z\s,;]*", text) else [text]
    if isinstance(answer, (list, tuple, set, frozenset, np.ndarray)):
        return list(answer)
    raise AssertionError(f"{name} should be {what}; got {type(answer).__name__}")


def normalise_choice(name: str, answer: object, options: str = "abcd") -> str:
    """The normalised form of a single-letter answer."""
    if _is_blank(answer):
        raise AssertionError(f"{name}: {BLANK_MESSAGE} (one letter, one of: {_list(options)})")
    return _letter(name, answer, options)


def normalise_choices(name: str, answer: object, options: str) -> str:
    """The normalised form of a choose-all-that-apply answer: sorted distinct letters, comma-separated."""
    if _is_blank(answer):
        raise AssertionError(f"{name}: {BLANK_MESSAGE} (a list of letters, e.g. [\"a\", \"c\"])")
    letters = {_letter(name, item, options) for item in _items(name, answer, "a list of letters")}
    if not letters:
        raise AssertionError(f"{name} should name at least one letter, from: {_list(options)}")
    return ",".join(sorted(letters))


def normalise_order(name: str, answer: object, options: str) -> str:
    """The normalised form of an ordering: every option letter exactly once, joined by ">"."""
    if _is_blank(answer):
        raise AssertionError(f"{name}: {BLANK_MESSAGE} (every letter once, in order, e.g. [\"c\", \"a\", \"b\"])")
    letters = [_letter(name, item, options) for item in _items(name, answer, "a list of letters in order")]
    if sorted(letters) != sorted(options):
        raise AssertionError(f"{name} should list each of {_list(options)} exactly once; got {letters}")
    return ">".join(letters)


def normalise_matching(name: str, answer: object, keys: Sequence[str], options: str) -> str:
    """The normalised form of a matching: a dict from each key to one option letter."""
    if _is_blank(answer):
        raise AssertionError(f"{name}: {BLANK_MESSAGE} (a dict such as {{{keys[0]!r}: \"a\", ...}})")
    if not isinstance(answer, Mapping):
        raise AssertionError(f"{name} should be a dict from each of {', '.join(map(repr, keys))} to a letter; "
                             f"got {type(answer).__name__}")
    clean = {str(k).strip().lower(): v for k, v in answer.items()}
    missing = [k for k in keys if k not in clean]
    extra = sorted(set(clean) - set(keys))
    if missing or extra:
        raise AssertionError(f"{name} should have exactly the keys {', '.join(map(repr, keys))}"
                             + (f"; missing {', '.join(map(repr, missing))}" if missing else "")
                             + (f"; unknown {', '.join(map(repr, extra))}" if extra else ""))
    return ";".join(f"{k}={_letter(f'{name}[{k!r}]', clean[k], options)}" for k in keys)


def number(name: str, answer: object) -> float:
    """``answer`` as a float: any Python, NumPy or pandas real number (not a bool, not a string)."""
    if _is_blank(answer):
        raise AssertionError(f"{name}: {BLANK_MESSAGE} (a number)")
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (numbers.Real, np.number)):
        raise AssertionError(f"{name} should be a number; got {type(answer).__name__} {answer!r}")
    value = float(answer)
    if math.isnan(value) or math.isinf(value):
        raise AssertionError(f"{name} should be a finite number; got {answer!r}")
    return value


# --- digests --------------------------------------------------------------------------------------
def digest(question: str, normalised: str) -> str:
    """Salted SHA-256 (salt: the question's name) of a normalised answer, first 16 hex digits."""
    return hashlib.sha256(f"{question}\x1f{normalised}".encode()).hexdigest()[:16]


def _compare(question: str, normalised: str, key_digest: str, hint: str) -> None:
    if digest(question, normalised) != key_digest:
        raise AssertionError(f"not yet: {hint}")


# --- the checks public tests call ----------------------------------------------------------------
def choice(question: str, answer: object, key_digest: str, *, options: str = "abcd", hint: str,
           name: str | None = None) -> None:
    """Check a one-letter answer against the digest of the key."""
    _compare(question, normalise_choice(name or "your answer", answer, options), key_digest, hint)


def choices(question: str, answer: object, key_digest: str, *, options: str, hint: str,
            name: str | None = None) -> None:
    """Check a choose-all-that-apply answer (graded exactly: every right letter and no other)."""
    _compare(question, normalise_choices(name or "your answer", answer, options), key_digest, hint)


def order(question: str, answer: object, key_digest: str, *, options: str, hint: str,
          name: str | None = None) -> None:
    """Check an ordering of option letters."""
    _compare(question, normalise_order(name or "your answer", answer, options), key_digest, hint)


def matching(question: str, answer: object, key_digest: str, *, keys: Sequence[str], options: str,
             hint: str, name: str | None = None) -> None:
    """Check a matching (each key to one option letter)."""
    _compare(question, normalise_matching(name or "your answer", answer, list(keys), options), key_digest, hint)


def value(question: str, answer: object, *, name: str | None = None) -> None:
    """Check a numeric answer against the value ``widgets.course.keys`` computes for ``question``.

    Feedback names a known mistake (percent for points, the chapter's figure for the sourced one,
    ...) or says whether the answer is too high or too low; it never prints the key.
    """
    from . import keys  # the registry of computed keys

    spec = keys.spec(question)
    got = number(name or spec.name, answer)
    expected = spec.expected()
    if math.isclose(got, expected, rel_tol=spec.rel_tol, abs_tol=spec.abs_tol):
        return
    for mistake in spec.mistakes:
        wrong = mistake.value()
        if math.isclose(got, wrong, rel_tol=spec.rel_tol, abs_tol=spec.abs_tol):
            raise AssertionError(f"not yet: {mistake.message}")
    direction = "too high" if got > expected else "too low"
    raise AssertionError(f"not yet: {got:,.{spec.digits}f} is {direction}. {spec.hint}")


def classification(question: str, answer: object, *, cases: Sequence[str], categories: Sequence[str],
                   accepted: Mapping[str, Iterable[str]], name: str | None = None) -> None:
    """Check a dict from case id to category against every defensible reading of each case.

    ``accepted`` maps each case to the categories ``data/`` records as defensible for it; the
    message lists the cases still to rethink, never the readings.
    """
    name = name or "your answer"
    if _is_blank(answer):
        raise AssertionError(f"{name}: {BLANK_MESSAGE} (a dict from each case to a category)")
    if not isinstance(answer, Mapping):
        raise AssertionError(f"{name} should be a dict from each case ({', '.join(cases)}) to a category; "
                             f"got {type(answer).__name__}")
    clean = {str(k).strip().lower(): v for k, v in answer.items()}
    missing = [c for c in cases if c not in clean]
    if missing:
        raise AssertionError(f"{name} is missing case(s) {', '.join(missing)}")
    unknown = sorted(set(clean) - set(cases))
    if unknown:
        raise AssertionError(f"{name} has unknown case(s) {', '.join(unknown)}; the cases are {', '.join(cases)}")
    wrong_kind = [c for c in cases if not isinstance(clean[c], (str, np.str_))
                  or " ".join(str(clean[c]).lower().split()) not in categories]
    if wrong_kind:
        raise AssertionError(f"each category should be one of: {', '.join(categories)}; "
                             f"check case(s) {', '.join(wrong_kind)}")
    rethink = [c for c in cases if " ".join(str(clean[c]).lower().split()) not in set(accepted[c])]
    if rethink:
        raise AssertionError(f"not yet: {len(rethink)} of {len(cases)} cases need another look: "
                             f"{', '.join(rethink)}")


def _list(options: str) -> str:
    return ", ".join(options)


def main(argv: list[str] | None = None) -> int:
    """``digest QUESTION ANSWER`` prints the digest of a normalised answer (for source authors)."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3 or argv[0] != "digest":
        print("usage: python -m widgets.course.feedback digest QUESTION NORMALISED_ANSWER\n"
              "  NORMALISED_ANSWER: 'b' (one letter), 'a,c' (all that apply, sorted), 'c>a>b' (an order),\n"
              "  'x=a;y=c' (a matching, keys in prompt order)", file=sys.stderr)
        return 2
    print(digest(argv[1], argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
