"""List-based schemes: the court defaulter rule, red lists and joint punishment (vectorized).

Published (``data/scoring_models.csv``, model ``list_rules``; fact base C1, C2, C9): the five
grounds for the Supreme People's Court list of judgment defaulters, the two-year listing term
and its one-to-three-year extension (2017 text [S30]), the restrictions a listed person meets
[S31][S34][S40], the 44 signatories of the January 2016 memorandum [S27] and the 51 central
memoranda of May 2020, 46 on punishment and 5 on incentives [S28].

Red lists are the reverse of blacklists: authorities name parties as trustworthy and joint
incentives reward them (``list_schemes``; fact base C10; no listing criteria are published in
the data, so the kit models no red-list rule).

Illustrative (named ``ILLUSTRATIVE_*``): which agency imposes which restriction (the fact base
does not say) and the shares of the SYNTHETIC court cases. No real person or case is modelled.

A synthetic case is one row with these True/False columns (``CASE_COLUMNS``):

- ``able_to_pay``: the person has the means to perform the court judgment;
- ``refuses``: the person does not perform the judgment when due (for someone unable to pay
  this is inability, not refusal, and is not a ground for listing);
- ``obstructs``: obstructs enforcement, e.g. by forgery or violence;
- ``evades``: evades enforcement, e.g. by false litigation or hiding assets;
- ``breaches_orders``: breaches a property-report or consumption-restriction order;
- ``reneges_settlement``: reneges on a settlement agreement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .checks import check_choice, check_number

CASE_COLUMNS: tuple[str, ...] = (
    "able_to_pay", "refuses", "obstructs", "evades", "breaches_orders", "reneges_settlement",
)
# the data row (parameter) of each ground, and the case columns that meet it (all must be True)
GROUND_RULES: dict[str, tuple[str, ...]] = {
    "ground_able_but_refuses": ("able_to_pay", "refuses"),
    "ground_obstructs_enforcement": ("obstructs",),
    "ground_evades_enforcement": ("evades",),
    "ground_breaches_orders": ("breaches_orders",),
    "ground_reneges_settlement": ("reneges_settlement",),
}
NOT_LISTED_UNABLE = "not_listed_unable_to_pay"
NOT_LISTED_PERFORMS = "not_listed_performs"
NOT_LISTED_LABELS = {
    NOT_LISTED_UNABLE: "not listed: cannot pay, no ground met",
    NOT_LISTED_PERFORMS: "not listed: performs the judgment",
}
_GROUND_PREFIX = "Ground for listing: "
_RESTRICTION_PREFIX = "Restriction on listed people: "
_NUMBERS = ("listing_term", "extension_min", "extension_max", "mou_2016_signatories",
            "central_memoranda", "punishment_memoranda", "incentive_memoranda")

# --- illustrative parameters (not facts) ----------------------------------------------------
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
# Shares of the SYNTHETIC cases: chosen to make the toy readable, not measured anywhere.
ILLUSTRATIVE_CASE_SHARES: dict[str, float] = {
    "able_to_pay": 0.55,          # of all cases, the person could pay
    "refuses_if_able": 0.30,      # of those able to pay, the person does not
    "obstructs": 0.02,
    "evades": 0.04,
    "breaches_orders": 0.03,
    "reneges_settlement": 0.03,
}
DEFAULT_SEED = 2013  # the year the online defaulter list went live; any fixed number would do
MAX_CASES = 2_000_000
MAX_YEARS_SINCE_LISTING = 50


@dataclass(frozen=True)
class ListRules:
    """The published list rules, read from ``data/scoring_models.csv`` (model ``list_rules``)."""

    rows: pd.DataFrame  # the list_rules rows: id, parameter, label, value, unit, year, source_id

    def value(self, parameter: str) -> float:
        """The published number of one parameter (e.g. ``listing_term`` -> 2)."""
        return float(self._row(parameter)["value"])

    def source(self, parameter: str) -> str:
        """The source id of one parameter's row (e.g. ``listing_term`` -> ``S30``)."""
        return str(self._row(parameter)["source_id"])

    def row_id(self, parameter: str) -> str:
        """The data row id of one parameter (e.g. ``listing_term`` -> ``list-rules-listing-term``)."""
        return str(self._row(parameter)["id"])

    @cached_property
    def term_years(self) -> int:
        return int(self.value("listing_term"))

    @cached_property
    def extension_range(self) -> tuple[int, int]:
        return int(self.value("extension_min")), int(self.value("extension_max"))

    @cached_property
    def grounds(self) -> pd.DataFrame:
        """The grounds for listing in data order: parameter, label (short), source_id, id."""
        return self._kind("ground_", _GROUND_PREFIX)

    @cached_property
    def restrictions(self) -> pd.DataFrame:
        """The restrictions on listed people in data order: parameter, label (short), source_id, id."""
        return self._kind("restriction_", _RESTRICTION_PREFIX)

    def outcome_keys(self) -> list[str]:
        """Every outcome of ``defaulter_listing``: the grounds in data order, then the two 'not listed'."""
        return list(self.outcome_dtype.categories)

    @cached_property
    def outcome_dtype(self) -> pd.CategoricalDtype:
        """The categorical type of ``defaulter_listing``'s ``ground`` column (outcome keys in order)."""
        return pd.CategoricalDtype([*self.grounds["parameter"], NOT_LISTED_UNABLE, NOT_LISTED_PERFORMS])

    @cached_property
    def ground_params(self) -> tuple[str, ...]:
        """The grounds' data parameters, in data order."""
        return tuple(self.grounds["parameter"])

    @cached_property
    def ground_labels(self) -> dict[str, str]:
        """Short label (from the data) of each ground parameter."""
        return dict(zip(self.grounds["parameter"], self.grounds["label"]))

    @cached_property
    def restriction_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(parameters, short labels, source ids) of the restrictions as object arrays, in data order."""
        r = self.restrictions
        return tuple(r[c].to_numpy(dtype=object) for c in ("parameter", "label", "source_id"))

    @cached_property
    def _bit_tables(self) -> tuple[np.ndarray, np.ndarray]:
        return _bit_tables(len(self.grounds))

    def outcome_labels(self) -> dict[str, str]:
        """Readable label of each outcome key (ground labels come from the data)."""
        labels = {p: f"listed: {lab}" for p, lab in self.ground_labels.items()}
        return {**labels, **NOT_LISTED_LABELS}

    @cached_property
    def _by_parameter(self) -> dict[str, dict]:
        return {str(row["parameter"]): row for row in self.rows.to_dict("records")}

    def _row(self, parameter: str) -> dict:
        row = self._by_parameter.get(parameter) if isinstance(parameter, str) else None
        if row is None:
            raise ValueError(f"parameter must be one of the list_rules rows in scoring_models.csv "
                             f"({', '.join(self._by_parameter)}); got {parameter!r}")
        return row

    def _kind(self, prefix: str, label_prefix: str) -> pd.DataFrame:
        part = self.rows[self.rows["parameter"].str.startswith(prefix)]
        labels = part["label"].str.removeprefix(label_prefix)
        labels = labels.str[:1].str.lower() + labels.str[1:]
        return pd.DataFrame({"parameter": part["parameter"].to_numpy(dtype=str),
                             "label": labels.to_numpy(dtype=str),
                             "source_id": part["source_id"].to_numpy(dtype=str),
                             "id": part["id"].to_numpy(dtype=str)})


def list_rules(table: pd.DataFrame | None = None) -> ListRules:
    """The published list rules from ``scoring_models.csv`` (or a given copy of that table).

    Raises ValueError if a row the model needs (a number, a ground, a restriction) is missing.
    """
    if table is None:
        from .data import load

        table = load("scoring_models")
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be the scoring_models table as a DataFrame; got {type(table).__name__}")
    rows = table[table["model"].astype(str) == "list_rules"].reset_index(drop=True)
    present = set(rows["parameter"].astype(str))
    missing = [p for p in (*_NUMBERS, *GROUND_RULES) if p not in present]
    if missing:
        raise ValueError(f"table must hold list_rules rows for: {', '.join(missing)} (scoring_models.csv)")
    numbers = rows[rows["parameter"].isin(_NUMBERS)]
    if numbers["value"].isna().any():
        raise ValueError("table: list_rules rows " + ", ".join(numbers.loc[numbers["value"].isna(), "parameter"])
                         + " must carry a number")
    unknown = sorted(set(rows.loc[rows["parameter"].str.startswith("ground_"), "parameter"]) - set(GROUND_RULES))
    if unknown:
        raise ValueError(f"table holds ground(s) the model has no rule for: {', '.join(unknown)}; "
                         f"add them to widgets.lists.GROUND_RULES (known: {', '.join(GROUND_RULES)})")
    if not rows["parameter"].str.startswith("restriction_").any():
        raise ValueError("table must hold at least one list_rules restriction_* row (scoring_models.csv)")
    return ListRules(rows[["id", "parameter", "label", "value", "unit", "year", "source_id"]].copy())


# --- the court defaulter rule -----------------------------------------------------------------

def check_cases(cases: object) -> pd.DataFrame:
    """Check a non-empty DataFrame holding every ``CASE_COLUMNS`` column as True/False (no missing)."""
    if not isinstance(cases, pd.DataFrame):
        raise TypeError(f"cases must be a pandas DataFrame with True/False columns "
                        f"{', '.join(CASE_COLUMNS)}; got {type(cases).__name__}")
    if cases.empty:
        raise ValueError("cases must have at least one row; it is empty")
    missing = [c for c in CASE_COLUMNS if c not in cases.columns]
    if missing:
        raise ValueError(f"cases is missing column(s) {', '.join(missing)}; needed: {', '.join(CASE_COLUMNS)}")
    for col in CASE_COLUMNS:
        if not pd.api.types.is_bool_dtype(cases[col]):
            raise TypeError(f"cases[{col!r}] must hold True/False values; it has dtype {cases[col].dtype}")
        if cases[col].dtype != np.bool_ and cases[col].isna().any():
            raise ValueError(f"cases[{col!r}] must not contain missing values")
    return cases


def check_extension(extension_years: object, rules: ListRules) -> int:
    """0 (not extended) or a whole number of years within the published extension range."""
    low, high = rules.extension_range
    message = (f"extension_years must be 0 (not extended) or a whole number from {low} to {high} "
               f"(2017 text [{rules.source('extension_max')}])")
    try:
        years = int(check_number("extension_years", extension_years, low=0, high=high, integer=True))
    except ValueError as error:
        raise ValueError(f"{message}; got {extension_years!r}") from error
    if years != 0 and years < low:
        raise ValueError(f"{message}; got {extension_years!r}")
    return years


def defaulter_listing(cases: pd.DataFrame, *, extension_years: int = 0,
                      rules: ListRules | None = None) -> pd.DataFrame:
    """Apply the court's listing grounds to every synthetic case (one row per case, same index).

    Columns: ``listed``; ``ground`` (the first ground met in data order, or why not listed);
    ``grounds_met`` (how many grounds); ``term_years`` (published term plus ``extension_years``,
    NaN when not listed). Inability to pay is never a ground: a case that cannot pay and meets
    none of the conduct grounds is not listed, whatever ``refuses`` says.
    """
    rules = rules if rules is not None else list_rules()
    check_cases(cases)
    extension = check_extension(extension_years, rules)
    params = rules.ground_params
    flags = {c: cases[c].to_numpy(dtype=bool) for c in CASE_COLUMNS}
    bits = np.zeros(len(cases), dtype=np.uint8 if len(params) <= 8 else np.uint16)
    for i, param in enumerate(params):  # a loop over the (few) grounds, not over the cases
        met = flags[GROUND_RULES[param][0]]
        for col in GROUND_RULES[param][1:]:
            met = met & flags[col]
        bits |= met.astype(bits.dtype) << i
    first_set, popcount = rules._bit_tables
    listed = bits != 0
    # outcome code: the first ground met; else len(params) (cannot pay) or len(params) + 1 (performs)
    first = np.where(listed, first_set[bits], flags["able_to_pay"].astype(np.int8) + len(params))
    term = np.where(listed, float(rules.term_years + extension), np.nan)
    count = popcount[bits]
    return pd.DataFrame({
        "listed": listed,
        "ground": pd.Categorical.from_codes(first, dtype=rules.outcome_dtype),
        "grounds_met": count,
        "term_years": term,
    }, index=cases.index)


def _bit_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Look-up tables over every combination of ``n`` ground bits: lowest set bit, number of bits."""
    if n > 16:
        raise ValueError(f"the data must hold at most 16 listing grounds; it holds {n}")
    values = np.arange(2**n)
    bits = (values[:, None] >> np.arange(max(n, 1))) & 1
    return bits.argmax(axis=1).astype(np.int8), bits.sum(axis=1).astype(np.int8)


