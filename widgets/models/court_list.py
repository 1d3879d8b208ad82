"""The court defaulter rule (notebooks 03 and 05): which synthetic court cases go on the list, and for how long.

Published, from the primary texts (``data/listing_rules.csv``; fact base F2-F10): the six grounds
of Art. 1 in the 2013 text and in the text as amended in 2017, each text's precondition (2013: the
debtor was able to perform and did not, for every ground; 2017: the debtor has not performed, and
"able but refuses" is ground 1 of its own), the terms (2017: two years, extendable by one to three,
for grounds 2-6 only; ground 1, and every 2013 listing: no fixed term, until a deletion event) and
the deletion events. From ``data/scoring_models.csv`` (model ``list_rules``): the toy's short label
of each ground, the restrictions [S31][S34][S40][S70], the memorandum counts [S27][S28]. What the
agencies do with the list is ``widgets.models.joint_punishment``.

Illustrative (named ``ILLUSTRATIVE_*``; not facts): the shares of the SYNTHETIC court cases, the
chance per year that an open-ended listing ends by a deletion event, the years the synthetic
debtors are followed, and the toy's reading of a case that meets ground 1 and a term ground (it
stays listed until both listings have ended; the fact base does not settle such cases). No real
person or case is modelled. Vectorized over cases: loops run over the few grounds only.

A synthetic case is one row with these True/False columns (``CASE_COLUMNS``):

- ``able_to_pay``: the person has the means to perform the court judgment;
- ``not_performed``: the person has not performed the judgment when due (for someone unable to
  pay this is inability, not refusal: ground 1 needs both flags);
- ``obstructs``: obstructs or resists enforcement, e.g. by forged evidence or violence (ground 2);
- ``evades``: evades enforcement, e.g. by false litigation or hiding assets (ground 3);
- ``breaches_property_report``: violates the property-reporting system (ground 4);
- ``breaches_consumption_order``: violates a consumption-restriction order (ground 5);
- ``reneges_settlement``: refuses without good reason to perform a settlement agreement (ground 6).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import pandas as pd

from ..checks import check_choice, check_number
from ..data import PublishedRows, load

CASE_COLUMNS: tuple[str, ...] = (
    "able_to_pay", "not_performed", "obstructs", "evades", "breaches_property_report",
    "breaches_consumption_order", "reneges_settlement",
)
# the data row (parameter) of each ground, and the case columns that meet it (all must be True)
GROUND_RULES: dict[str, tuple[str, ...]] = {
    "ground_able_but_refuses": ("able_to_pay", "not_performed"),
    "ground_obstructs_enforcement": ("obstructs",),
    "ground_evades_enforcement": ("evades",),
    "ground_breaches_property_report": ("breaches_property_report",),
    "ground_breaches_consumption_order": ("breaches_consumption_order",),
    "ground_reneges_settlement": ("reneges_settlement",),
}
VERSIONS: tuple[str, ...] = ("2013", "2017")
# the item of Art. 1 each ground is in each text (listing_rules.csv, kind 'ground'): in 2013 'able
# but refuses' was the catch-all item 6, in 2017 it is item 1 and the others moved down by one
ARTICLE_ITEMS: dict[str, dict[str, int]] = {
    "2017": {"ground_able_but_refuses": 1, "ground_obstructs_enforcement": 2, "ground_evades_enforcement": 3,
             "ground_breaches_property_report": 4, "ground_breaches_consumption_order": 5,
             "ground_reneges_settlement": 6},
    "2013": {"ground_obstructs_enforcement": 1, "ground_evades_enforcement": 2, "ground_breaches_property_report": 3,
             "ground_breaches_consumption_order": 4, "ground_reneges_settlement": 5, "ground_able_but_refuses": 6},
}
# what every ground needs in each text (the lead-in of Art. 1; rows lr-2013/2017-art1-precondition)
PRECONDITIONS: dict[str, tuple[str, ...]] = {
    "2013": ("able_to_pay", "not_performed"),  # "具有履行能力而不履行 ... 并具有下列情形之一"
    "2017": ("not_performed",),                # "未履行 ... 并具有下列情形之一"
}
NOT_LISTED_UNABLE = "not_listed_unable_to_pay"
NOT_LISTED_PERFORMS = "not_listed_performs"
NOT_LISTED_LABELS = {
    NOT_LISTED_UNABLE: "not listed: cannot pay, no ground applies",
    NOT_LISTED_PERFORMS: "not listed: performs the judgment",
}
REGIME = "court-defaulter-list"
_GROUND_PREFIX = "Ground for listing: "
_RESTRICTION_PREFIX = "Restriction on listed people: "
_NUMBERS = ("listing_term", "extension_min", "extension_max", "mou_2016_signatories",
            "central_memoranda", "punishment_memoranda", "incentive_memoranda")

# --- illustrative parameters (not facts) ----------------------------------------------------
# Shares of the SYNTHETIC cases: chosen to make the toy readable, not measured anywhere.
ILLUSTRATIVE_CASE_SHARES: dict[str, float] = {
    "able_to_pay": 0.55,             # of all cases, the person could pay
    "not_performed_if_able": 0.30,   # of those able to pay, the person does not (people unable to pay never do)
    "obstructs": 0.02,
    "evades": 0.04,
    "breaches_property_report": 0.03,
    "breaches_consumption_order": 0.02,
    "reneges_settlement": 0.03,
}
# Chance per year that an open-ended listing ends by a deletion event (performance, a performed
# settlement, the creditor's request, a ruling ...). The texts give no such figure: illustrative.
ILLUSTRATIVE_ANNUAL_DELETION_CHANCE = 0.25
DELETION_CHANCE_RANGE = (0.05, 0.95)
# The synthetic debtors are followed for this many years after listing; later ends count as "still listed".
ILLUSTRATIVE_HORIZON_YEARS = 10
HORIZON_RANGE = (6, 30)  # whole years; at least 6, so that "five years or longer" is inside the horizon
LONG_YEARS = 5  # the summaries count listings that last five years or longer
# Seed of the synthetic court cases: 2013, the year the online defaulter list went live. Any fixed
# number would do, but the committed notebooks show these cases, so changing it changes their outputs.
CASES_SEED = 2013
MAX_CASES = 2_000_000
MAX_YEARS_SINCE_LISTING = 50
# why a synthetic debtor is listed, for the durations chart
REASONS: dict[str, str] = {
    "open_ended": "no fixed term: until a deletion event",
    "term": "fixed term (grounds 2-6 of the 2017 text)",
    "both": "ground 1 and a term ground: until both end",
}


class ListRules(PublishedRows):
    """The toy's published list rules: the ``list_rules`` rows of ``data/scoring_models.csv``, by parameter."""

    @cached_property
    def term_years(self) -> int:
        """The fixed term of grounds 2-6 of the 2017 text (ground 1 has none)."""
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
        """The grounds' data parameters, in data order (the order of Art. 1 in 2017)."""
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
    """The toy's published list rules from ``scoring_models.csv`` (or a given copy of that table).

    Raises ValueError if a row the model needs (a number, a ground, a restriction) is missing.
    """
    rules = ListRules.read("list_rules", table, required=tuple(GROUND_RULES), numbers=_NUMBERS)
    unknown = sorted(set(rules.with_prefix("ground_")["parameter"]) - set(GROUND_RULES))
    if unknown:
        raise ValueError(f"table holds ground(s) the model has no rule for: {', '.join(unknown)}; "
                         f"add them to widgets.models.court_list.GROUND_RULES (known: {', '.join(GROUND_RULES)})")
    if list(rules.ground_params) != list(GROUND_RULES):
        raise ValueError("scoring_models.csv must list the list_rules ground_* rows in the order of Art. 1 (2017): "
                         + ", ".join(GROUND_RULES))
    if rules.with_prefix("restriction_").empty:
        raise ValueError("table must hold at least one list_rules restriction_* row (scoring_models.csv)")
    return rules


