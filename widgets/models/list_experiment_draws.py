"""A TOY list experiment (notebook 07), its design and draws: the published design, the assumptions,
the SYNTHETIC respondents and one synthetic survey as a researcher sees it. The estimates of every
replicate, their summaries and the panel's update are ``widgets.models.list_experiment``, which
re-exports this module's names.

The story (a toy, not a finding): each SYNTHETIC respondent truly supports a policy or not. Some of
those who do not support it *hide* their view: asked directly, they say they support it. A list
experiment (item-count technique) gives a random half of the respondents a list of non-sensitive
control items (the *short* list) and the other half the same list plus the sensitive item (the
*long* list); respondents say only **how many** items apply to them, so nobody reveals their answer
to the sensitive item. The difference between the two groups' mean counts estimates the share
holding the sensitive view (fact base L6.2-L6.3). The toy assumes the method's assumptions hold
(L6.4): assignment is random, adding the item changes no answer to the control items, and nobody
lies in the count. Every respondent is also asked the question directly.

Published inputs (``data/scoring_models.csv``, model ``list_experiment``, source S144): the design of
Blair, Coppock & Humphreys's declared list experiment (three control items, each answered yes with
chance 0.5; 500 respondents split 250 / 250; prevalence 0.3), so the simulator can be checked against
their figures (L6.9). Illustrative (source ``kit``): the true share who support (0.5) and the share of
opponents who hide their view (0.5). No list experiment on support for the social credit system was
found (L5): the simulator is a toy, not a replication.

Vectorized with NumPy over respondents and over ``replicates`` repeated synthetic surveys. The random
draws are made once per (seed, replicates, control design), in blocks of respondents, and reused: a
larger sample adds respondents to the same surveys, and moving the true share or the hiding share
only moves thresholds over the same draws ("common random numbers").
"""


from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ..checks import check_number, check_table
from ..data import PublishedRows

MODEL = "list_experiment"
# --- illustrative parameters: chosen by the kit to make the toy work, NOT facts --------------
ILLUSTRATIVE_REPLICATES = 500   # repeated synthetic surveys, to show how much an estimate varies
# Seed of the synthetic respondents: 2019, the year Robinson & Tannenberg published their list
# experiments. Any fixed number would do, but the committed notebooks show these respondents.
RESPONDENTS_SEED = 2019

MIN_SAMPLE, MAX_SAMPLE = 100, 10_000   # respondents per survey (each list gets about half)
MAX_REPLICATES = 2_000
MAX_CONTROL_ITEMS = 8
BLOCK = 500                            # respondents per list drawn at a time (draws grow by blocks)

PUBLISHED_PARAMETERS = ("control_items", "control_item_probability", "sample_size", "prevalence",
                        "ci_width_simulated")
ILLUSTRATIVE_PARAMETERS = ("true_support", "hiding_share")




class ListDesign(PublishedRows):
    """The ``list_experiment`` rows of ``scoring_models.csv``: the published design and the toy's two shares."""

    @property
    def control_items(self) -> int:
        """Non-sensitive items on the short list (published: 3)."""
        return int(self.value("control_items"))

    @property
    def control_item_probability(self) -> float:
        """Chance that a respondent says yes to each control item (published: 0.5)."""
        return float(self.value("control_item_probability"))

    @property
    def sample_size(self) -> int:
        """Respondents in the published design (500, split 250 / 250)."""
        return int(self.value("sample_size"))

    @property
    def prevalence(self) -> float:
        """Share holding the sensitive trait in the published design (0.3)."""
        return float(self.value("prevalence"))

    def status(self, parameter: str) -> str:
        """'published' or 'illustrative', as the data say."""
        return str(self.row(parameter)["status"])


@lru_cache(maxsize=1)
def published_design() -> ListDesign:
    """The list-experiment rows of ``data/scoring_models.csv`` (published design, illustrative shares)."""
    return ListDesign.read(MODEL, required=("estimator_difference_in_means", "assumption_no_design_effect",
                                            "assumption_no_liars"),
                           numbers=PUBLISHED_PARAMETERS + ILLUSTRATIVE_PARAMETERS,
                           published=PUBLISHED_PARAMETERS)


def _default(parameter: str) -> float:
    return float(published_design().value(parameter))


