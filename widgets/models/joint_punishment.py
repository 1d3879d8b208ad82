"""Joint punishment (notebooks 03 and 05): every agency acts on every other agency's list, and red lists.

A party on one agency's list meets the restrictions of every agency that signed a memorandum
(``data/scoring_models.csv``: the restrictions [S31][S34][S40], the 44 signatories of January 2016
[S27], the 51 central memoranda of May 2020 [S28]). Red lists are the reverse of blacklists:
authorities name parties as trustworthy and joint incentives reward them (``list_schemes``; fact
base C10; no listing criteria are published in the data, so the kit models no red-list rule).

Illustrative (named ``ILLUSTRATIVE_*``): which agency imposes which restriction (the fact base does
not say). ``joint_punishment_update`` is the model's one update: one synthetic case through the
court's rule (``widgets.models.court_list``) and the agencies' matrix; the panel and the
benchmarks both call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..checks import check_choice, check_number
from ..sources import rows
from .court_list import (
    MAX_YEARS_SINCE_LISTING, NOT_LISTED_PERFORMS, NOT_LISTED_UNABLE, ListRules, check_extension, defaulter_listing,
    grounds_met, list_rules, listing_distribution, listing_time,
)

# Which agency imposes which restriction. The fact base names the restrictions (C2) but not the
# agencies behind them, so this mapping is ILLUSTRATIVE: generic roles, not named bodies. Every
# agency in it is assumed to have signed a memorandum that makes it act on every other agency's
# list (joint punishment). Restriction names are the parameters of the data rows.
ILLUSTRATIVE_AGENCY_RESTRICTIONS: dict[str, tuple[str, ...]] = {
    "Court (keeps the defaulter list)": (),
    "Aviation regulator": ("restriction_flights", "restriction_first_class_seats"),
    "Railway operator": ("restriction_high_speed_rail", "restriction_first_class_seats"),
    "Tourism and hotel regulator": ("restriction_luxury_hotels", "restriction_golf"),
    "Education regulator": ("restriction_private_school_fees",),
    "Company registry": ("restriction_executive_posts",),
    "Banking regulator": ("restriction_loans",),
}
ILLUSTRATIVE_LISTING_AGENCY = "Court (keeps the defaulter list)"


def illustrative_matrix(rules: ListRules | None = None,
                        mapping: Mapping[str, tuple[str, ...]] | None = None) -> pd.DataFrame:
    """The ILLUSTRATIVE agency x restriction matrix (True = the agency imposes the restriction).

    Columns are the restriction parameters of the data, in data order; rows the illustrative
    agencies. ``attrs['illustrative']`` is True. Raises ValueError for a restriction not in the data.
    """
    rules = rules if rules is not None else list_rules()
    mapping = ILLUSTRATIVE_AGENCY_RESTRICTIONS if mapping is None else mapping
    if not isinstance(mapping, Mapping) or not mapping:
        raise TypeError("mapping must be a non-empty mapping of agency name to restriction parameters")
    restrictions = list(rules.restrictions["parameter"])
    unknown = sorted({r for rs in mapping.values() for r in rs} - set(restrictions))
    if unknown:
        raise ValueError(f"mapping names restriction(s) not in scoring_models.csv: {', '.join(unknown)}; "
                         f"allowed: {', '.join(restrictions)}")
    matrix = pd.DataFrame({r: [r in mapping[a] for a in mapping] for r in restrictions},
                          index=pd.Index([str(a) for a in mapping], name="agency"))
    matrix.attrs["illustrative"] = True
    return matrix


def check_matrix(matrix: object, rules: ListRules) -> pd.DataFrame:
    """An agency x restriction True/False DataFrame whose columns are restrictions from the data."""
    restrictions = list(rules.restrictions["parameter"])
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix must be a pandas DataFrame (agencies x restrictions); got {type(matrix).__name__}")
    if matrix.empty:
        raise ValueError("matrix must have at least one agency and one restriction; it is empty")
    unknown = [str(c) for c in matrix.columns if c not in restrictions]
    if unknown:
        raise ValueError(f"matrix has column(s) that are not restrictions in scoring_models.csv: "
                         f"{', '.join(unknown)}; allowed: {', '.join(restrictions)}")
    for col, dtype in matrix.dtypes.items():
        if dtype != np.bool_:
            raise TypeError(f"matrix[{col!r}] must hold True/False values; it has dtype {dtype}")
    if not matrix.index.is_unique:
        raise ValueError("matrix must list each agency once; its index has duplicates")
    return matrix


def _joint_arrays(listing_agency: object, matrix: pd.DataFrame,
                  rules: ListRules) -> tuple[str, list[int], np.ndarray, int]:
    """Checked inputs as arrays: agency, data rows of the matrix's restrictions, values, agency row."""
    check_matrix(matrix, rules)
    agencies = [str(a) for a in matrix.index]
    agency = check_choice("listing_agency", listing_agency, agencies)
    params = rules.restriction_arrays[0]
    order = [i for i, r in enumerate(params) if r in matrix.columns]
    columns = [params[i] for i in order]
    return agency, order, matrix[columns].to_numpy(dtype=bool), agencies.index(agency)


