"""Checking the chapter against the kit's fact-check ledger, ``data/claims.csv`` (notebook 08).

A student looks up a claim (the chapter's wording and value, what the sources say, the
evidence and the source's citation) and gives a verdict: confirmed, corrected, unconfirmed
or imprecise, as the written verdict rule in ``data/README.md`` defines them. Where two tests
of the rule can be argued, ``data/verdict_readings.csv`` holds the second verdict and its
reason, and both count as right. ``check_verdicts`` compares verdicts with the accepted ones in
one vectorized step and returns feedback: the evidence when a verdict is right, a hint (not the
answer) when it is not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from IPython.display import Markdown

from ..checks import check_ids
from ..data import load
from ..sources import citation, markdown_table

VERDICTS: tuple[str, ...] = ("confirmed", "corrected", "unconfirmed", "imprecise")
VERDICT_MEANINGS = {
    "confirmed": "the sources support the chapter's claim",
    "corrected": "the sources give a different date, number, issuer or fact",
    "unconfirmed": "looked for in the sources consulted and not found (which is not the same as wrong)",
    "imprecise": "dates, numbers and actors right, but named, spelt or described loosely",
}
# a fact table of claims: column -> header
CLAIM_COLUMNS: dict[str, str] = {"claim": "The chapter says", "chapter_value": "Chapter's value",
                                 "sources_say": "The sources say", "verdict": "Verdict"}
# hint shown when a verdict is wrong, keyed by the ledger's verdict (it never names the verdict)
HINTS = {
    "confirmed": "The sources back the chapter here: is anything in what the sources say actually different "
                 "from the chapter's value?",
    "corrected": "Put the chapter's value next to what the sources say: do they give a different date, number "
                 "or fact?",
    "unconfirmed": "Did the sources find the claim at all? Look for 'not found' in what the sources say.",
    "imprecise": "Is the chapter roughly right, with only a name, a title or the wording off?",
}


def ledger() -> pd.DataFrame:
    """The whole fact-check ledger (``claims.csv``), in file order."""
    return load("claims").reset_index(drop=True)


def second_readings() -> pd.DataFrame:
    """The second verdicts the rule also admits (``verdict_readings.csv``): claim, verdict, reason."""
    table = load("verdict_readings")
    return table[["id", "claim_id", "verdict", "error_kind", "reason", "source_id"]].assign(
        verdict=lambda d: d["verdict"].astype(str)).reset_index(drop=True)


def accepted_verdicts(ids: Sequence[str] | None = None) -> dict[str, list[str]]:
    """Every verdict the written rule makes defensible, by claim: the ledger's, plus any second reading."""
    table = ledger()
    if ids is not None:
        table = table.set_index("id").loc[_check_claim_ids("ids", ids, table["id"])].reset_index()
    extra = second_readings().groupby("claim_id")["verdict"].agg(list).to_dict()
    return {i: sorted({str(v), *extra.get(i, [])}, key=VERDICTS.index)
            for i, v in zip(table["id"], table["verdict"])}


def _check_claim_ids(name: str, ids: object, known: pd.Series) -> list[str]:
    return check_ids(name, ids, known, noun="claim",
                     hint="see chapter_check.ledger()['id'] for the ids in data/claims.csv")


