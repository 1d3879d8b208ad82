"""The SYNTHETIC firms of the firms' lists toy (notebook 02): the illustrative chances that drive them,
their seeded draws and their years. The rules applied to them, the shares, one firm's story and the
panel's update are ``widgets.models.firm_lists``, which re-exports this module's names.

Every chance here is illustrative (``ILLUSTRATIVE_*``): chosen by the kit to make the toy readable, not a
fact; no real firm is modelled. The draws are made once per (number of firms, years, seed) and kept, so
that the dormant share, which only decides which firms are dormant, moves a threshold over the same
draws instead of drawing the firms again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..checks import check_number

# --- illustrative parameters: chosen by the kit to make the toy readable, NOT facts ---------------
ILLUSTRATIVE_DORMANT_SHARE = 0.08      # share of synthetic firms that are dormant (rarely file)
ILLUSTRATIVE_FILES_ACTIVE = 0.95       # chance an active firm files its report on time in a year
ILLUSTRATIVE_FILES_DORMANT = 0.30      # chance a dormant firm files on time in a year
ILLUSTRATIVE_UNREACHABLE_ACTIVE = 0.01   # chance an active firm cannot be reached in a year
ILLUSTRATIVE_UNREACHABLE_DORMANT = 0.30  # chance a dormant firm cannot be reached in a year
ILLUSTRATIVE_FALSE_INFO = 0.005        # chance a firm's published information is found false in a year
ILLUSTRATIVE_GRAVE_VIOLATION = 0.01    # chance of a grave violation in a year
ILLUSTRATIVE_HEAVIER_PENALTY = 0.5     # share of grave violations that draw a heavier penalty
ILLUSTRATIVE_APPLIES_EARLY = 0.6       # share of firms that apply for early removal when they may
ILLUSTRATIVE_YEARS = 12                # toy years simulated
# Seed of the synthetic firms: 2015, the year of the unified social credit code. Any fixed number would
# do, but the committed notebooks show these firms, so changing it changes their outputs.
FIRMS_SEED = 2015
DEFAULT_FIRMS = 50_000   # enough for shares to a tenth of a percent; the sandbox kernel must stay within 200 MB
MAX_FIRMS = 500_000
MAX_YEARS = 30

EVENT_COLUMNS: tuple[str, ...] = ("files", "reachable", "false_info", "grave_violation", "heavier_penalty")


# --- the synthetic firms -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Firms:
    """SYNTHETIC firms' years: boolean arrays of shape (years, firms), year-major so that one year of
    every firm is one contiguous row, and per-firm flags."""

    files: np.ndarray            # filed the annual report on time that year
    reachable: np.ndarray        # could be reached at the registered address
    false_info: np.ndarray       # published information found to be false
    grave_violation: np.ndarray  # a grave violation of the law that year
    heavier_penalty: np.ndarray  # ... that drew a heavier administrative penalty
    applies_early: np.ndarray    # (firms,) would apply for early removal when allowed (2021)
    dormant: np.ndarray          # (firms,) a dormant firm (rarely files); the toy's only kind of difference

    @property
    def shape(self) -> tuple[int, int]:
        """(firms, years)."""
        return self.files.shape[1], self.files.shape[0]


def synthetic_firms(n: int = DEFAULT_FIRMS, years: int = ILLUSTRATIVE_YEARS, seed: int = FIRMS_SEED,
                    dormant_share: float = ILLUSTRATIVE_DORMANT_SHARE) -> Firms:
    """``n`` SYNTHETIC firms over ``years`` toy years (seeded; every chance illustrative; read-only arrays,
    made once per setting)."""
    n, years, seed = check_firms(n), check_years(years), _check_seed(seed)
    return _synthetic_firms(n, years, seed, check_number("dormant_share", dormant_share, low=0, high=1))


@dataclass(frozen=True)
class _Draws:
    """The seeded draws behind the firms, kept once per (n, years, seed) so that moving the dormant share
    (a threshold) does not draw again: per firm, its dormancy draw and whether it would apply early; per
    year and firm, each event's outcome, for an active and for a dormant firm where the chance differs."""

    dormancy: np.ndarray          # (firms,) uniform draw: dormant when below the dormant share
    applies_early: np.ndarray     # (firms,)
    files: np.ndarray             # (2, years, firms): as an active firm, as a dormant firm
    reachable: np.ndarray         # (2, years, firms)
    other: np.ndarray             # (3, years, firms): false_info, grave_violation, heavier_penalty


