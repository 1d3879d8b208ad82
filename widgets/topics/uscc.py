"""The unified social credit code (notebook 02): a firm's 18-character code, its parts and its check character.

The layout (five parts), the 31-character alphabet, the weights and the check rule are rows of
``data/uscc.csv`` (fact base G1, G2, G10); so are the published codes used as test vectors and
the pilot-era codes that fail the check (G10.8-G10.13). Whether a code passes is decided by the
library python-stdnum (``stdnum.cn.uscc``, [S117]), a maintained validator with its own tests,
rather than by code written here; the kit computes the weighted sum from the data's alphabet and
weights only to *show* the arithmetic, and the tests check that both agree on every code in the
table. python-stdnum is strict: it accepts only digits in positions 1-8 (G10.14e) and rejects the
lawful pilot-era codes whose check character is off (G10.13).

A code that is not valid is a result, not an error: ``check`` says what is wrong with it. Only a
value that is not text at all raises ``TypeError`` naming the parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as stdnum_uscc

from ..data import load
from ..sources import markdown_table

CODE_LENGTH = 18
EXAMPLE_ID = "uscc-code-alibaba-damo"  # the default example: a published code with letters in it

VALID = "valid"
WRONG_LENGTH = "wrong length"
NOT_ALLOWED = "a character that is not allowed"
LETTER_IN_1_8 = "a letter in positions 1-8"
WRONG_CHECK = "check character does not match"
VERDICTS: tuple[str, ...] = (VALID, WRONG_LENGTH, NOT_ALLOWED, LETTER_IN_1_8, WRONG_CHECK)


# --- the rules, read from data/uscc.csv ----------------------------------------------------------
def _table() -> pd.DataFrame:
    return load("uscc")


@cache
def alphabet() -> str:
    """The 31 characters a code may use, in value order (0-30): I, O, S, V and Z never occur."""
    rows = _table()
    text = str(rows.loc[rows["kind"] == "alphabet", "code"].iloc[0])
    if len(text) != int(rows.loc[rows["kind"] == "alphabet", "value"].iloc[0]):
        raise ValueError("data/uscc.csv: the alphabet row's value must be the number of its characters")
    return text


def weights() -> pd.Series:
    """The weights of positions 1-17 (index: position), from the ``weight`` rows."""
    rows = _table()
    w = rows[rows["kind"] == "weight"].sort_values("position")
    return pd.Series(w["value"].astype(int).to_numpy(), index=w["position"].astype(int).to_numpy(),
                     name="weight")


def parts() -> pd.DataFrame:
    """The five parts in position order: first (position), last, length, label, source_id, id."""
    rows = _table()
    p = rows[rows["kind"] == "part"].sort_values("position")
    first = p["position"].astype(int).to_numpy()
    length = p["length"].astype(int).to_numpy()
    return pd.DataFrame({"first": first, "last": first + length - 1, "length": length,
                         "label": p["label"].astype(str).to_numpy(),
                         "source_id": p["source_id"].astype(str).to_numpy(), "id": p["id"].astype(str).to_numpy()})


PART_NAMES: dict[str, str] = {  # short names of the parts, by their row id (the labels are in the data)
    "uscc-part-authority": "registration authority", "uscc-part-type": "organisation type",
    "uscc-part-region": "region", "uscc-part-subject": "subject identifier (organisation code)",
    "uscc-part-check": "check character",
}


def published_codes() -> pd.DataFrame:
    """The real codes of the table: id, kind (test-vector or failing-code), code, entity, entity_zh, S
    (the weighted sum the data records, empty for failing codes), source_id, confidence; data order."""
    rows = _table()
    chosen = rows[rows["kind"].isin(["test-vector", "failing-code"])]
    return pd.DataFrame({
        "id": chosen["id"].astype(str), "kind": chosen["kind"].astype(str), "code": chosen["code"].astype(str),
        "entity": chosen["entity"], "entity_zh": chosen["entity_zh"],
        "S": chosen["value"].astype("Int64"), "source_id": chosen["source_id"].astype(str),
        "confidence": chosen["confidence"].astype(str),
    }).reset_index(drop=True)


def example_code(row_id: str = EXAMPLE_ID) -> str:
    """The code of one row of the table (by id)."""
    codes = published_codes().set_index("id")
    if row_id not in codes.index:
        raise ValueError(f"row_id must be one of the published codes in data/uscc.csv "
                         f"({', '.join(codes.index)}); got {row_id!r}")
    return str(codes.loc[row_id, "code"])


# --- one code ---------------------------------------------------------------------------------------
def _text(code: object) -> str:
    if not isinstance(code, str):
        raise TypeError(f"code must be text (a string of 18 characters, e.g. {example_code()!r}); "
                        f"got {type(code).__name__} {code!r}")
    return stdnum_uscc.compact(code)


def characters(code: str) -> pd.DataFrame:
    """One row per position 1-18: position, character, part, value (0-30, empty if not allowed),
    weight (positions 1-17) and product (value x weight). The code is compacted first (spaces and
    hyphens removed, upper case); it must have 18 characters."""
    text = _text(code)
    if len(text) != CODE_LENGTH:
        raise ValueError(f"code must have {CODE_LENGTH} characters after removing spaces and hyphens; "
                         f"{text!r} has {len(text)}")
    values = pd.Series([alphabet().find(c) for c in text], dtype="Int64").mask(lambda v: v < 0)
    positions = pd.RangeIndex(1, CODE_LENGTH + 1)
    part_of = pd.Series(pd.NA, index=positions, dtype="string")
    for row in parts().itertuples():
        part_of.loc[row.first:row.last] = PART_NAMES.get(row.id, row.label)
    weight = weights().reindex(positions).astype("Int64").reset_index(drop=True)
    return pd.DataFrame({"position": positions.to_numpy(), "character": list(text),
                         "part": part_of.to_numpy(), "value": values, "weight": weight,
                         "product": values * weight})


def anatomy(code: str) -> pd.DataFrame:
    """The code cut into its five parts: part, positions ('3-8'), characters."""
    chars = characters(code)
    rows = []
    for row in parts().itertuples():
        piece = "".join(chars["character"].iloc[row.first - 1:row.last])
        where = f"{row.first}" if row.first == row.last else f"{row.first}-{row.last}"
        rows.append({"part": PART_NAMES.get(row.id, row.label), "positions": where, "characters": piece})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class CodeCheck:
    """The result of checking one code."""

    code: str                 # as checked: spaces and hyphens removed, upper case
    verdict: str              # one of VERDICTS
    valid: bool               # python-stdnum's validate() accepted it
    weighted_sum: int | None  # S over positions 1-17 (None if a character there is not allowed)
    expected: str | None      # the check character positions 1-17 call for
    printed: str | None       # the code's own 18th character
    reason: str               # one sentence for the student


def check(code: str) -> CodeCheck:
    """Check a code with python-stdnum, and show the arithmetic: S, the expected and the printed check character."""
    text = _text(code)
    try:
        stdnum_uscc.validate(text)
        error = None
    except stdnum_errors.ValidationError as exc:
        error = exc
    total = expected = None
    if len(text) == CODE_LENGTH and all(c in alphabet() for c in text[:17]):
        total = int(characters(text)["product"].iloc[:17].sum())
        expected = stdnum_uscc.calc_check_digit(text)
    printed = text[-1] if len(text) == CODE_LENGTH else None
    if error is None:
        verdict, reason = VALID, f"Valid: S = {total}, and the 18th character is {printed}, as the rule requires."
    elif isinstance(error, stdnum_errors.InvalidLength):
        verdict, reason = WRONG_LENGTH, f"Not valid: {len(text)} characters; a code has {CODE_LENGTH}."
    elif isinstance(error, stdnum_errors.InvalidChecksum):
        verdict, reason = WRONG_CHECK, (f"Not valid: S = {total} calls for the check character {expected}, "
                                        f"but the code ends in {printed}.")
    elif any(c not in alphabet() for c in text):
        bad = sorted({c for c in text if c not in alphabet()})
        verdict, reason = NOT_ALLOWED, (f"Not valid: {', '.join(map(repr, bad))} is not one of the 31 characters "
                                        "a code may use (I, O, S, V and Z are never used).")
    else:
        verdict, reason = LETTER_IN_1_8, ("Not accepted by python-stdnum: it allows only digits in positions 1-8 "
                                          "(other validators allow some letters there).")
    return CodeCheck(text, verdict, error is None, total, expected, printed, reason)


def check_markdown(code: str) -> str:
    """A code's parts, its arithmetic and the verdict, as Markdown (a student's 'check one')."""
    result = check(code)
    lines = [f"**{result.code}**: {result.reason}"]
    if len(result.code) == CODE_LENGTH:
        lines += ["", markdown_table(["Part", "Positions", "Characters"],
                                     anatomy(result.code).itertuples(index=False))]
    if result.weighted_sum is not None:
        chars = characters(result.code).iloc[:17]
        products = " + ".join(str(int(p)) for p in chars["product"])
        lines += ["", f"S = {products} = **{result.weighted_sum}**; {result.weighted_sum} mod 31 = "
                      f"{result.weighted_sum % 31}; check value 31 − {result.weighted_sum % 31} = "
                      f"{31 - result.weighted_sum % 31} (31 counts as 0), which is the character "
                      f"**{result.expected}**."]
    return "\n".join(lines)


def published_checks() -> pd.DataFrame:
    """Every real code of the table checked: id, kind, code, entity, S in the data, S computed,
    expected and printed check character, verdict (python-stdnum's)."""
    codes = published_codes()
    results = [check(c) for c in codes["code"]]
    return codes.assign(
        S_computed=pd.array([r.weighted_sum for r in results], dtype="Int64"),
        expected=[r.expected for r in results], printed=[r.printed for r in results],
        verdict=[r.verdict for r in results])[
        ["id", "kind", "code", "entity", "entity_zh", "S", "S_computed", "expected", "printed", "verdict",
         "source_id", "confidence"]]