# --- the primary texts: one version of the provisions --------------------------------------------

@dataclass(frozen=True)
class ListingText:
    """One version (2013 or 2017) of the court's listing provisions, from ``data/listing_rules.csv``.

    ``grounds``: item, parameter, rule, text_zh, id, source_id (in the order of Art. 1).
    ``terms``: item -> fixed term in years, or None for no fixed term (until a deletion event).
    ``extension``: (shortest, longest) extension in years of the items in ``extension_items``, or None.
    ``deletion_events``: item, rule, text_zh, id (the events that end an open-ended listing).
    """

    version: str
    precondition: pd.Series
    grounds: pd.DataFrame
    terms: dict[int, float | None]
    term_ids: dict[int, str]
    extension: tuple[int, int] | None
    extension_items: tuple[int, ...]
    extension_id: str | None
    deletion_events: pd.DataFrame

    @property
    def rule_ids(self) -> list[str]:
        """The rows that say who is listed and for how long: precondition, grounds, terms, extension."""
        return list(dict.fromkeys([str(self.precondition["id"]), *self.grounds["id"], *self.term_ids.values(),
                                   *([self.extension_id] if self.extension_id else [])]))

    @property
    def ids(self) -> list[str]:
        """Every row the model reads: ``rule_ids``, then the deletion events."""
        return [*self.rule_ids, *self.deletion_events["id"]]

    @property
    def source_ids(self) -> list[str]:
        """The sources of the rows the model reads, without duplicates."""
        return list(dict.fromkeys([str(self.precondition["source_id"]), *self.grounds["source_id"]]))

    def term_of(self, param: str) -> float | None:
        """The fixed term of a ground (by parameter) in years, or None when it has none."""
        return self.terms[ARTICLE_ITEMS[self.version][param]]

    @property
    def open_ended(self) -> tuple[str, ...]:
        """The ground parameters with no fixed term, in the order of Art. 1."""
        return tuple(p for p in self.grounds["parameter"] if self.term_of(p) is None)