@lru_cache(maxsize=1)
def _draws(n: int, years: int, seed: int) -> _Draws:
    # Drawn year by year, so that no more than one year's uniform draws exist at a time (memory)
    rng = np.random.default_rng(seed)
    per_firm = rng.random((n, 2))
    files = np.empty((2, years, n), dtype=bool)
    reachable = np.empty((2, years, n), dtype=bool)
    other = np.empty((3, years, n), dtype=bool)
    for t in range(years):
        u = rng.random((len(EVENT_COLUMNS), n), dtype=np.float32)
        for kind, (files_chance, unreachable_chance) in enumerate((
                (ILLUSTRATIVE_FILES_ACTIVE, ILLUSTRATIVE_UNREACHABLE_ACTIVE),
                (ILLUSTRATIVE_FILES_DORMANT, ILLUSTRATIVE_UNREACHABLE_DORMANT))):
            np.less(u[0], np.float32(files_chance), out=files[kind, t])
            np.greater_equal(u[1], np.float32(unreachable_chance), out=reachable[kind, t])
        np.less(u[2], ILLUSTRATIVE_FALSE_INFO, out=other[0, t])
        np.less(u[3], ILLUSTRATIVE_GRAVE_VIOLATION, out=other[1, t])
        np.logical_and(other[1, t], u[4] < ILLUSTRATIVE_HEAVIER_PENALTY, out=other[2, t])
    draws = _Draws(dormancy=per_firm[:, 0].copy(), applies_early=per_firm[:, 1] < ILLUSTRATIVE_APPLIES_EARLY,
                   files=files, reachable=reachable, other=other)
    for array in vars(draws).values():
        array.flags.writeable = False
    return draws


@lru_cache(maxsize=2)
def _synthetic_firms(n: int, years: int, seed: int, dormant_share: float) -> Firms:
    # the same seed gives the same firms whatever the dormant share, which only moves a threshold
    draws = _draws(n, years, seed)
    dormant = draws.dormancy < dormant_share
    firms = Firms(np.where(dormant, draws.files[1], draws.files[0]),
                  np.where(dormant, draws.reachable[1], draws.reachable[0]),
                  *draws.other, applies_early=draws.applies_early, dormant=dormant)
    for array in vars(firms).values():
        array.flags.writeable = False
    return firms


def firms_from_events(events: pd.DataFrame, applies_early: bool = True) -> Firms:
    """One firm from a table of its years (columns ``EVENT_COLUMNS``, True/False, one row per year):
    for a story told by hand (an exercise) rather than drawn."""
    if not isinstance(events, pd.DataFrame) or events.empty:
        raise TypeError(f"events must be a non-empty DataFrame with True/False columns {', '.join(EVENT_COLUMNS)}")
    missing = [c for c in EVENT_COLUMNS if c not in events.columns]
    if missing:
        raise ValueError(f"events is missing column(s) {', '.join(missing)}; needed: {', '.join(EVENT_COLUMNS)}")
    for column in EVENT_COLUMNS:
        if not pd.api.types.is_bool_dtype(events[column]) or events[column].isna().any():
            raise TypeError(f"events[{column!r}] must hold True/False values")
    check_years(len(events))
    arrays = {c: events[c].to_numpy(dtype=bool)[:, None] for c in EVENT_COLUMNS}
    arrays["heavier_penalty"] = arrays["heavier_penalty"] & arrays["grave_violation"]
    return Firms(**arrays, applies_early=np.array([bool(applies_early)]), dormant=np.array([False]))


# --- checks --------------------------------------------------------------------------------------------
def check_firms(n: object) -> int:
    """The number of synthetic firms: a whole number from 1 to ``MAX_FIRMS``."""
    return int(check_number("n", n, low=1, high=MAX_FIRMS, integer=True))


def check_years(years: object) -> int:
    """The number of toy years: a whole number from 1 to ``MAX_YEARS``."""
    return int(check_number("years", years, low=1, high=MAX_YEARS, integer=True))


def _check_seed(seed: object) -> int:
    return int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
