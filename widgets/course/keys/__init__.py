"""Computed keys of the numeric exercises: the value each question expects, worked out from ``data/``.

A numeric exercise's public test names only its question (``feedback.value("q05_x", x)``); the
expected value is computed here when the check runs, from the sourced tables or the seeded
synthetic population, by the same steps the lesson teaches. Known wrong answers (percent for
points, the chapter's figure for the sourced one, an off-by-one year ...) are listed as
``Mistake``s so the feedback can name them. One module per notebook (``nbNN.py``) registers its
questions with ``@numeric(...)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer and the feedback that names it (never the key)."""

    message: str
    value: Callable[[], float]


@dataclass(frozen=True)
class Numeric:
    """How to check one numeric question."""

    question: str
    name: str                      # the answer variable, as the prompt names it
    expected: Callable[[], float]  # computes the key from data/ (or the seeded synthetic population)
    hint: str                      # what to redo when the answer is off (no number in it)
    mistakes: tuple[Mistake, ...] = field(default=())
    abs_tol: float = 0.5           # whole numbers: within half a unit
    rel_tol: float = 0.0
    digits: int = 0                # decimals shown when echoing the student's own value


_REGISTRY: dict[str, Numeric] = {}


def numeric(question: str, *, name: str, hint: str, mistakes: dict[str, Callable[[], float]] | None = None,
            abs_tol: float = 0.5, rel_tol: float = 0.0, digits: int = 0) -> Callable:
    """Decorator: register the decorated zero-argument function as the key of ``question``."""
    def register(compute: Callable[[], float]) -> Callable[[], float]:
        if question in _REGISTRY:
            raise ValueError(f"question {question!r} has two registered keys")
        _REGISTRY[question] = Numeric(question, name, compute, hint,
                                      tuple(Mistake(m, v) for m, v in (mistakes or {}).items()),
                                      abs_tol, rel_tol, digits)
        return compute
    return register


def _load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("nb"):
            importlib.import_module(f"{__name__}.{module.name}")


def numeric_questions() -> dict[str, Numeric]:
    """Every registered numeric question, by name."""
    _load_all()
    return dict(sorted(_REGISTRY.items()))


def spec(question: str) -> Numeric:
    """The registered key of ``question``; a clear error if it has none."""
    _load_all()
    if question not in _REGISTRY:
        raise KeyError(f"no computed key is registered for {question!r}; add one to widgets/course/keys/nbNN.py")
    return _REGISTRY[question]