def _items(text: object) -> tuple[int, ...]:
    """'2-6' -> (2, 3, 4, 5, 6); '1' -> (1,); empty -> ()."""
    if text is None or pd.isna(text) or not str(text).strip():
        return ()
    items: list[int] = []
    for part in str(text).replace(" ", "").split(","):
        low, _, high = part.partition("-")
        items.extend(range(int(low), int(high or low) + 1))
    return tuple(items)


def check_version(version: object) -> str:
    """'2013' or '2017' (an int such as 2017 is accepted)."""
    if isinstance(version, (int, np.integer)) and not isinstance(version, bool):
        version = str(int(version))
    return check_choice("version", version, VERSIONS)


def listing_text(version: str = "2017", table: pd.DataFrame | None = None) -> ListingText:
    """The 2013 or 2017 listing provisions as the model reads them from ``listing_rules.csv``.

    Raises ValueError if the data lack a ground, a term for some ground, or the precondition.
    """
    version = check_version(version)
    table = load("listing_rules") if table is None else table
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be the listing_rules table as a DataFrame; got {type(table).__name__}")
    rows = table[(table["regime"].astype(str) == REGIME) & (table["version"].astype("Int64") == int(version))]
    kind = rows["kind"].astype(str)
    pre = rows[kind == "precondition"]
    if len(pre) != 1:
        raise ValueError(f"listing_rules.csv must hold one {version} precondition row of {REGIME}; found {len(pre)}")
    grounds = rows[kind == "ground"].sort_values("item")
    params = {item: p for p, item in ARTICLE_ITEMS[version].items()}
    if sorted(grounds["item"].astype(int)) != sorted(params):
        raise ValueError(f"listing_rules.csv must hold the {version} grounds {', '.join(map(str, sorted(params)))} "
                         f"of {REGIME}; found {', '.join(map(str, grounds['item'].astype(int)))}")
    terms: dict[int, float | None] = {}
    term_ids: dict[int, str] = {}
    for row in rows[kind == "term"].itertuples():  # two or three rows
        for item in _items(row.applies_to_grounds):
            terms[item] = None if pd.isna(row.value) else float(row.value)
            term_ids[item] = str(row.id)
    missing = sorted(set(params) - set(terms))
    if missing:
        raise ValueError(f"listing_rules.csv: no {version} term row covers ground(s) {', '.join(map(str, missing))}")
    ext = rows[kind == "extension"]
    extension, ext_items, ext_id = None, (), None
    if len(ext):
        e = ext.iloc[0]
        extension, ext_items, ext_id = (int(e["value"]), int(e["value_max"])), _items(e["applies_to_grounds"]), str(e["id"])
    events = rows[kind == "deletion-event"].sort_values("item")
    return ListingText(
        version=version, precondition=pre.iloc[0],
        grounds=pd.DataFrame({"item": grounds["item"].astype(int).to_numpy(),
                              "parameter": [params[int(i)] for i in grounds["item"]],
                              "rule": grounds["rule"].astype(str).to_numpy(),
                              "text_zh": grounds["text_zh"].astype(str).to_numpy(),
                              "id": grounds["id"].astype(str).to_numpy(),
                              "source_id": grounds["source_id"].astype(str).to_numpy()}),
        terms=terms, term_ids=term_ids, extension=extension, extension_items=ext_items, extension_id=ext_id,
        deletion_events=pd.DataFrame({"item": events["item"].astype(int).to_numpy(),
                                      "rule": events["rule"].astype(str).to_numpy(),
                                      "text_zh": events["text_zh"].astype(str).to_numpy(),
                                      "id": events["id"].astype(str).to_numpy()}),
    )


