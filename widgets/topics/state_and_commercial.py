"""State and commercial schemes side by side, and Baihang's ownership (notebook 04).

Everything here is read from ``data/schemes.csv`` and ``data/commercial_firms.csv``: operator,
who is covered, whether joining is voluntary, the mechanism (score or list) and whether the
scheme brings sanctions or perks, each with its source id. An empty cell in the data is shown as
"not recorded", never guessed. Small tables, so plain pandas; no model, no illustrative numbers.
The charts are ``widgets.charts.state_and_commercial``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from IPython.display import Markdown

from ..checks import check_ids, check_table
from ..data import load
from ..sources import markdown_table

# operator type in schemes.csv -> the side of the comparison and a readable operator
SIDES: dict[str, str] = {"central state": "state", "local state": "state", "commercial": "commercial"}
OPERATORS: dict[str, str] = {"central state": "central state bodies", "local state": "local governments",
                             "commercial": "companies"}
OPERATOR_ORDER: tuple[str, ...] = tuple(OPERATORS)
VOLUNTARY: dict[str, str] = {"voluntary": "voluntary (users opt in)", "mandatory": "not voluntary (no opt-in)",
                             "mixed": "mixed", "unknown": "not recorded"}
MECHANISMS: dict[str, str] = {"score": "a score", "list": "lists", "both": "a score and lists"}
CONSEQUENCES: dict[str, str] = {"sanctions": "sanctions", "perks": "perks", "both": "sanctions and perks"}
NOT_RECORDED = "not recorded"
CONSEQUENCE_ORDER: tuple[str, ...] = (*CONSEQUENCES.values(), NOT_RECORDED)

# the schemes notebook 04 sets side by side: the court list, red lists, joint punishment, two city
# scores, and the commercial scores and bureau
DEFAULT_IDS: tuple[str, ...] = (
    "sch-spc-defaulter-list", "sch-red-lists", "sch-joint-punishment-memoranda",
    "sch-xiamen-bailu", "sch-rongcheng",
    "sch-zhima-credit", "sch-tencent-credit", "sch-wechat-pay-credit", "sch-baihang-credit",
)
COLUMNS: dict[str, str] = {  # column of scheme_comparison -> header of the Markdown table
    "name": "Scheme", "side": "State or commercial", "operator": "Run by", "covers": "Who is covered",
    "voluntary": "Voluntary?", "mechanism": "Mechanism", "consequences": "Sanctions or perks",
    "status": "Status",
}


def _text(column: pd.Series, labels: dict[str, str]) -> pd.Series:
    """Readable labels for an enumerated column; a missing cell becomes 'not recorded'."""
    return column.astype("string").map(labels).fillna(NOT_RECORDED).astype(str)


def scheme_comparison(ids: Sequence[str] | None = DEFAULT_IDS, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """State versus commercial schemes, one row per scheme, state first.

    ``ids``: rows of ``schemes.csv`` (default ``DEFAULT_IDS``; None for every scheme). ``table``:
    a copy of the schemes table (default: loaded from data/). Columns: id, name, name_zh, side
    (state/commercial), operator_type, operator, covers, voluntary, mechanism, consequences, status,
    source_id, confidence. Sorted by side (state first), operator type, then name.
    """
    table = check_table("table", load("schemes") if table is None else table,
                        ["id", "name", "name_zh", "operator_type", "mechanism", "voluntary", "covers", "consequences",
                         "status", "source_id", "confidence"], what="the schemes table")
    if ids is not None:
        ids = check_ids("ids", ids, table["id"], noun="scheme")
    chosen = table if ids is None else table.set_index("id").loc[ids].reset_index()
    operator_type = chosen["operator_type"].astype(str)
    unknown = sorted(set(operator_type) - set(SIDES))
    if unknown:
        raise ValueError(f"table: operator_type must be one of {', '.join(SIDES)}; found {', '.join(unknown)}")
    out = pd.DataFrame({
        "id": chosen["id"].astype(str).to_numpy(),
        "name": chosen["name"].astype(str).to_numpy(),
        "name_zh": chosen["name_zh"].astype("string").fillna("").to_numpy(),
        "side": operator_type.map(SIDES).to_numpy(),
        "operator_type": operator_type.to_numpy(),
        "operator": operator_type.map(OPERATORS).to_numpy(),
        "covers": chosen["covers"].astype("string").fillna(NOT_RECORDED).to_numpy(),
        "voluntary": _text(chosen["voluntary"], VOLUNTARY).to_numpy(),
        "mechanism": _text(chosen["mechanism"], MECHANISMS).to_numpy(),
        "consequences": _text(chosen["consequences"], CONSEQUENCES).to_numpy(),
        "status": chosen["status"].astype(str).to_numpy(),
        "source_id": chosen["source_id"].astype(str).to_numpy(),
        "confidence": chosen["confidence"].astype(str).to_numpy(),
    })
    order = out["operator_type"].map({o: i for i, o in enumerate(OPERATOR_ORDER)})
    return (out.assign(_order=order).sort_values(["_order", "name", "id"], kind="stable")
               .drop(columns="_order").reset_index(drop=True))


def comparison_markdown(comparison: pd.DataFrame) -> Markdown:
    """The comparison as a Markdown table (Chinese name beside the English one), with source and confidence."""
    frame = _check_comparison(comparison)
    names = frame["name"] + frame["name_zh"].map(lambda z: f" ({z})" if z else "")
    cells = frame[list(COLUMNS)].assign(name=names).astype(str)
    cells["source"] = "[" + frame["source_id"] + "]"
    cells["confidence"] = frame["confidence"]
    header = list(COLUMNS.values()) + ["Source", "Confidence"]
    return Markdown(markdown_table(header, cells.itertuples(index=False, name=None)))


def side_counts(comparison: pd.DataFrame) -> pd.DataFrame:
    """How many schemes of each operator type bring sanctions, perks, both, or nothing recorded.

    Columns: side, operator_type, operator, consequences, schemes (count), names ("; "-joined).
    Every operator type x consequence pair that occurs has a row; sorted by operator, then consequence.
    """
    frame = _check_comparison(comparison)
    grouped = (frame.groupby(["operator_type", "consequences"], sort=False)
               .agg(schemes=("id", "size"), names=("name", lambda s: "; ".join(sorted(s)))).reset_index())
    grouped["side"] = grouped["operator_type"].map(SIDES)
    grouped["operator"] = grouped["operator_type"].map(OPERATORS)
    grouped["_o"] = grouped["operator_type"].map({o: i for i, o in enumerate(OPERATOR_ORDER)})
    grouped["_c"] = grouped["consequences"].map({c: i for i, c in enumerate(CONSEQUENCE_ORDER)})
    return (grouped.sort_values(["_o", "_c"]).drop(columns=["_o", "_c"])
            [["side", "operator_type", "operator", "consequences", "schemes", "names"]].reset_index(drop=True))


def describe_counts(counts: pd.DataFrame) -> str:
    """One sentence: for each operator type, how many schemes bring which consequences."""
    parts = []
    for operator_type in OPERATOR_ORDER:  # three operator types, not rows of data
        rows = counts[counts["operator_type"] == operator_type]
        if len(rows):
            inner = ", ".join(f"{c} {n}" for c, n in zip(rows["consequences"], rows["schemes"]))
            parts.append(f"run by {OPERATORS[operator_type]}: {inner}")
    ending = "; only state schemes carry sanctions." if _only_state_sanctions(counts) else "."
    return "Schemes in the table by who runs them and what they bring (" + "; ".join(parts) + ")" + ending


def _only_state_sanctions(counts: pd.DataFrame) -> bool:
    sanctioning = counts["consequences"].isin([CONSEQUENCES["sanctions"], CONSEQUENCES["both"]])
    return bool(sanctioning.any() and (counts.loc[sanctioning, "side"] == "state").all())


def _check_comparison(comparison: object) -> pd.DataFrame:
    if not isinstance(comparison, pd.DataFrame):
        raise TypeError(f"comparison must be the DataFrame from scheme_comparison; got {type(comparison).__name__}")
    needed = ["id", "name", "name_zh", "side", "operator_type", *COLUMNS, "source_id", "confidence"]
    missing = [c for c in dict.fromkeys(needed) if c not in comparison.columns]
    if missing:
        raise ValueError(f"comparison is missing column(s) {', '.join(missing)}; build it with scheme_comparison()")
    if comparison.empty:
        raise ValueError("comparison must hold at least one scheme; it is empty")
    return comparison


# --- Baihang and the eight firms of 2015 -------------------------------------------------------
PERMIT_ROLE = "2015 preparation permit"
SHAREHOLDER_ROLE = "Baihang shareholder"


def permit_holders(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The firms the central bank let prepare a credit-reporting business in 2015 (rows of commercial_firms.csv)."""
    table = load("commercial_firms") if table is None else table
    return table[table["role"].astype(str) == PERMIT_ROLE].sort_values(["name", "id"]).reset_index(drop=True)


