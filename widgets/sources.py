"""Citations, fact boxes, glossaries and source lists, generated from ``data/``; the shared Markdown helpers.

Notebooks call these instead of typing facts by hand, so every number and date they show
comes from a table row with a source id and a confidence label. Every Markdown table of the kit
is made by ``markdown_table`` (cells escaped by ``table_cell``); a note about a claim is a
``claim_box``; a passage of a primary text (``data/excerpts.csv``) is shown by ``excerpt_markdown``.
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


def _cell(row: pd.Series, column: str) -> str:
    value = row[column]
    if column in ("date", "launch_date", "announced_date"):
        precision_col = {"date": "precision", "launch_date": "launch_precision",
                         "announced_date": "precision"}[column]
        return format_date(value, row.get(precision_col, "day"))
    if column == "value":
        return format_value(value, row.get("unit"), str(row.get("confidence")))
    if isinstance(value, pd.Timestamp):  # other date columns (e.g. instruments' adopted, in_force): exact days
        return format_date(value, "day")
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


TRANSLATION_TEXT = {
    "kit": "English: the kit's own translation",
    "published": "English: published translation by {translator} [{source}]",
    "summary": "English: a summary of the text, not its own wording",
}


def excerpt_markdown(ids: Sequence[str], *, notes: bool = False) -> Markdown:
    """Primary-text excerpts (``data/excerpts.csv``): the instrument and article, the Chinese original,
    the English rendering and whose it is (the kit's own translation unless a published one is cited),
    the source id and its confidence; with ``notes=True`` also the row's caveat. Unknown ids raise
    ValueError naming them."""
    if isinstance(ids, str) or not isinstance(ids, Sequence) or not ids:
        raise TypeError("ids must be a non-empty list of excerpts.csv ids")
    frame = rows("excerpts", list(ids))
    instruments = load("instruments").set_index("id")
    blocks = []
    for _, row in frame.iterrows():  # a few excerpts
        instrument = instruments.loc[row["instrument_id"]] if row["instrument_id"] in instruments.index else None
        name = str(instrument["short_name"]) if instrument is not None else str(row["instrument_id"])
        article = str(row["article"])
        article = f"Art. {article}" if article[:1].isdigit() else article
        status = TRANSLATION_TEXT[str(row["translation"])].format(
            translator=row.get("translator") if pd.notna(row.get("translator")) else "an unnamed translator",
            source=row["source_id"])
        lines = [f"**{name}, {article}** [{row['source_id']}; {CONFIDENCE_TEXT[str(row['confidence'])]}]", ""]
        if pd.notna(row.get("text_zh")) and str(row["text_zh"]).strip():
            paragraphs = str(row["text_zh"]).strip().split("。 ")  # paragraphs are separated by a space
            for paragraph in [p + "。" for p in paragraphs[:-1]] + paragraphs[-1:]:
                lines += [f"> {paragraph}", ">"]
        lines += [f"> *{str(row['text_en']).strip()}*", ">", f"> ({status}.)"]
        if notes and pd.notna(row.get("note")) and str(row["note"]).strip():
            lines += [">", f"> *Note:* {str(row['note']).strip()}"]
        blocks.append("\n".join(lines))
    return Markdown("\n\n".join(blocks))


def _source_order(source_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in source_id if ch.isdigit())
    return (int(digits) if digits else 10_000, source_id)


def source_ids(facts: dict[str, Sequence[str]]) -> list[str]:
    """The source ids behind the given rows (``{table: [row ids]}``), sorted, without duplicates."""
    found: set[str] = set()
    for table, ids in facts.items():
        found.update(str(s) for s in rows(table, ids)["source_id"])
    return sorted(found, key=_source_order)
