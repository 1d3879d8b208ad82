"""The court defaulter rule (notebooks 03 and 05): which synthetic court cases go on the list, and for how long.

Published (``data/scoring_models.csv``, model ``list_rules``; fact base C1, C2, C9): the five
grounds for the Supreme People's Court list of judgment defaulters, the two-year listing term
and its one-to-three-year extension (2017 text [S30]), the restrictions a listed person meets
[S31][S34][S40], the 44 signatories of the January 2016 memorandum [S27] and the 51 central
memoranda of May 2020, 46 on punishment and 5 on incentives [S28]. What the agencies do with
the list is ``widgets.models.joint_punishment``.

Illustrative (named ``ILLUSTRATIVE_*``): the shares of the SYNTHETIC court cases. No real person
or case is modelled. Vectorized over cases: a loop runs over the few grounds only.

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
from functools import cached_property

import numpy as np
import pandas as pd

from ..checks import check_number
from ..data import PublishedRows

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
# Shares of the SYNTHETIC cases: chosen to make the toy readable, not measured anywhere.
ILLUSTRATIVE_CASE_SHARES: dict[str, float] = {
    "able_to_pay": 0.55,          # of all cases, the person could pay
    "refuses_if_able": 0.30,      # of those able to pay, the person does not
    "obstructs": 0.02,
    "evades": 0.04,
    "breaches_orders": 0.03,
    "reneges_settlement": 0.03,
}
# Seed of the synthetic court cases: 2013, the year the online defaulter list went live. Any fixed
# number would do, but the committed notebooks show these cases, so changing it changes their outputs.
CASES_SEED = 2013
MAX_CASES = 2_000_000
MAX_YEARS_SINCE_LISTING = 50


class ListRules(PublishedRows):
    """The published list rules: the ``list_rules`` rows of ``data/scoring_models.csv``, by parameter."""

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

    def _kind(self, prefix: str, label_prefix: str) -> pd.DataFrame:
        part = self.with_prefix(prefix)
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
    rules = ListRules.read("list_rules", table, required=tuple(GROUND_RULES), numbers=_NUMBERS)
    unknown = sorted(set(rules.with_prefix("ground_")["parameter"]) - set(GROUND_RULES))
    if unknown:
        raise ValueError(f"table holds ground(s) the model has no rule for: {', '.join(unknown)}; "
                         f"add them to widgets.models.court_list.GROUND_RULES (known: {', '.join(GROUND_RULES)})")
    if rules.with_prefix("restriction_").empty:
        raise ValueError("table must hold at least one list_rules restriction_* row (scoring_models.csv)")
    return rules


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


def synthetic_cases(n: int = 100_000, seed: int = CASES_SEED) -> pd.DataFrame:
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
