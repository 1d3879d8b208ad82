"""Primary-text excerpts and law dates as the notebooks show them (``widgets.sources``)."""

from __future__ import annotations

import pytest

from widgets import sources
from widgets.data import load

EXCERPTS = load("excerpts").set_index("id")


def test_an_excerpt_shows_the_original_the_rendering_whose_it_is_and_the_source():
    text = sources.excerpt_markdown(["ex-pipl-art33", "ex-pipl-art68"]).data
    art33, art68 = text.split("\n\n")
    assert art33.startswith("> **Personal Information Protection Law (PIPL)** (中华人民共和国个人信息保护法), **Art. 33**")
    assert EXCERPTS.loc["ex-pipl-art33", "text_zh"] in art33
    assert f"*{EXCERPTS.loc['ex-pipl-art33', 'text_en']}*" in art33
    assert "English: the kit's own translation. Source: [S110] (verified)." in art33
    assert "**Art. 68 (paragraph 1)**" in art68 and "责令改正" in art68 and "fine" not in art68
    assert all(line.startswith(">") for line in art33.splitlines())  # one quote block each


def test_published_translations_and_summaries_say_so():
    outline = sources.excerpt_markdown(["ex-outline-main-tasks"]).data
    assert "published translation by Rogier Creemers" in outline and "[S145]" in outline
    summary = sources.excerpt_markdown(["ex-ai-act-art5-1c"]).data
    assert "a summary, not a translation" in summary and "**Art. 5(1)(c), as summarised**" in summary


def test_unknown_excerpts_are_named():
    with pytest.raises(ValueError, match="ids not found in excerpts.csv: ex-nope"):
        sources.excerpt_markdown(["ex-nope"])


def test_dates_of_laws_print_as_days():
    table = sources.fact_table("instruments", ["csl-2016", "pipl-2021"],
                               {"short_name": "Law", "adopted": "Adopted", "in_force": "In force"}).data
    assert "| Cybersecurity Law | 7 November 2016 | 1 June 2017 | [S110] | verified |" in table
    assert "| Personal Information Protection Law (PIPL) | 20 August 2021 | 1 November 2021 |" in table
    assert "00:00:00" not in table