def grounds_met(case: Mapping[str, bool], rules: ListRules | None = None) -> list[str]:
    """The grounds (data parameters) one case meets, in data order; the same rule as ``defaulter_listing``."""
    rules = rules if rules is not None else list_rules()
    clean = _check_case(case)
    return [param for param in rules.ground_params if all(clean[c] for c in GROUND_RULES[param])]


def _check_case(case: object) -> dict[str, bool]:
    if not isinstance(case, Mapping):
        raise TypeError(f"case must be a mapping of {', '.join(CASE_COLUMNS)} to True/False; "
                        f"got {type(case).__name__}")
    missing = [c for c in CASE_COLUMNS if c not in case]
    if missing:
        raise ValueError(f"case is missing {', '.join(missing)}; needed: {', '.join(CASE_COLUMNS)}")
    for col in CASE_COLUMNS:
        if not isinstance(case[col], (bool, np.bool_)):
            raise TypeError(f"case[{col!r}] must be True or False; got {type(case[col]).__name__} {case[col]!r}")
    return {c: bool(case[c]) for c in CASE_COLUMNS}


def listing_time(term_years: float, years_since_listing: float) -> tuple[bool, float]:
    """(still listed?, years left) ``years_since_listing`` years after listing, for a term in years.

    The toy assumes the listing runs its whole term; the years left are 0 once it has ended.
    """
    term = check_number("term_years", term_years, low=0)
    since = check_number("years_since_listing", years_since_listing, low=0, high=MAX_YEARS_SINCE_LISTING)
    return since < term, max(term - since, 0.0)


