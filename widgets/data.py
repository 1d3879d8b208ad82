"""Load the kit's sourced tables from ``data/`` as typed pandas DataFrames, and read published parameters.

``data/datapackage.json`` (a Frictionless Data Package) describes every table. ``validate``
checks the whole package with the ``frictionless`` library (types, required fields,
enumerations, unique keys, foreign keys to ``sources.csv``) plus the kit's one extra rule: a
row whose confidence is ``unconfirmed`` carries no number in the fields listed in its
resource's ``x-kit-value-fields``. Any problem raises :class:`DataValidationError` naming the
file, the row and the column. ``load`` validates on first use in a build's or test's process
(``widgets.runtime.is_build()``) and for any folder other than the kit's own ``data/``; a
student's kernel trusts the committed tables, which every build and test run has validated,
and so never imports frictionless (about 20 MB of a kernel's memory).

:class:`PublishedRows` is the one reader of published model parameters: every toy model looks up
its rows of ``scoring_models.csv`` (value, source id, row id, score range) through it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from .runtime import is_build

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
UNCONFIRMED = "unconfirmed"


class DataValidationError(ValueError):
    """Raised when a table in data/ breaks its schema; the message lists file, row and column."""


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` (``KIT_DATA_DIR`` overrides it, for tests)."""
    return Path(os.environ.get("KIT_DATA_DIR", DATA_DIR)).resolve()


def descriptor(folder: Path | None = None) -> dict:
    """The parsed ``datapackage.json``."""
    folder = Path(folder) if folder else data_dir()
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def table_names(folder: Path | None = None) -> list[str]:
    """Names of every table (resource) in the package, in descriptor order."""
    return [r["name"] for r in descriptor(folder)["resources"]]