def joint_restrictions(listing_agency: str, matrix: pd.DataFrame,
                       rules: ListRules | None = None) -> pd.DataFrame:
    """What a party on ``listing_agency``'s list meets under joint punishment, one row per restriction.

    Every agency in ``matrix`` acts on every other agency's list. Columns: restriction, label,
    source_id, agencies (how many agencies impose it), by_listing_agency (True/False),
    by_other_agencies (count), met (True when at least one agency imposes it). Rows in data order.
    """
    rules = rules if rules is not None else list_rules()
    _agency, order, values, row = _joint_arrays(listing_agency, matrix, rules)
    return _joint_table(order, values, row, rules)


def _joint_table(order: list[int], values: np.ndarray, row: int, rules: ListRules) -> pd.DataFrame:
    params, labels, sources = rules.restriction_arrays
    own = values[row]
    counts = values.sum(axis=0)
    return pd.DataFrame({
        "restriction": params[order], "label": labels[order],
        "source_id": sources[order], "agencies": counts, "by_listing_agency": own,
        "by_other_agencies": counts - own.astype(int), "met": counts > 0,
    })


@dataclass(frozen=True)
class JointSummary:
    """Headline numbers of ``joint_restrictions``."""

    listing_agency: str
    restrictions_met: int
    restrictions_total: int
    agencies_imposing: int        # agencies imposing at least one restriction on the party
    other_agencies_imposing: int  # of those, agencies other than the one that listed the party


def joint_summary(listing_agency: str, matrix: pd.DataFrame, rules: ListRules | None = None) -> JointSummary:
    """How many restrictions a party on ``listing_agency``'s list meets, and from how many agencies."""
    rules = rules if rules is not None else list_rules()
    agency, _order, values, row = _joint_arrays(listing_agency, matrix, rules)
    return _summary(agency, values, row)


def _summary(agency: str, values: np.ndarray, row: int) -> JointSummary:
    imposing = values.any(axis=1)
    n = int(imposing.sum())
    return JointSummary(agency, int(values.any(axis=0).sum()), int(values.shape[1]), n, n - int(imposing[row]))


CELL_STATES: tuple[str, ...] = ("imposes: applies to this party", "imposes: not applied now", "does not impose")


def matrix_cells(matrix: pd.DataFrame, listing_agency: str, applies: bool,
                 rules: ListRules | None = None) -> pd.DataFrame:
    """The matrix in long form for a heatmap: agency, restriction label, state, is_listing_agency.

    ``applies`` says whether the party is on a list now (listed and within its term); the
    agency and restriction order follow the matrix and the data.
    """
    rules = rules if rules is not None else list_rules()
    agency, order, values, _row = _joint_arrays(listing_agency, matrix, rules)
    if not isinstance(applies, (bool, np.bool_)):
        raise TypeError(f"applies must be True or False; got {type(applies).__name__}")
    return _cells(matrix, agency, order, values, bool(applies), rules)


def _cells(matrix: pd.DataFrame, agency: str, order: list[int], values: np.ndarray, applies: bool,
           rules: ListRules) -> pd.DataFrame:
    n_a, n_r = values.shape
    state = np.where(values, 0 if applies else 1, 2).ravel()
    agencies = np.repeat(np.array([str(a) for a in matrix.index], dtype=object), n_r)
    return pd.DataFrame({
        "agency": agencies,
        "agency_order": np.repeat(np.arange(n_a), n_r),
        "restriction": np.tile(rules.restriction_arrays[1][order], n_a),
        "restriction_order": np.tile(np.arange(n_r), n_a),
        "state": np.array(CELL_STATES, dtype=object)[state],
        "is_listing_agency": agencies == agency,
    })


