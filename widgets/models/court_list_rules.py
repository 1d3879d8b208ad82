"""The court defaulter rule as the 2013 and 2017 texts state it (notebooks 03 and 05): who is listed, on which ground, for what term.

Published, from the primary texts (``data/listing_rules.csv``; fact base F2-F10): the six grounds
of Art. 1 in the 2013 text and in the text as amended in 2017, each text's precondition (2013: the
debtor was able to perform and did not, for every ground; 2017: the debtor has not performed, and
"able but refuses" is ground 1 of its own), the terms (2017: two years, extendable by one to three,
for grounds 2-6 only; ground 1, and every 2013 listing: no fixed term, until a deletion event) and
the deletion events. From ``data/scoring_models.csv`` (model ``list_rules``): the toy's short label
of each ground, the restrictions [S31][S34][S40][S70], the memorandum counts [S27][S28]. The
synthetic cases, how long their debtors stay listed and the panel's update are
``widgets.models.court_list`` (which re-exports this module's names); what the agencies do with
the list is ``widgets.models.joint_punishment``. Vectorized over cases: loops run over the few
grounds only.

A case is one row with these True/False columns (``CASE_COLUMNS``):

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
                         f"add them to widgets.models.court_list_rules.GROUND_RULES (known: {', '.join(GROUND_RULES)})")
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


def listing_arrays(flags: Mapping[str, np.ndarray], version: str, extension: int,
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


def case_flags(cases: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each ``CASE_COLUMNS`` flag of checked cases as a NumPy bool array."""
    return {c: cases[c].to_numpy(dtype=bool) for c in CASE_COLUMNS}


def check_rule_inputs(version: object, extension_years: object, rules: ListRules | None,
             text: ListingText | None) -> tuple[str, int, ListRules, ListingText]:
    """The checked version, extension, rules and text of one listing call (defaults read from the data)."""
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
    version, extension, rules, text = check_rule_inputs(version, extension_years, rules, text)
    check_cases(cases)
    listed, code, count, term, open_ended = listing_arrays(case_flags(cases), version, extension, text)
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