def claims_for_exercise(ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The claims to judge, without their verdicts: id, section, claim and the chapter's value."""
    table = ledger()
    if ids is not None:
        ids = _check_claim_ids("ids", ids, table["id"])
        table = table.set_index("id").loc[ids].reset_index()
    return table[["id", "section", "claim", "chapter_value"]].reset_index(drop=True)


def claims_markdown(ids: Sequence[str] | None = None) -> Markdown:
    """The claims to judge as a Markdown table (id, section, claim, chapter's value), without verdicts."""
    table = claims_for_exercise(ids)
    body = ([f"`{i}`", s, c, v] for i, s, c, v in zip(table["id"], table["section"].astype(str), table["claim"],
                                                      table["chapter_value"]))
    return Markdown(markdown_table(["Claim id", "Section", "The chapter says", "Chapter's value"], body))


@dataclass(frozen=True)
class Evidence:
    """What the ledger holds on one claim, minus the verdict."""

    claim_id: str
    section: str
    claim: str
    chapter_value: str | None
    sources_say: str
    evidence: str
    note: str | None
    source_id: str
    citation: str

    def markdown(self) -> str:
        """The evidence as a short Markdown block."""
        lines = [f"**Claim** ({self.section}): {self.claim}",
                 f"- *The chapter's value:* {self.chapter_value or '(no single value)'}",
                 f"- *What the sources say:* {self.sources_say}",
                 f"- *Evidence:* {self.evidence}"]
        if self.note:
            lines.append(f"- *Note:* {self.note}")
        lines.append(f"- *Source* [{self.source_id}]: {self.citation}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()


def lookup(claim_id: str) -> Evidence:
    """The claim, the chapter's value, what the sources say, the evidence and the source's citation."""
    table = ledger()
    if not isinstance(claim_id, str):
        raise TypeError(f"claim_id must be a claim id (a string); got {type(claim_id).__name__}")
    match = table[table["id"] == claim_id]
    if match.empty:
        raise ValueError(f"claim_id {claim_id!r} is not in data/claims.csv; "
                         "see chapter_check.ledger()['id'] for the ids")
    row = match.iloc[0]

    def text(value: object) -> str | None:
        return None if pd.isna(value) else str(value)

    return Evidence(claim_id=claim_id, section=str(row["section"]), claim=str(row["claim"]),
                    chapter_value=text(row["chapter_value"]), sources_say=str(row["sources_say"]),
                    evidence=str(row["evidence"]), note=text(row["note"]), source_id=str(row["source_id"]),
                    citation=citation(str(row["source_id"])))


def _second_reading_text(claim_id: str) -> str:
    rows = second_readings()
    rows = rows[rows["claim_id"] == claim_id]
    return "".join(f" The rule also admits '{v}': {r}" for v, r in zip(rows["verdict"], rows["reason"]))


def ledger_verdict(claim_id: str) -> tuple[str, str]:
    """The ledger's verdict on one claim and its evidence, with any second reading the rule admits.

    Shown only when a student asks for them.
    """
    row = lookup(claim_id)  # checks the id
    found = ledger().set_index("id").loc[row.claim_id]
    return str(found["verdict"]), str(found["evidence"]) + _second_reading_text(row.claim_id)


def check_verdicts(answers: Mapping[str, str]) -> pd.DataFrame:
    """One row per answered claim: your verdict, right or not, and feedback.

    ``answers`` maps claim ids to one of ``VERDICTS`` (case and surrounding spaces ignored).
    """
    table = ledger().set_index("id")
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a mapping of claim id to verdict ({', '.join(VERDICTS)}); "
                        f"got {type(answers).__name__}")
    ids = _check_claim_ids("answers", list(answers), table.index.to_series())
    given = pd.Series([answers[i] for i in ids], index=ids, dtype=object)
    not_text = given[~given.map(lambda v: isinstance(v, str)).astype(bool)]
    if not not_text.empty:
        key, value = not_text.index[0], not_text.iloc[0]
        extra = "; replace ... with your verdict" if value is Ellipsis else ""
        raise TypeError(f"answers[{key!r}] must be one of: {', '.join(VERDICTS)}; "
                        f"got {type(value).__name__} {value!r}{extra}")
    clean = given.astype(str).str.strip().str.lower()
    bad = clean[~clean.isin(VERDICTS)]
    if not bad.empty:
        raise ValueError(f"answers[{bad.index[0]!r}] must be one of: {', '.join(VERDICTS)}; "
                         f"got {given[bad.index[0]]!r}")
    rows = table.loc[ids]
    verdict = rows["verdict"].astype(str).to_numpy()
    # a verdict is right if it is the ledger's or a second reading the rule admits (verdict_readings.csv)
    second = second_readings()
    key = pd.MultiIndex.from_arrays([second["claim_id"], second["verdict"]])
    is_second = pd.MultiIndex.from_arrays([ids, clean.to_numpy()]).isin(key)
    correct = (clean.to_numpy() == verdict) | is_second
    given_verdict = pd.Series(clean.to_numpy(), index=ids)
    reasons = second.set_index(["claim_id", "verdict"])["reason"]
    also = pd.Series([reasons.get((i, v), "") for i, v in zip(ids, clean)], index=ids, dtype=object)
    other = second.groupby("claim_id")["verdict"].agg(" or ".join)
    also_admits = pd.Series([f" The rule also admits '{other[i]}' here." if i in other.index else "" for i in ids],
                            index=ids, dtype=object)
    ledger_text = pd.Series(np.where(is_second, " The ledger's own verdict is '" + pd.Series(verdict) + "': ", " "),
                            index=ids) + rows["evidence"].astype(str)
    right_text = ("Right: " + given_verdict + " (" + given_verdict.map(VERDICT_MEANINGS) + ")."
                  + np.where(is_second, " " + also, "") + ledger_text + np.where(is_second, "", also_admits))
    wrong_text = "Not yet. " + pd.Series(verdict, index=ids).map(HINTS)
    return pd.DataFrame({
        "claim_id": ids, "claim": rows["claim"].astype(str).to_numpy(), "your_verdict": clean.to_numpy(),
        "correct": correct, "feedback": np.where(correct, right_text.to_numpy(), wrong_text.to_numpy()),
    })


def verdict_counts(by_section: bool = False) -> pd.DataFrame:
    """How many claims the ledger gives each verdict (optionally per chapter section), sorted."""
    table = ledger()
    keys = ["section", "verdict"] if by_section else ["verdict"]
    counts = table.groupby(keys, observed=True).size().rename("claims").reset_index()
    counts["verdict"] = pd.Categorical(counts["verdict"].astype(str), categories=list(VERDICTS))
    return counts.sort_values(keys).reset_index(drop=True)


def verdict_table_markdown() -> Markdown:
    """The four verdicts and what each means, as a Markdown table."""
    return Markdown(markdown_table(["Verdict", "Meaning"], ([v, VERDICT_MEANINGS[v]] for v in VERDICTS)))


PROGRESS: tuple[str, ...] = ("right", "not right yet", "not checked")


def progress_by_section(results: Mapping[str, bool], ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Claims per chapter section and progress ('right', 'not right yet', 'not checked'), sorted.

    ``results`` maps each claim checked so far to whether its verdict was right.
    """
    table = ledger()
    if ids is not None:
        table = table.set_index("id").loc[_check_claim_ids("ids", ids, table["id"])].reset_index()
    if not isinstance(results, Mapping):
        raise TypeError(f"results must be a mapping of claim id to True/False; got {type(results).__name__}")
    if results:
        _check_claim_ids("results", list(results), table["id"])
    done = pd.Series(results, dtype=object).reindex(table["id"])
    if not done.dropna().map(lambda v: isinstance(v, (bool, np.bool_))).all():
        raise TypeError("results must map claim ids to True or False")
    status = np.select([done.isna().to_numpy(), done.fillna(False).astype(bool).to_numpy()],
                       [PROGRESS[2], PROGRESS[0]], default=PROGRESS[1])
    frame = pd.DataFrame({"section": table["section"], "progress": status})
    counts = frame.groupby(["section", "progress"], observed=True).size().rename("claims").reset_index()
    counts["progress"] = pd.Categorical(counts["progress"], categories=list(PROGRESS))
    return counts.sort_values(["section", "progress"]).reset_index(drop=True)