def rules_by_version(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The two texts side by side, one row per ground: item and term in 2013 and in 2017, the 2017 rule.

    Columns: parameter, rule (2017 wording), item_2013, item_2017, term_2013, term_2017 (text:
    'no fixed term' or 'two years, extendable by 1-3'), ids. Rows in the order of Art. 1 (2017).
    """
    old, new = listing_text("2013", table), listing_text("2017", table)

    def term_text(text: ListingText, param: str) -> str:
        term = text.term_of(param)
        if term is None:
            return "no fixed term: until a deletion event"
        item = ARTICLE_ITEMS[text.version][param]
        extra = (f", extendable by {text.extension[0]}-{text.extension[1]}"
                 if text.extension and item in text.extension_items else "")
        return f"{term:g} years{extra}"

    g = new.grounds.set_index("parameter")
    return pd.DataFrame([{
        "parameter": p, "rule": g.loc[p, "rule"], "item_2013": ARTICLE_ITEMS["2013"][p],
        "item_2017": ARTICLE_ITEMS["2017"][p], "term_2013": term_text(old, p), "term_2017": term_text(new, p),
        "ids": f"{old.grounds.set_index('parameter').loc[p, 'id']}, {g.loc[p, 'id']}",
    } for p in GROUND_RULES])


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


def _ground_bits(flags: dict[str, np.ndarray], version: str, n: int) -> np.ndarray:
    """One bit per ground met (bit i = the i-th ground of the 2017 order), the version's precondition applied."""
    pre = np.ones(n, dtype=bool)
    for col in PRECONDITIONS[version]:
        pre &= flags[col]
    bits = np.zeros(n, dtype=np.uint8)
    for i, param in enumerate(GROUND_RULES):  # a loop over the six grounds, not over the cases
        met = pre.copy()
        for col in GROUND_RULES[param]:
            met &= flags[col]
        bits |= met.astype(np.uint8) << i
    return bits


@cache
def _tables(version: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Look-up tables over the 64 ground combinations: the first ground met in the version's article
    order (as its 2017 position), the number met, whether an open-ended ground is met, whether a term one is."""
    values = np.arange(64)
    bits = (values[:, None] >> np.arange(6)) & 1
    order = [list(GROUND_RULES).index(p) for p in sorted(ARTICLE_ITEMS[version], key=ARTICLE_ITEMS[version].get)]
    first = np.array(order)[bits[:, order].argmax(axis=1)]
    return first.astype(np.int8), bits.sum(axis=1).astype(np.int8), bits, np.array(order)


def _listing_arrays(flags: Mapping[str, np.ndarray], version: str, extension: int,
                    text: ListingText) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The rule on plain arrays: (listed, outcome code, grounds met, fixed term or NaN, open-ended)."""
    n = len(flags["not_performed"])
    bits = _ground_bits(flags, version, n)
    first_pos, popcount, combo_term, combo_open = _combo_tables(version, extension, text)
    listed = bits != 0
    not_listed = np.where(flags["not_performed"], len(GROUND_RULES), len(GROUND_RULES) + 1)  # cannot pay / performs
    return listed, np.where(listed, first_pos[bits], not_listed), popcount[bits], combo_term[bits], combo_open[bits]


def _combo_tables(version: str, extension: int, text: ListingText) -> tuple[np.ndarray, ...]:
    """Per combination of ground bits: first ground (2017 position), number met, fixed term (NaN if none), open-ended."""
    first_pos, popcount, bit_rows, _ = _tables(version)
    met = bit_rows.astype(bool)
    params = list(GROUND_RULES)
    terms = np.array([np.nan if text.term_of(p) is None else text.term_of(p) for p in params])
    extended = np.array([text.extension is not None and ARTICLE_ITEMS[version][p] in text.extension_items
                         for p in params])
    term_of_combo = np.where(met, terms + np.where(extended, extension, 0), np.nan)
    combo_term = np.fmax.reduce(term_of_combo, axis=1)  # the longest term met; NaN when none is
    return first_pos, popcount, combo_term, (met & np.isnan(terms)).any(axis=1)


def _flags(cases: pd.DataFrame) -> dict[str, np.ndarray]:
    return {c: cases[c].to_numpy(dtype=bool) for c in CASE_COLUMNS}


def _prepare(version: object, extension_years: object, rules: ListRules | None,
             text: ListingText | None) -> tuple[str, int, ListRules, ListingText]:
    version = check_version(version)
    rules = rules if rules is not None else list_rules()
    text = text if text is not None else listing_text(version)
    if not isinstance(text, ListingText) or text.version != version:
        raise ValueError(f"text must be the {version} provisions from listing_text({version!r})")
    return version, check_extension(extension_years, rules), rules, text


def defaulter_listing(cases: pd.DataFrame, *, version: str = "2017", extension_years: int = 0,
                      rules: ListRules | None = None, text: ListingText | None = None) -> pd.DataFrame:
    """Apply one version's listing grounds to every synthetic case (one row per case, same index).

    Columns: ``listed``; ``ground`` (the first ground met in the version's article order, or why not
    listed); ``grounds_met``; ``term_years`` (the fixed term of the term grounds met plus
    ``extension_years``; NaN when no ground with a term is met); ``open_ended`` (True when a ground
    with no fixed term is met: the listing lasts until a deletion event). Inability to pay is never
    a ground, and nobody who has performed is listed. In 2017 the conduct grounds apply whether or
    not the person can pay; in 2013 every ground needed ability to pay. The extension applies only
    to the grounds the text lets it extend (none in 2013, which had no term).
    """
    version, extension, rules, text = _prepare(version, extension_years, rules, text)
    check_cases(cases)
    listed, code, count, term, open_ended = _listing_arrays(_flags(cases), version, extension, text)
    return pd.DataFrame({
        "listed": listed,
        "ground": pd.Categorical.from_codes(code, dtype=rules.outcome_dtype),
        "grounds_met": count,
        "term_years": term,
        "open_ended": open_ended,
    }, index=cases.index)


def grounds_met(case: Mapping[str, bool], version: str = "2017", rules: ListRules | None = None) -> list[str]:
    """The grounds (data parameters) one case meets, in the version's article order; the same rule as
    ``defaulter_listing``."""
    version = check_version(version)
    clean = _check_case(case)
    if not all(clean[c] for c in PRECONDITIONS[version]):
        return []
    order = sorted(ARTICLE_ITEMS[version], key=ARTICLE_ITEMS[version].get)
    return [p for p in order if all(clean[c] for c in GROUND_RULES[p])]


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
    """(still listed?, years left) ``years_since_listing`` years after listing, for a fixed term in years.

    The toy assumes a fixed-term listing runs its whole term; the years left are 0 once it has ended.
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


def example_cases() -> pd.DataFrame:
    """Six SYNTHETIC cases, one per row, indexed by letter (notebook 05's first exercise).

    a could pay and has not; b cannot pay; c cannot pay and has hidden assets; d could pay and has
    paid; e cannot pay and has broken a settlement agreement; f has paid, but had earlier failed
    to report their property to the court.
    """
    rows = {  # able_to_pay, not_performed, obstructs, evades, property report, consumption order, settlement
        "a": (True, True, False, False, False, False, False),
        "b": (False, True, False, False, False, False, False),
        "c": (False, True, False, True, False, False, False),
        "d": (True, False, False, False, False, False, False),
        "e": (False, True, False, False, False, False, True),
        "f": (True, False, False, False, True, False, False),
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(CASE_COLUMNS)).rename_axis("case")


def synthetic_cases(n: int = 100_000, seed: int = CASES_SEED) -> pd.DataFrame:
    """``n`` SYNTHETIC court-enforcement cases with the ``CASE_COLUMNS`` flags (seeded, illustrative shares).

    Toy story: a share of people can pay; some of those do not; people who cannot pay do not
    perform either (``not_performed`` is True for them, which alone is no ground); each conduct
    ground occurs independently with a small illustrative share. ``event_draw`` (0-1] is each
    synthetic debtor's draw for when a deletion event would end an open-ended listing
    (``listing_durations`` turns it into years).
    """
    n = int(check_number("n", n, low=1, high=MAX_CASES, integer=True))
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    rng = np.random.default_rng(seed)
    shares = ILLUSTRATIVE_CASE_SHARES
    draws = rng.random((n, 8))
    able = draws[:, 0] < shares["able_to_pay"]
    return pd.DataFrame({
        "case": np.arange(1, n + 1),
        "able_to_pay": able,
        "not_performed": np.where(able, draws[:, 1] < shares["not_performed_if_able"], True),
        "obstructs": draws[:, 2] < shares["obstructs"],
        "evades": draws[:, 3] < shares["evades"],
        "breaches_property_report": draws[:, 4] < shares["breaches_property_report"],
        "breaches_consumption_order": draws[:, 5] < shares["breaches_consumption_order"],
        "reneges_settlement": draws[:, 6] < shares["reneges_settlement"],
        "event_draw": 1.0 - draws[:, 7],  # in (0, 1], so its logarithm is finite
    })


# --- how long synthetic debtors stay listed -----------------------------------------------------

def check_chance(annual_deletion_chance: object) -> float:
    """A share between the bounds of ``DELETION_CHANCE_RANGE`` (0-1, not percent)."""
    low, high = DELETION_CHANCE_RANGE
    return check_number("annual_deletion_chance", annual_deletion_chance, low=low, high=high)


def years_to_event(event_draw: np.ndarray, annual_deletion_chance: float) -> np.ndarray:
    """Years until a deletion event for each draw in (0, 1], at a constant chance per year (exponential)."""
    chance = check_chance(annual_deletion_chance)
    return np.log(event_draw) / np.log1p(-chance)


def _check_draws(cases: pd.DataFrame) -> np.ndarray:
    if "event_draw" not in cases.columns:
        raise ValueError("cases is missing column event_draw; make the cases with synthetic_cases()")
    draw = cases["event_draw"].to_numpy(dtype=float)
    if not ((draw > 0) & (draw <= 1)).all():
        raise ValueError("cases['event_draw'] must lie in (0, 1]")
    return draw


def _check_switch(name: str, value: object) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {type(value).__name__} {value!r}")
    return bool(value)


def _duration_arrays(listed: np.ndarray, term: np.ndarray, open_ended: np.ndarray, event: np.ndarray,
                     early_deletion: bool, horizon: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(reason code: 0 open-ended, 1 term, 2 both, -1 not listed; years listed capped at the horizon; still listed)."""
    has_term = ~np.isnan(term)
    term_end = np.minimum(term, event) if early_deletion else term
    end = np.where(open_ended, np.where(has_term, np.fmax(term_end, event), event), term_end)
    reason = np.where(open_ended, np.where(has_term, 2, 0), 1).astype(np.int8)
    reason = np.where(listed, reason, -1).astype(np.int8)
    years = np.where(listed, np.minimum(end, horizon), np.nan)
    return reason, years, listed & (end > horizon)


def listing_durations(cases: pd.DataFrame, *, version: str = "2017", extension_years: int = 0,
                      annual_deletion_chance: float = ILLUSTRATIVE_ANNUAL_DELETION_CHANCE,
                      early_deletion: bool = False, horizon_years: float = ILLUSTRATIVE_HORIZON_YEARS,
                      rules: ListRules | None = None, text: ListingText | None = None) -> pd.DataFrame:
    """How long each SYNTHETIC debtor stays listed under one version of the provisions (toy).

    ``defaulter_listing``'s columns plus: ``reason`` ('open_ended', 'term', 'both'; missing when not
    listed), ``years_listed`` (capped at ``horizon_years``; NaN when not listed) and
    ``still_listed`` (listed and not yet deleted after ``horizon_years``). A fixed-term listing
    ends when its term ends, or, with ``early_deletion``, earlier if the debtor performs first (the
    court *may* delete early, Art. 2: an illustrative switch); an open-ended listing ends at the
    debtor's deletion event (``event_draw`` at the illustrative ``annual_deletion_chance``). A case
    under both stays listed until both listings have ended (the toy's reading).
    """
    version, extension, rules, text = _prepare(version, extension_years, rules, text)
    check_cases(cases)
    draw = _check_draws(cases)
    early = _check_switch("early_deletion", early_deletion)
    horizon = check_horizon(horizon_years)
    event = years_to_event(draw, annual_deletion_chance)
    listed, code, count, term, open_ended = _listing_arrays(_flags(cases), version, extension, text)
    reason, years, still = _duration_arrays(listed, term, open_ended, event, early, horizon)
    return pd.DataFrame({
        "listed": listed, "ground": pd.Categorical.from_codes(code, dtype=rules.outcome_dtype),
        "grounds_met": count, "term_years": term, "open_ended": open_ended,
        "reason": pd.Categorical.from_codes(reason, categories=list(REASONS)),
        "years_listed": years, "still_listed": still,
    }, index=cases.index)


@dataclass(frozen=True)
class CourtListUpdate:
    """Everything one update of the court-list panel shows (both texts, the chosen one first)."""

    version: str                # the text the student chose
    other: str                  # the other text, for comparison
    summary: pd.DataFrame       # one row per version (chosen first): see ``durations_summary``
    bins: pd.DataFrame          # debtors per version, year bin and reason (the chart's data)
    horizon_years: int
    annual_deletion_chance: float
    extension_years: int
    early_deletion: bool

    def row(self, version: str) -> pd.Series:
        """The summary of one version."""
        return self.summary.set_index("version").loc[check_version(version)]


def check_horizon(horizon_years: object) -> int:
    """A whole number of years within ``HORIZON_RANGE``."""
    low, high = HORIZON_RANGE
    return int(check_number("horizon_years", horizon_years, low=low, high=high, integer=True))


def year_bins(horizon_years: int = ILLUSTRATIVE_HORIZON_YEARS) -> list[str]:
    """The labels of the chart's bins: whole years listed ('0-1', '1-2' ...), then 'N+' (still listed after N)."""
    horizon = check_horizon(horizon_years)
    return [f"{a}-{a + 1}" for a in range(horizon)] + [f"{horizon}+"]


def year_bin(years: np.ndarray, horizon: int) -> np.ndarray:
    """The bin of each time on the list: whole years 0 ... horizon - 1, or ``horizon`` for longer than the horizon."""
    return np.where(years > horizon, horizon, np.minimum(np.floor(years), horizon - 1)).astype(np.int64)


def durations_summary(counts: np.ndarray, version: str, debtors: int) -> dict:
    """Headline numbers of one version from its (reason x year bin) counts of listed debtors.

    Keys: version, debtors, listed, open_ended, term_only, both (listed debtors by reason),
    five_or_more and share_five_or_more (listed for five years or longer, of the listed),
    still_listed and share_still_listed (after the horizon, of the listed).
    """
    listed = int(counts.sum())
    by_reason = counts.sum(axis=1)
    long_ = int(counts[:, LONG_YEARS:].sum())
    still = int(counts[:, -1].sum())
    share = (lambda k: k / listed) if listed else (lambda k: float("nan"))
    return {"version": version, "debtors": int(debtors), "listed": listed, "open_ended": int(by_reason[0]),
            "term_only": int(by_reason[1]), "both": int(by_reason[2]), "five_or_more": long_,
            "share_five_or_more": share(long_), "still_listed": still, "share_still_listed": share(still)}


_TYPES = np.arange(2 ** len(CASE_COLUMNS))
_TYPE_FLAGS = {c: ((_TYPES >> i) & 1).astype(bool) for i, c in enumerate(CASE_COLUMNS)}  # every kind of case


def _case_types(flags: Mapping[str, np.ndarray]) -> np.ndarray:
    """Each case as one small number: bit i set when flag ``CASE_COLUMNS[i]`` is True (128 kinds of case)."""
    kinds = np.zeros(len(flags[CASE_COLUMNS[0]]), dtype=np.int64)
    for i, c in enumerate(CASE_COLUMNS):  # seven flags, not rows
        kinds |= flags[c].astype(np.int64) << i
    return kinds


def court_list_update(version: str, extension_years: int, annual_deletion_chance: float, early_deletion: bool,
                      cases: pd.DataFrame, rules: ListRules | None = None,
                      texts: Mapping[str, ListingText] | None = None,
                      horizon_years: int = ILLUSTRATIVE_HORIZON_YEARS) -> CourtListUpdate:
    """One update of the court-list panel: the synthetic debtors under both texts, binned by years listed.

    The same outcome as binning ``listing_durations`` (tested), computed on the 128 kinds of case:
    every case is counted once by its kind and the year bin of its deletion event, and each text's
    rule turns that table into (reason, year bin) counts. Chart data: debtors per (version, year bin,
    reason), every combination present, the chosen version first; ``summary`` holds the headline numbers.
    """
    version = check_version(version)
    rules = rules if rules is not None else list_rules()
    texts = dict(texts) if texts is not None else {v: listing_text(v) for v in VERSIONS}
    extension = check_extension(extension_years, rules)
    chance = check_chance(annual_deletion_chance)
    early = _check_switch("early_deletion", early_deletion)
    horizon = check_horizon(horizon_years)
    labels = year_bins(horizon)
    check_cases(cases)
    n_bins, n_types = horizon + 1, len(_TYPES)
    event_bin = year_bin(years_to_event(_check_draws(cases), chance), horizon)
    table = np.bincount(_case_types(_flags(cases)) * n_bins + event_bin,
                        minlength=n_types * n_bins).reshape(n_types, n_bins)  # cases by kind and event bin
    other = next(v for v in VERSIONS if v != version)
    eb = np.arange(n_bins)[None, :]
    summaries, counts = [], []
    for v in (version, other):  # two texts, not rows
        listed, _code, _count, term, open_ended = _listing_arrays(_TYPE_FLAGS, v, extension, texts[v])
        has_term = ~np.isnan(term)
        term_bin = year_bin(np.where(has_term, term, 0.0), horizon)[:, None]
        term_end = np.minimum(term_bin, eb) if early else np.broadcast_to(term_bin, (n_types, n_bins))
        out_bin = np.where(open_ended[:, None], np.where(has_term[:, None], np.maximum(term_end, eb), eb), term_end)
        reason = np.where(open_ended, np.where(has_term, 2, 0), 1)
        keep = np.broadcast_to(listed[:, None], (n_types, n_bins))
        index = (np.broadcast_to(reason[:, None], (n_types, n_bins)) * n_bins + out_bin)[keep]
        by = np.bincount(index, weights=table[keep], minlength=len(REASONS) * n_bins).astype(np.int64)
        counts.append(by.reshape(len(REASONS), n_bins))
        summaries.append(durations_summary(counts[-1], v, len(cases)))
    k, b = len(REASONS), len(labels)
    bins = pd.DataFrame({
        "version": np.repeat([version, other], b * k), "chosen": np.repeat([True, False], b * k),
        "bin": np.tile(np.repeat(labels, k), 2), "bin_order": np.tile(np.repeat(np.arange(b), k), 2),
        "reason": np.tile(list(REASONS), 2 * b), "reason_label": np.tile(list(REASONS.values()), 2 * b),
        "debtors": np.concatenate([c.T.ravel() for c in counts]),
    })
    return CourtListUpdate(version=version, other=other, summary=pd.DataFrame(summaries), bins=bins,
                           horizon_years=horizon, annual_deletion_chance=chance, extension_years=extension,
                           early_deletion=early)