def validate(folder: Path | None = None) -> None:
    """Validate the whole package; raise DataValidationError listing every problem."""
    folder = Path(folder) if folder else data_dir()
    problems = _frictionless_problems(folder) + _unconfirmed_problems(folder)
    if problems:
        shown = "\n".join(f"- {p}" for p in problems[:50])
        more = f"\n(and {len(problems) - 50} more)" if len(problems) > 50 else ""
        raise DataValidationError(f"data/ failed validation ({len(problems)} problem(s)):\n{shown}{more}")


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Return table ``name`` as a typed DataFrame (dates as datetime64, enumerations as categories).

    The package is validated once per folder and process (in a build or test, or when the folder is
    not the kit's own ``data/``); a copy is returned, so callers may change it freely.
    """
    folder = (Path(folder) if folder else data_dir()).resolve()
    return _load_cached(name, str(folder)).copy()


@lru_cache(maxsize=None)
def _validated(folder: str) -> bool:
    """Validate ``folder`` once, unless it is the kit's committed data in a student's kernel."""
    if is_build() or Path(folder) != DATA_DIR.resolve():
        validate(Path(folder))
    return True


@lru_cache(maxsize=None)
def _load_cached(name: str, folder: str) -> pd.DataFrame:
    path = Path(folder)
    resources = {r["name"]: r for r in descriptor(path)["resources"]}
    if not isinstance(name, str):
        raise TypeError(f"name must be a table name (a string); got {type(name).__name__}")
    if name not in resources:
        raise ValueError(f"name must be one of the tables in data/: {', '.join(sorted(resources))}; got {name!r}")
    _validated(folder)
    resource = resources[name]
    fields = resource["schema"]["fields"]
    frame = pd.read_csv(path / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame.replace({"": None})
    for spec in fields:
        frame[spec["name"]] = _typed(frame[spec["name"]], spec)
    return frame


def _typed(column: pd.Series, field: dict) -> pd.Series:
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return column.astype(pd.CategoricalDtype(categories=[str(e) for e in enum]))
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    if kind == "integer":
        return pd.to_numeric(column).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column).astype("float64")
    if kind == "boolean":
        return column.map({"true": True, "false": False, None: None}).astype("boolean")
    return column.astype("string")


def _frictionless_problems(folder: Path) -> list[str]:
    from frictionless import Package  # imported here: only needed on first load

    report = Package(str(folder / "datapackage.json")).validate()
    problems = []
    for task in report.tasks:
        file = Path(task.place).name if task.place else task.name
        for err in task.errors:
            row = getattr(err, "row_number", None)
            col = getattr(err, "field_name", None)
            where = f"{file}, row {row if row is not None else '-'}, column {col or '-'}"
            problems.append(f"{where}: {err.message}")
    for err in report.errors:
        problems.append(f"datapackage.json: {err.message}")
    return problems


def _unconfirmed_problems(folder: Path) -> list[str]:
    """Rows marked unconfirmed must leave their value fields empty (the fact base gives no number)."""
    problems = []
    for resource in descriptor(folder)["resources"]:
        value_fields = resource.get("x-kit-value-fields", [])
        if not value_fields:
            continue
        frame = pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False)
        if "confidence" not in frame.columns:
            continue
        for index, row in frame.iterrows():
            if row["confidence"] != UNCONFIRMED:
                continue
            for col in value_fields:
                if col in frame.columns and str(row[col]).strip():
                    # row numbers count the header as row 1, as frictionless does
                    problems.append(f"{resource['path']}, row {index + 2}, column {col}: "
                                    f"a row marked unconfirmed must not carry a number; found {row[col]!r}")
    return problems


# --- published parameters of the toy models -------------------------------------------------
@dataclass(frozen=True)
class ScoreScale:
    """The range a score is reported on, e.g. 300-850 for FICO."""

    low: float
    high: float


@dataclass(frozen=True)
class PublishedRows:
    """Published rows, looked up by a key column: value, source id and row id of each parameter.

    ``PublishedRows.read(model)`` gives one toy model's rows of ``scoring_models.csv``, keyed by
    ``parameter``; a model whose published figures come from other tables builds one from its own
    frame (``key`` and ``value`` name the columns). Models subclass it to add derived properties.
    """

    rows: pd.DataFrame = field(repr=False, compare=False)
    model: str = ""
    key: str = "parameter"
    value_column: str = "value"

    @classmethod
    def read(cls, model: str, table: pd.DataFrame | None = None, *, required: Sequence[str] = (),
             numbers: Sequence[str] = (), published: Sequence[str] = ()):
        """The rows of ``model`` in ``scoring_models.csv`` (or in a given copy of that table).

        Raises ValueError if a ``required`` row is missing, a ``numbers`` row carries no number, or a
        ``published`` row does not have the status 'published'.
        """
        table = load("scoring_models") if table is None else table
        if not isinstance(table, pd.DataFrame):
            raise TypeError(f"table must be the scoring_models table as a DataFrame; got {type(table).__name__}")
        rows = table[table["model"].astype(str) == model].reset_index(drop=True)
        present = set(rows["parameter"].astype(str))
        missing = [p for p in dict.fromkeys([*numbers, *required]) if p not in present]
        if missing:
            raise ValueError(f"scoring_models.csv must hold {model} rows for: {', '.join(missing)}")
        empty = rows[rows["parameter"].isin(list(numbers)) & rows["value"].isna()]
        if len(empty):
            raise ValueError(f"scoring_models.csv: {model} rows {', '.join(empty['parameter'].astype(str))} "
                             "must carry a number")
        status = rows.set_index(rows["parameter"].astype(str))["status"].astype(str)
        for p in published:
            if p not in status.index or status[p] != "published":
                raise ValueError(f"scoring_models.csv row {model}/{p} must have status 'published'")
        return cls(rows=rows, model=model)

    @cached_property
    def _by_key(self) -> dict[str, dict]:
        return {str(row[self.key]): row for row in self.rows.to_dict("records")}

    def row(self, key: str) -> dict:
        """One row as a dict; an unknown key raises ValueError naming the keys there are."""
        found = self._by_key.get(key) if isinstance(key, str) else None
        if found is None:
            where = f"the {self.model} rows" if self.model else "the published rows"
            raise ValueError(f"{self.key} must be one of {where} ({', '.join(self._by_key)}); got {key!r}")
        return found

    def value(self, key: str) -> float | None:
        """The published number of one row (None for a rule without a number)."""
        value = self.row(key)[self.value_column]
        return None if value is None or pd.isna(value) else float(value)

    def source(self, key: str) -> str:
        """The source id of one row (e.g. ``'listing_term'`` -> ``'S30'``)."""
        return str(self.row(key)["source_id"])

    def row_id(self, key: str) -> str:
        """The data row id of one row, for citing it."""
        return str(self.row(key)["id"])

    @property
    def ids(self) -> list[str]:
        """The row ids, in data order."""
        return [str(i) for i in self.rows["id"]]

    def select(self, keys: Sequence[str]) -> pd.DataFrame:
        """The rows of the given keys, in that order (unknown keys raise ValueError)."""
        for k in keys:
            self.row(k)
        order = {k: i for i, k in enumerate(keys)}
        chosen = self.rows[self.rows[self.key].astype(str).isin(order)].copy()
        chosen["_order"] = chosen[self.key].astype(str).map(order)
        return chosen.sort_values("_order").drop(columns="_order").reset_index(drop=True)

    def with_prefix(self, prefix: str) -> pd.DataFrame:
        """The rows whose key starts with ``prefix``, in data order."""
        return self.rows[self.rows[self.key].astype(str).str.startswith(prefix)].reset_index(drop=True)

    def score_range(self, low: str = "score_min", high: str = "score_max") -> ScoreScale:
        """The published score range (by default the ``score_min`` and ``score_max`` rows)."""
        return ScoreScale(float(self.value(low)), float(self.value(high)))
