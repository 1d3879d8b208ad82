"""Primary-text excerpts are quoted from data/excerpts.csv with their instrument, translator, source and confidence."""

from __future__ import annotations

import pytest

from widgets import sources
from widgets.data import load


def test_an_excerpt_without_chinese_names_its_published_translation():
    text = sources.excerpt_markdown(["ex-outline-main-tasks"]).data
    row = load("excerpts").set_index("id").loc["ex-outline-main-tasks"]
    assert text.startswith(f"> {row['text_en']}")
    assert "*Planning Outline (2014-2020)* (Guofa [2014] No. 21), Contents, Part II" in text
    assert "published translation by Rogier Creemers" in text and "[S145], verified." in text


def test_an_excerpt_with_chinese_gives_the_original_first_and_says_whose_english():
    text = sources.excerpt_markdown(["ex-samr-44-conditions", "ex-pipl-art33"]).data
    first, second = text.split("\n\n")
    assert first.startswith("> 性质恶劣") and "English: the kit's own translation. [S75]" in first
    assert second.startswith("> 国家机关处理个人信息的活动")


def test_every_excerpt_can_be_quoted():
    ids = list(load("excerpts")["id"])
    assert sources.excerpt_markdown(ids).data.count("> — ") == len(ids)


def test_an_unknown_excerpt_is_named():
    with pytest.raises(ValueError, match="ids not found in excerpts.csv: ex-nope"):
        sources.excerpt_markdown(["ex-nope"])
