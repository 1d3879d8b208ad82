"""Input checks shared by the models, topics and panels.

Every check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind,
wrong value) with a message that names the parameter and says what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real

import numpy as np
import pandas as pd


def check_number(name: str, value: object, *, low: float | None = None,
                 high: float | None = None, integer: bool = False) -> float:
    """Return ``value`` as a float after checking it is a finite number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
        kind = "a whole number" if integer else "a number"
        raise TypeError(f"{name} must be {kind}; got {type(value).__name__} {value!r}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    if integer and not number.is_integer():
        raise ValueError(f"{name} must be a whole number; got {value!r}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{name} must be {_allowed_range(low, high)}; got {_fmt(number)}")
    return number


def _allowed_range(low: float | None, high: float | None) -> str:
    if low is None:
        return f"at most {_fmt(high)}"
    if high is None:
        return f"at least {_fmt(low)}"
    return f"between {_fmt(low)} and {_fmt(high)}"


def check_weights(name: str, weights: object, allowed: Iterable[str], *,
                  total: float = 100.0, tolerance: float = 1e-6) -> dict[str, float]:
    """Check a mapping of factor -> weight: known names, all present, non-negative, summing to ``total``."""
    allowed = list(allowed)
    if not isinstance(weights, Mapping):
        raise TypeError(f"{name} must be a mapping of factor name to weight "
                        f"(factors: {', '.join(allowed)}); got {type(weights).__name__}")
    unknown = sorted(set(map(str, weights)) - set(allowed))
    if unknown:
        raise ValueError(f"{name} has unknown factor(s) {', '.join(unknown)}; "
                         f"allowed: {', '.join(allowed)}")
    missing = [k for k in allowed if k not in weights]
    if missing:
        raise ValueError(f"{name} is missing factor(s) {', '.join(missing)}; "
                         f"give a weight for each of: {', '.join(allowed)}")
    clean = {k: check_number(f"{name}[{k!r}]", weights[k], low=0) for k in allowed}
    if abs(sum(clean.values()) - total) > tolerance * max(total, 1):
        raise ValueError(f"{name} must add up to {_fmt(total)}; they add up to "
                         f"{_fmt(round(sum(clean.values()), 6))}")
    return clean


def check_frame(name: str, frame: object, columns: Iterable[str], *,
                low: float | None = None, high: float | None = None) -> pd.DataFrame:
    """Check a non-empty DataFrame with the given numeric columns, no NaN, values in [low, high]."""
    columns = list(columns)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    if frame.empty:
        raise ValueError(f"{name} must have at least one row; it is empty")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {', '.join(missing)}; "
                         f"needed: {', '.join(columns)}")
    for col in columns:
        if not pd.api.types.is_numeric_dtype(frame[col]) or pd.api.types.is_bool_dtype(frame[col]):
            raise TypeError(f"{name}[{col!r}] must hold numbers; it has dtype {frame[col].dtype}")
        values = frame[col].to_numpy(dtype=float, na_value=np.nan)
        if np.isnan(values).any():
            raise ValueError(f"{name}[{col!r}] must not contain missing values (NaN)")
        if (low is not None and values.min() < low) or (high is not None and values.max() > high):
            raise ValueError(f"{name}[{col!r}] values must be between {_fmt(low)} and "
                             f"{_fmt(high)}; found {_fmt(values.min())} to {_fmt(values.max())}")
    return frame


def check_choice(name: str, value: object, allowed: Iterable[str]) -> str:
    """Check that ``value`` is one of the allowed strings."""
    allowed = list(allowed)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of: {', '.join(allowed)}; "
                        f"got {type(value).__name__}")
    if value not in allowed:
        raise ValueError(f"{name} must be one of: {', '.join(allowed)}; got {value!r}")
    return value


def check_ids(name: str, ids: object, known: Iterable[str] | None = None, *, noun: str = "row",
              hint: str | None = None) -> list[str]:
    """A non-empty list of distinct id strings; with ``known``, every id must be one of them.

    ``noun`` names what the ids are ('claim', 'statement', ...); ``hint`` says where to find the
    ids (default: the known ids themselves).
    """
    if isinstance(ids, str) or not isinstance(ids, Sequence):
        raise TypeError(f"{name} must be a list of {noun} ids (strings); got {type(ids).__name__} {ids!r}")
    ids = list(ids)
    not_text = [i for i in ids if not isinstance(i, str)]
    if not_text:
        raise TypeError(f"{name} must be a list of {noun} ids (strings); got {not_text[0]!r}")
    if not ids:
        raise ValueError(f"{name} must name at least one {noun}; it is empty")
    if known is not None:
        known = [str(k) for k in known]
        unknown = sorted(set(ids) - set(known))
        if unknown:
            raise ValueError(f"{name} has unknown {noun} id(s) {', '.join(unknown)}; "
                             + (hint if hint is not None else f"known ids: {', '.join(known)}"))
    if len(set(ids)) != len(ids):
        raise ValueError(f"{name} must not repeat a {noun}; got {ids!r}")
    return ids


def check_table(name: str, table: object, columns: Iterable[str], *, max_rows: int | None = None,
                what: str | None = None) -> pd.DataFrame:
    """A DataFrame holding every one of ``columns`` (and at most ``max_rows`` rows, when given).

    ``what`` says what the table should be, e.g. 'rows of data/timeline.csv'.
    """
    columns = list(columns)
    if not isinstance(table, pd.DataFrame):
        kind = f"a pandas DataFrame ({what})" if what else "a pandas DataFrame"
        raise TypeError(f"{name} must be {kind}; got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {', '.join(missing)}; needed: {', '.join(columns)}")
    if max_rows is not None and len(table) > max_rows:
        raise ValueError(f"{name} has {len(table):,} rows; at most {max_rows:,} can be shown")
    return table


def check_scores_and_outcomes(scores: object, repays: object) -> tuple[np.ndarray, np.ndarray]:
    """Scores (a numeric Series of finite numbers) and repayment outcomes (a boolean Series of the same
    length) as NumPy arrays, for the lending models; anything else raises naming what is allowed."""
    if not isinstance(scores, pd.Series) or not isinstance(repays, pd.Series):
        raise TypeError("scores and repays must both be pandas Series; got "
                        f"{type(scores).__name__} and {type(repays).__name__}")
    if scores.empty:
        raise ValueError("scores must hold at least one score; it is empty")
    if len(scores) != len(repays):
        raise ValueError(f"scores and repays must have the same length; got {len(scores)} and {len(repays)}")
    if not pd.api.types.is_numeric_dtype(scores) or pd.api.types.is_bool_dtype(scores):
        raise TypeError(f"scores must hold numbers; it has dtype {scores.dtype}")
    if not pd.api.types.is_bool_dtype(repays):
        raise TypeError(f"repays must hold True/False values; it has dtype {repays.dtype}")
    s = scores.to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(s).any():
        raise ValueError("scores must not contain missing values (NaN); they must be finite numbers")
    if np.isinf(s).any():
        raise ValueError("scores must be finite numbers (no NaN or infinity)")
    return s, repays.to_numpy(dtype=bool)


def _fmt(x: float | None) -> str:
    if x is None:
        return "any"
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:g}" if isinstance(x, float) else str(x)