@dataclass(frozen=True)
class Assumptions:
    """Every parameter of the toy list experiment; validated on construction. Shares are 0-1."""

    true_support: float = field(default_factory=lambda: _default("true_support"), metadata={
        "label": "Synthetic respondents who truly support", "kind": "share", "row": "true_support"})
    """Share of synthetic respondents who truly support the policy (illustrative)."""
    hiding_share: float = field(default_factory=lambda: _default("hiding_share"), metadata={
        "label": "Opponents who say 'support' when asked directly", "kind": "share", "row": "hiding_share"})
    """Share of the true opponents who hide their view in the direct question (illustrative)."""
    sample_size: int = field(default_factory=lambda: int(_default("sample_size")), metadata={
        "label": "Respondents per survey (half get each list)", "kind": "count", "row": "sample_size"})
    """Respondents per synthetic survey; the long list goes to ``sample_size - sample_size // 2`` of them."""
    control_items: int = field(default_factory=lambda: int(_default("control_items")), metadata={
        "label": "Control items on the short list", "kind": "count", "row": "control_items"})
    """Non-sensitive items on the short list (published design: 3)."""
    control_item_probability: float = field(default_factory=lambda: _default("control_item_probability"),
                                            metadata={"label": "Chance of 'yes' to each control item",
                                                      "kind": "share", "row": "control_item_probability"})
    """Chance that a respondent says yes to each control item (published design: 0.5)."""
    replicates: int = field(default=ILLUSTRATIVE_REPLICATES, metadata={
        "label": "Repeated synthetic surveys", "kind": "count", "row": None})
    """How many synthetic surveys of the same design are drawn, to show how much estimates vary."""
    seed: int = field(default=RESPONDENTS_SEED, metadata={
        "label": "Seed of the synthetic respondents", "kind": "seed", "row": None})
    """Seed of the random draws; same seed, same respondents."""

    def __post_init__(self) -> None:
        for name in ("true_support", "hiding_share", "control_item_probability"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), low=0, high=1))
        object.__setattr__(self, "sample_size", int(check_number(
            "sample_size", self.sample_size, low=MIN_SAMPLE, high=MAX_SAMPLE, integer=True)))
        object.__setattr__(self, "control_items", int(check_number(
            "control_items", self.control_items, low=1, high=MAX_CONTROL_ITEMS, integer=True)))
        object.__setattr__(self, "replicates", int(check_number(
            "replicates", self.replicates, low=1, high=MAX_REPLICATES, integer=True)))
        object.__setattr__(self, "seed", int(check_number("seed", self.seed, low=0, high=2**32 - 1, integer=True)))

    @property
    def long_size(self) -> int:
        """Respondents given the long list (the treatment group)."""
        return self.sample_size - self.sample_size // 2

    @property
    def short_size(self) -> int:
        """Respondents given the short list (the control group)."""
        return self.sample_size // 2

    @property
    def says_support(self) -> float:
        """Share who say 'support' when asked directly: supporters plus the opponents who hide."""
        return self.true_support + self.hiding_share * (1.0 - self.true_support)


def check_assumptions(assumptions: object) -> Assumptions:
    """Check that ``assumptions`` is an ``Assumptions`` (they check their own values when made)."""
    if not isinstance(assumptions, Assumptions):
        raise TypeError(f"assumptions must be a list_experiment.Assumptions; got {type(assumptions).__name__}")
    return assumptions


def published_design_assumptions(**changes: object) -> Assumptions:
    """The published design of fact base L6.9: prevalence 0.3, nobody hiding, 500 respondents, 3 items at 0.5."""
    design = published_design()
    values = dict(true_support=design.prevalence, hiding_share=0.0, sample_size=design.sample_size,
                  control_items=design.control_items, control_item_probability=design.control_item_probability)
    values.update(changes)
    return Assumptions(**values)


# --- the synthetic respondents --------------------------------------------------------------------
@dataclass(frozen=True)
class Draws:
    """The random draws of ``replicates`` synthetic surveys, per list; columns are respondents.

    A respondent with view draw ``u`` truly supports when ``u < true_support`` and says 'support'
    when asked directly when ``u < says_support`` (so the hiders are the opponents just above the
    supporters). ``count`` is how many control items apply to them.
    """

    long_view: np.ndarray     # (replicates, m) float32 uniform view draws of the long-list respondents
    long_count: np.ndarray    # (replicates, m) int8 control items that apply to them
    short_view: np.ndarray    # (replicates, m) the same for the short-list respondents
    short_count: np.ndarray   # (replicates, m)

    @property
    def per_list(self) -> int:
        """Respondents drawn per list so far."""
        return self.long_view.shape[1]


_DRAWS: OrderedDict[tuple, Draws] = OrderedDict()   # (seed, replicates, J, p) -> draws made so far
_DRAWS_KEPT = 2