# --- red lists and the memoranda --------------------------------------------------------------

def memoranda_table(rules: ListRules | None = None) -> pd.DataFrame:
    """The published memorandum counts: Jan 2016 signatories and the May 2020 memoranda by kind.

    Columns: id, parameter, label, value, unit, year, source_id. Raises ValueError if the
    punishment and incentive counts do not add up to the total in the data.
    """
    rules = rules if rules is not None else list_rules()
    params = ["mou_2016_signatories", "central_memoranda", "punishment_memoranda", "incentive_memoranda"]
    table = rules.rows.set_index("parameter").loc[params].reset_index()
    total = rules.value("central_memoranda")
    parts = rules.value("punishment_memoranda") + rules.value("incentive_memoranda")
    if parts != total:
        raise ValueError(f"scoring_models.csv: punishment and incentive memoranda add up to {parts:g}, "
                         f"not the total of {total:g}")
    return table[["id", "parameter", "label", "value", "unit", "year", "source_id"]]


LIST_SCHEME_IDS: tuple[str, ...] = ("sch-spc-defaulter-list", "sch-red-lists", "sch-joint-punishment-memoranda")


def list_schemes(ids: tuple[str, ...] = LIST_SCHEME_IDS) -> pd.DataFrame:
    """The blacklist, red-list and memorandum rows of ``schemes.csv``: who is covered, sanctions or perks.

    Columns: id, name, name_zh, covers, consequences, uptake, source_id, confidence, in the order given.
    """
    if isinstance(ids, str) or not all(isinstance(i, str) for i in ids):
        raise TypeError("ids must be a tuple of schemes.csv ids (strings)")
    return rows("schemes", list(ids))[["id", "name", "name_zh", "covers", "consequences", "uptake",
                                       "source_id", "confidence"]]


def red_list() -> pd.Series:
    """The red-list row of ``schemes.csv`` (name, Chinese name, who is covered, perks, source)."""
    return list_schemes(("sch-red-lists",)).iloc[0]


# --- one update of the panel (model + chart data), shared by the panel and the benchmark ----------

@dataclass(frozen=True)
class JointPunishmentUpdate:
    """Everything one update of the joint-punishment panel shows."""

    listed: bool
    ground: str                  # outcome key of the case
    grounds: list[str]           # labels of every ground met
    met: list[str]               # outcome keys the case meets: every ground met, or why it is not listed
    term_years: float            # NaN when not listed
    still_listed: bool
    years_left: float
    joint: pd.DataFrame          # joint_restrictions
    summary: JointSummary
    cells: pd.DataFrame          # matrix_cells, for the heatmap
    distribution: pd.DataFrame   # listing_distribution over the synthetic cases


def joint_punishment_update(case: Mapping[str, bool], listing_agency: str, years_since_listing: float,
                            extension_years: int, cases: pd.DataFrame, matrix: pd.DataFrame,
                            rules: ListRules | None = None,
                            distribution: pd.DataFrame | None = None) -> JointPunishmentUpdate:
    """One case through the defaulter rule and joint punishment, plus the distribution over ``cases``.

    ``distribution`` (optional) is ``listing_distribution`` of ``cases`` at this extension, computed
    before: it does not depend on the case, so a panel computes it once per extension.
    """
    rules = rules if rules is not None else list_rules()
    met = grounds_met(case, rules)
    listed = bool(met)
    extension = check_extension(extension_years, rules)
    since = check_number("years_since_listing", years_since_listing, low=0, high=MAX_YEARS_SINCE_LISTING)
    term = float(rules.term_years + extension) if listed else float("nan")
    still, left = listing_time(term, since) if listed else (False, 0.0)
    if listed:
        ground = met[0]
    else:
        ground = NOT_LISTED_PERFORMS if case["able_to_pay"] else NOT_LISTED_UNABLE
    labels = rules.ground_labels
    agency, order, values, row = _joint_arrays(listing_agency, matrix, rules)
    return JointPunishmentUpdate(
        listed=listed, ground=ground, grounds=[labels[g] for g in met], met=list(met) if listed else [ground],
        term_years=term, still_listed=still, years_left=left,
        joint=_joint_table(order, values, row, rules), summary=_summary(agency, values, row),
        cells=_cells(matrix, agency, order, values, bool(still), rules),
        distribution=distribution if distribution is not None else listing_distribution(
            defaulter_listing(cases, extension_years=extension_years, rules=rules), rules),
    )
