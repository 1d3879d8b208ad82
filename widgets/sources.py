"""Citations, fact boxes, glossaries and source lists, generated from ``data/``; the shared Markdown helpers.

Notebooks call these instead of typing facts by hand, so every number and date they show
comes from a table row with a source id and a confidence label. Every Markdown table of the kit
is made by ``markdown_table`` (cells escaped by ``table_cell``); a note about a claim is a
``claim_box``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from IPython.display import Markdown

from .data import load

CONFIDENCE_TEXT = {
    "verified": "verified", "chapter-only": "only in the chapter",
    "conflicting": "sources conflict", "unconfirmed": "not found in the sources (unconfirmed)",
}


def format_date(value: pd.Timestamp | None, precision: str | None = "day") -> str:
    """A date as precise as it is known: '8 November 2002', 'June 2015' or '2013'."""
    if value is None or pd.isna(value):
        return "date unknown"
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


def format_value(value: object, unit: str | None = None, confidence: str | None = None) -> str:
    """A number with thousands separators and its unit; says why a value is missing."""
    if value is None or pd.isna(value):
        return "no figure (unconfirmed)" if confidence == "unconfirmed" else "no figure recorded"
    number = float(value)
    text = f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}".rstrip("0").rstrip(".")
    if unit == "percent":
        return f"{text}%"
    if unit and number == 1 and unit.endswith("s"):
        unit = unit[:-1]  # "1 year", not "1 years"
    return f"{text} {unit}" if unit else text


def rows(table: str, ids: Sequence[str]) -> pd.DataFrame:
    """Rows of ``table`` with the given ids, in the order given; unknown ids raise ValueError."""
    frame = load(table).set_index("id")
    unknown = [i for i in ids if i not in frame.index]
    if unknown:
        raise ValueError(f"ids not found in {table}.csv: {', '.join(unknown)}")
    return frame.loc[list(ids)].reset_index()


def citation(source_id: str) -> str:
    """A full citation of one source: author, title, outlet, date, address."""
    row = rows("sources", [source_id]).iloc[0]
    parts = [str(row[c]) for c in ("author", "title", "outlet", "date") if pd.notna(row.get(c))]
    text = ". ".join(p.rstrip(".") for p in parts)
    if pd.notna(row.get("url")):
        text += f". <{row['url']}>"
    elif pd.notna(row.get("fallback_url")):
        text += f". Copy: <{row['fallback_url']}>"
    return text


def sources_markdown(ids: Iterable[str], heading: str = "Sources") -> Markdown:
    """A Markdown list of full citations, one per source id (sorted, no duplicates)."""
    unique = sorted(set(ids), key=_source_order)
    lines = [f"### {heading}", ""] + [f"- **[{i}]** {citation(i)}" for i in unique]
    return Markdown("\n".join(lines))


def fact_table(table: str, ids: Sequence[str], columns: dict[str, str]) -> Markdown:
    """A Markdown table of chosen rows: the given columns, then source and confidence.

    ``columns`` maps column name -> header; a ``date`` column is printed with its precision,
    a ``value`` column with its unit.
    """
    frame = rows(table, ids)
    header = list(columns.values()) + ["Source", "Confidence"]
    lines = [markdown_table(header, ([_cell(row, col) for col in columns]
                                     + [f"[{row['source_id']}]", CONFIDENCE_TEXT[str(row["confidence"])]]
                                     for _, row in frame.iterrows()))]
    by_note: dict[str, list[str]] = {}
    for _, row in frame.iterrows():
        if pd.notna(row.get("note")):
            by_note.setdefault(str(row["note"]), []).append(_cell(row, next(iter(columns))))
    notes = [f"- *{'; '.join(labels)}*: {note}" for note, labels in by_note.items()]
    if notes:
        lines += ["", "**Notes from the fact base:**", *notes]
    return Markdown("\n".join(lines))


def glossary_markdown(ids: Sequence[str]) -> Markdown:
    """Glossary entries: English, Chinese characters, pinyin and the definition."""
    frame = rows("glossary", ids)
    lines = ["### Glossary", ""]
    for _, row in frame.iterrows():
        chinese = f" ({row['chinese']} *{row['pinyin']}*)" if pd.notna(row.get("chinese")) else ""
        lines.append(f"- **{row['english']}**{chinese}: {row['definition']}")
    return Markdown("\n".join(lines))


TRANSLATION_TEXT = {
    "kit": "the kit's own translation",
    "published": "published translation",
    "summary": "a summary of the text, not its wording",
}


def excerpt_markdown(ids: Sequence[str], *, notes: bool = True) -> Markdown:
    """Passages of primary texts (``excerpts.csv``): the instrument and article, the Chinese original
    where there is one, the English rendering marked as the kit's translation, a published one or a
    summary, and the source id (with the row's note unless ``notes=False``)."""
    frame = rows("excerpts", ids)
    instruments = load("instruments").set_index("id")
    blocks = []
    for _, row in frame.iterrows():
        doc = instruments.loc[row["instrument_id"]]
        number = f", {doc['number']}" if pd.notna(doc.get("number")) and str(doc["number"]) not in str(
            doc["short_name"]) else ""
        article = " ".join(str(row["article"]).split())
        label = f"Art. {article}" if article[:1].isdigit() else article
        lines = [f"**{doc['short_name']}**{number} · {label}", ""]
        if pd.notna(row.get("text_zh")):
            lines += [f"> {row['text_zh']}", ">"]
        translation = TRANSLATION_TEXT[str(row["translation"])]
        if row["translation"] == "published" and pd.notna(row.get("translator")):
            translation += f" by {row['translator']}"
        lines += [f"> {row['text_en']}", "",
                  f"*English: {translation}. Source [{row['source_id']}], {CONFIDENCE_TEXT[str(row['confidence'])]}.*"]
        if notes and pd.notna(row.get("note")):
            lines[-1] += f" {row['note']}"
        blocks.append("\n".join(lines))
    return Markdown("\n\n".join(blocks))


def _cell(row: pd.Series, column: str) -> str:
    value = row[column]
    if column in ("date", "launch_date", "announced_date"):
        precision_col = {"date": "precision", "launch_date": "launch_precision",
                         "announced_date": "precision"}[column]
        return format_date(value, row.get(precision_col, "day"))
    if column == "value":
        return format_value(value, row.get("unit"), str(row.get("confidence")))
    return table_cell(value)


# --- the shared Markdown helpers ------------------------------------------------------------
def table_cell(value: object) -> str:
    """Text for a Markdown table cell: '–' when missing, no pipes or line breaks."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return "–"
    return str(value).replace("|", "/").replace("\n", " ")


def markdown_table(header: Sequence[str], body: Iterable[Sequence[object]]) -> str:
    """A Markdown table: the header, then one line per row, every cell through ``table_cell``."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(table_cell(c) for c in row) + " |" for row in body]
    return "\n".join(lines)


def claim_box(label: str, text: str) -> str:
    """A boxed note about a claim (a Markdown quote block): '> **Common misconception.** ...'."""
    return f"> **{label}.** {text}"


def _source_order(source_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in source_id if ch.isdigit())
    return (int(digits) if digits else 10_000, source_id)


def source_ids(facts: dict[str, Sequence[str]]) -> list[str]:
    """The source ids behind the given rows (``{table: [row ids]}``), sorted, without duplicates."""
    found: set[str] = set()
    for table, ids in facts.items():
        found.update(str(s) for s in rows(table, ids)["source_id"])
    return sorted(found, key=_source_order)