def draws(assumptions: Assumptions, per_list: int | None = None) -> Draws:
    """The draws for at least ``per_list`` respondents per list (default: the assumptions' long list).

    Made in blocks of ``BLOCK`` respondents, each from its own seeded generator, so the first
    respondents are the same however many are drawn; cached per (seed, replicates, control design).
    """
    a = check_assumptions(assumptions)
    need = a.long_size if per_list is None else int(per_list)
    key = (a.seed, a.replicates, a.control_items, a.control_item_probability)
    kept = _DRAWS.get(key)
    if kept is None or kept.per_list < need:
        have = 0 if kept is None else kept.per_list
        blocks = [_block(key, b) for b in range(have // BLOCK, -(-need // BLOCK))]
        parts = [kept] if kept is not None else []
        kept = _DRAWS[key] = Draws(*(
            _frozen(np.concatenate([getattr(p, name) for p in parts] + [blk[i] for blk in blocks], axis=1))
            for i, name in enumerate(("long_view", "long_count", "short_view", "short_count"))))
        while len(_DRAWS) > _DRAWS_KEPT:
            _DRAWS.popitem(last=False)
    _DRAWS.move_to_end(key)
    return kept


def _block(key: tuple, block: int) -> tuple[np.ndarray, ...]:
    seed, replicates, items, probability = key
    rng = np.random.default_rng([seed, block])
    out = []
    for _ in ("long", "short"):
        out.append(rng.random((replicates, BLOCK), dtype=np.float32))
        out.append(rng.binomial(items, probability, size=(replicates, BLOCK)).astype(np.int8))
    return tuple(out)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def view_thresholds(assumptions: Assumptions) -> tuple[float, float]:
    """(true_support, says_support) as the float32 thresholds the view draws are compared with."""
    a = check_assumptions(assumptions)
    return float(np.float32(a.true_support)), float(np.float32(a.says_support))


def clear_draws() -> None:
    """Forget the cached draws and count sums (they are remade from the seed when needed)."""
    _DRAWS.clear()
    count_sums.cache_clear()


# --- one synthetic survey, as a table ---------------------------------------------------------------
LIST_LABELS = ("short", "long")


def one_survey(assumptions: Assumptions | None = None, replicate: int = 0) -> pd.DataFrame:
    """One synthetic survey's answers, the way a researcher would see them (no true views):

    respondent (1..n), list_version ('long' or 'short'), items_counted (0..J or J+1),
    says_support_directly (bool). Long-list respondents come first; sorted by respondent.
    """
    a = Assumptions() if assumptions is None else check_assumptions(assumptions)
    r = int(check_number("replicate", replicate, low=0, high=a.replicates - 1, integer=True))
    d = draws(a)
    m1, m0 = a.long_size, a.short_size
    long_view, short_view = d.long_view[r, :m1], d.short_view[r, :m0]
    counts = np.concatenate([d.long_count[r, :m1] + (long_view < np.float32(a.true_support)),
                             d.short_count[r, :m0]]).astype(np.int64)
    says = np.concatenate([long_view, short_view]) < np.float32(a.says_support)
    return pd.DataFrame({
        "respondent": np.arange(1, a.sample_size + 1),
        "list_version": pd.Categorical(np.repeat(["long", "short"], [m1, m0]), categories=list(LIST_LABELS)),
        "items_counted": counts,
        "says_support_directly": says,
    })


def _survey_columns(respondents: object) -> pd.DataFrame:
    frame = check_table("respondents", respondents, ("list_version", "items_counted", "says_support_directly"),
                        what="one synthetic survey, as one_survey() returns it")
    counts = frame["items_counted"]
    if not pd.api.types.is_numeric_dtype(counts) or pd.api.types.is_bool_dtype(counts) or counts.isna().any():
        raise TypeError("respondents['items_counted'] must hold whole numbers (items counted); "
                        f"it has dtype {counts.dtype}")
    versions = set(frame["list_version"].astype(str))
    if not versions <= set(LIST_LABELS) or len(versions) < 2:
        raise ValueError("respondents['list_version'] must hold both 'long' and 'short' (and nothing else); "
                         f"got {sorted(versions)}")
    return frame


def difference_in_means(respondents: pd.DataFrame) -> float:
    """The list experiment's estimate, in percent: mean count of the long list minus that of the short list, x 100."""
    frame = _survey_columns(respondents)
    means = frame.groupby(frame["list_version"].astype(str))["items_counted"].mean()
    return float((means["long"] - means["short"]) * 100)


def direct_share(respondents: pd.DataFrame) -> float:
    """The share (percent) who said 'support' when asked directly."""
    frame = _survey_columns(respondents)
    return float(frame["says_support_directly"].astype(bool).mean() * 100)



# --- the control counts, which do not depend on anyone's view ------------------------------------------
def draws_key(a: Assumptions) -> tuple:
    """The key of the cached draws of these assumptions: (seed, replicates, control items, their chance)."""
    return (a.seed, a.replicates, a.control_items, a.control_item_probability)


@lru_cache(maxsize=4)
def count_sums(key: tuple, which: str, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the first ``m`` respondents of one list: the counts as float32 (exact for such small whole
    numbers), and their sum and sum of squares per replicate. They do not depend on anyone's view."""
    counts = getattr(_DRAWS[key], f"{which}_count")[:, :m].astype(np.float32)
    total = counts.sum(axis=1, dtype=np.float64)
    squares = np.einsum("ij,ij->i", counts, counts, dtype=np.float64)
    for array in (counts, total, squares):
        array.flags.writeable = False
    return counts, total, squares

