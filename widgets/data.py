"""Load the kit's sourced tables from ``data/`` as typed pandas DataFrames.

``data/datapackage.json`` (a Frictionless Data Package) describes every table. On first
use the whole package is validated with the ``frictionless`` library (types, required
fields, enumerations, unique keys, foreign keys to ``sources.csv``) plus the kit's one
extra rule: a row whose confidence is ``unconfirmed`` carries no number in the fields
listed in its resource's ``x-kit-value-fields``. Any problem raises
:class:`DataValidationError` naming the file, the row and the column.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

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

    The package is validated once per folder and process; a copy is returned, so callers may
    change it freely.
    """
    folder = (Path(folder) if folder else data_dir()).resolve()
    return _load_cached(name, str(folder)).copy()


@lru_cache(maxsize=None)
def _validated(folder: str) -> bool:
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
    for field in fields:
        frame[field["name"]] = _typed(frame[field["name"]], field)
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
