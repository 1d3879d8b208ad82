"""State and commercial schemes side by side, and Baihang's ownership (notebook 04).

Everything here is read from ``data/schemes.csv`` and ``data/commercial_firms.csv``: operator,
who is covered, whether joining is voluntary, the mechanism (score or list) and whether the
scheme brings sanctions or perks, each with its source id. An empty cell in the data is shown as
"not recorded", never guessed. Small tables, so plain pandas; no model, no illustrative numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
from IPython.display import Markdown

from . import charts
from .data import load

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
CONSEQUENCE_COLOURS = dict(zip(CONSEQUENCE_ORDER, [charts.PALETTE[3], charts.PALETTE[0], charts.PALETTE[1],
                                                   "#bbbbbb"]))

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


def _check_ids(ids: object, known: pd.Series) -> list[str]:
    if isinstance(ids, str) or not isinstance(ids, Sequence):
        raise TypeError(f"ids must be a list of schemes.csv ids (strings); got {type(ids).__name__}")
    ids = list(ids)
    if not ids:
        raise ValueError("ids must name at least one scheme; it is empty")
    if not all(isinstance(i, str) for i in ids):
        raise TypeError("ids must be a list of schemes.csv ids (strings)")
    unknown = sorted(set(ids) - set(known))
    if unknown:
        raise ValueError(f"ids has id(s) not in schemes.csv: {', '.join(unknown)}; "
                         f"known ids: {', '.join(known)}")
    if len(set(ids)) != len(ids):
        raise ValueError("ids must not repeat a scheme")
    return ids


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
    table = load("schemes") if table is None else table
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be the schemes table as a DataFrame; got {type(table).__name__}")
    needed = ["id", "name", "name_zh", "operator_type", "mechanism", "voluntary", "covers", "consequences",
              "status", "source_id", "confidence"]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(f"table is missing column(s) {', '.join(missing)} (schemes.csv)")
    chosen = table if ids is None else table.set_index("id").loc[_check_ids(ids, table["id"])].reset_index()
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
    header = list(COLUMNS.values()) + ["Source", "Confidence"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    names = frame["name"] + frame["name_zh"].map(lambda z: f" ({z})" if z else "")
    cells = frame[list(COLUMNS)].assign(name=names).astype(str).apply(lambda c: c.str.replace("|", "/"))
    cells["source"] = "[" + frame["source_id"] + "]"
    cells["confidence"] = frame["confidence"]
    lines += ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False, name=None)]
    return Markdown("\n".join(lines))


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


def comparison_chart(comparison: pd.DataFrame, *, title: str = "Sanctions or perks? Schemes by who runs them",
                     description: str | None = None) -> alt.Chart:
    """Stacked bars: schemes per operator type, coloured by sanctions / perks / both / not recorded."""
    counts = charts.check_rows("counts", side_counts(comparison))
    if description is None:
        description = describe_counts(counts)
    operators = [OPERATORS[o] for o in OPERATOR_ORDER if o in set(counts["operator_type"])]
    consequences = list(CONSEQUENCE_ORDER)
    most = int(counts.groupby("operator_type")["schemes"].sum().max())
    return alt.Chart(counts, title=title, description=description).mark_bar().encode(
        x=alt.X("schemes:Q", title="Schemes in the table (count)", scale=alt.Scale(domain=[0, most]),
                axis=alt.Axis(values=list(range(most + 1)), format="d")),
        y=alt.Y("operator:N", title="Run by", sort=operators, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("consequences:N", title="Brings", sort=consequences,
                        scale=alt.Scale(domain=consequences, range=[CONSEQUENCE_COLOURS[c] for c in consequences])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("operator:N", title="Run by"), alt.Tooltip("consequences:N", title="Brings"),
                 alt.Tooltip("schemes:Q", title="Schemes"), alt.Tooltip("names:N", title="Which")],
    ).transform_calculate(order=f"indexof({consequences!r}, datum.consequences)").properties(
        width=charts.WIDTH, height=40 * len(operators))


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


def ownership_chart(ownership: pd.DataFrame, *, title: str = "Who owns Baihang Credit",
                    description: str | None = None) -> alt.Chart:
    """Horizontal bars of each shareholder's stake (percent), coloured by group."""
    frame = charts.check_rows("ownership", ownership)
    needed = ["name", "share_percent", "group", "source_id"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"ownership is missing column(s) {', '.join(missing)}; build it with baihang_ownership()")
    if description is None:
        by_group = frame.groupby("group")["share_percent"].agg(["sum", "size"])
        description = ("Bars give each shareholder's stake: " + "; ".join(
            f"{group} {int(row['size'])} holder(s), {row['sum']:g}% together" for group, row in by_group.iterrows())
            + f"; {frame['share_percent'].sum():g}% in all.")
    groups = sorted(frame["group"].unique())
    order = list(frame["name"])
    return alt.Chart(frame[needed], title=title, description=description).mark_bar().encode(
        x=alt.X("share_percent:Q", title="Stake (% of Baihang)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("name:N", title=None, sort=order, axis=alt.Axis(labelLimit=300)),
        color=alt.Color("group:N", title="Shareholder", sort=groups, legend=alt.Legend(labelLimit=300),
                        scale=alt.Scale(domain=groups, range=[charts.PALETTE[0], charts.PALETTE[1]][:len(groups)])),
        tooltip=[alt.Tooltip("name:N", title="Shareholder"), alt.Tooltip("share_percent:Q", title="Stake (%)"),
                 alt.Tooltip("group:N", title="Group"), alt.Tooltip("source_id:N", title="Source")],
    ).properties(width=charts.WIDTH - 120, height=22 * len(frame))