def listing_distribution(listing: pd.DataFrame, rules: ListRules | None = None) -> pd.DataFrame:
    """Cases per outcome (each listing ground, then the two 'not listed'), in a fixed order.

    Columns: outcome (key), label, listed, cases, share (0-1). Every outcome has a row.
    """
    rules = rules if rules is not None else list_rules()
    if not isinstance(listing, pd.DataFrame) or "ground" not in listing.columns:
        raise TypeError("listing must be the DataFrame returned by defaulter_listing (with a 'ground' column)")
    keys = rules.outcome_keys()
    ground = listing["ground"]
    if ground.dtype == rules.outcome_dtype:
        codes = ground.cat.codes.to_numpy()
    else:
        codes = pd.Categorical(ground.astype(str), categories=keys).codes
    if (codes < 0).any():
        raise ValueError(f"listing['ground'] must hold only these outcomes: {', '.join(keys)}")
    counts = np.bincount(codes, minlength=len(keys))
    labels = rules.outcome_labels()
    n_grounds = len(rules.ground_params)
    return pd.DataFrame({"outcome": keys, "label": [labels[k] for k in keys],
                         "listed": [i < n_grounds for i in range(len(keys))],
                         "cases": counts, "share": counts / max(int(counts.sum()), 1)})


def synthetic_cases(n: int = 100_000, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """``n`` SYNTHETIC court-enforcement cases with the ``CASE_COLUMNS`` flags (seeded, illustrative shares).

    Toy story: a share of people can pay; some of those do not; people who cannot pay do not
    perform either (``refuses`` is True for them, which the rule does not count as refusal); each
    conduct ground occurs independently with a small illustrative share.
    """
    n = int(check_number("n", n, low=1, high=MAX_CASES, integer=True))
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    rng = np.random.default_rng(seed)
    shares = ILLUSTRATIVE_CASE_SHARES
    draws = rng.random((n, 6))
    able = draws[:, 0] < shares["able_to_pay"]
    frame = pd.DataFrame({
        "case": np.arange(1, n + 1),
        "able_to_pay": able,
        "refuses": np.where(able, draws[:, 1] < shares["refuses_if_able"], True),
        "obstructs": draws[:, 2] < shares["obstructs"],
        "evades": draws[:, 3] < shares["evades"],
        "breaches_orders": draws[:, 4] < shares["breaches_orders"],
        "reneges_settlement": draws[:, 5] < shares["reneges_settlement"],
    })
    return frame


# --- joint punishment -------------------------------------------------------------------------

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
    from .sources import rows

    if isinstance(ids, str) or not all(isinstance(i, str) for i in ids):
        raise TypeError("ids must be a tuple of schemes.csv ids (strings)")
    return rows("schemes", list(ids))[["id", "name", "name_zh", "covers", "consequences", "uptake",
                                       "source_id", "confidence"]]


# --- one update of the lab (model + chart data), shared by the panel and the benchmark ----------

@dataclass(frozen=True)
class LabState:
    """Everything one update of the joint-punishment panel shows."""

    listed: bool
    ground: str                  # outcome key of the case
    grounds: list[str]           # labels of every ground met
    term_years: float            # NaN when not listed
    still_listed: bool
    years_left: float
    joint: pd.DataFrame          # joint_restrictions
    summary: JointSummary
    cells: pd.DataFrame          # matrix_cells, for the heatmap
    distribution: pd.DataFrame   # listing_distribution over the synthetic cases


def lab_update(case: Mapping[str, bool], listing_agency: str, years_since_listing: float,
               extension_years: int, cases: pd.DataFrame, matrix: pd.DataFrame,
               rules: ListRules | None = None, distribution: pd.DataFrame | None = None) -> LabState:
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
    return LabState(
        listed=listed, ground=ground, grounds=[labels[g] for g in met],
        term_years=term, still_listed=still, years_left=left,
        joint=_joint_table(order, values, row, rules), summary=_summary(agency, values, row),
        cells=_cells(matrix, agency, order, values, bool(still), rules),
        distribution=distribution if distribution is not None else listing_distribution(
            defaulter_listing(cases, extension_years=extension_years, rules=rules), rules),
    )