def baihang_ownership(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Baihang's shareholders and their stakes (percent), largest first, from ``commercial_firms.csv``.

    Columns: id, name, share_percent, group ('one of the eight 2015 firms' or 'other shareholder'),
    source_id, confidence. Raises ValueError if a stake is missing.
    """
    table = load("commercial_firms") if table is None else table
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be the commercial_firms table as a DataFrame; got {type(table).__name__}")
    stakes = table[table["role"].astype(str) == SHAREHOLDER_ROLE]
    if stakes.empty:
        raise ValueError(f"table holds no '{SHAREHOLDER_ROLE}' rows (commercial_firms.csv)")
    if stakes["ownership_share_percent"].isna().any():
        raise ValueError("table: every Baihang shareholder row needs ownership_share_percent")
    eight = set(permit_holders(table)["name"].astype(str))
    out = pd.DataFrame({
        "id": stakes["id"].astype(str).to_numpy(), "name": stakes["name"].astype(str).to_numpy(),
        "share_percent": stakes["ownership_share_percent"].astype(float).to_numpy(),
        "group": stakes["name"].astype(str).isin(eight).map({True: "one of the eight 2015 firms",
                                                              False: "other shareholder"}).to_numpy(),
        "source_id": stakes["source_id"].astype(str).to_numpy(),
        "confidence": stakes["confidence"].astype(str).to_numpy(),
    })
    return out.sort_values(["share_percent", "name"], ascending=[False, True]).reset_index(drop=True)
