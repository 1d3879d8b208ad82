"""The shared excerpt helper (widgets.sources.excerpt_markdown): primary texts shown with their status."""

from __future__ import annotations

import pytest

from widgets import data, sources

EXCERPTS = data.load("excerpts").set_index("id")


def test_an_excerpt_shows_chinese_english_article_and_source():
    text = sources.excerpt_markdown(["ex-gbf-2020-49-proportionality"]).data
    row = EXCERPTS.loc["ex-gbf-2020-49-proportionality"]
    assert text.startswith("**Guobanfa (2020) No. 49** · Principles")
    assert f"> {row['text_zh']}" in text and f"> {row['text_en']}" in text
    assert "the kit's own translation" in text and "[S83]" in text and row["note"] in text


def test_a_summary_is_marked_as_a_summary_and_has_no_chinese():
    text = sources.excerpt_markdown(["ex-ai-act-art5-1c"], notes=False).data
    assert "a summary of the text, not its wording" in text
    assert "Regulation (EU) 2024/1689 · Art. 5(1)(c), as summarised" in text
    assert EXCERPTS.loc["ex-ai-act-art5-1c", "note"] not in text  # notes=False
    quoted = [line for line in text.splitlines() if line.startswith(">")]
    assert quoted == [f"> {EXCERPTS.loc['ex-ai-act-art5-1c', 'text_en']}"]  # no Chinese block for a summary


def test_excerpts_keep_the_order_given_and_reject_unknown_ids():
    text = sources.excerpt_markdown(["ex-pipl-art33", "ex-spc-2017-art2"]).data
    assert text.index("Art. 33") < text.index("Art. 2")
    with pytest.raises(ValueError, match="ids not found in excerpts.csv: ex-nope"):
        sources.excerpt_markdown(["ex-nope"])
