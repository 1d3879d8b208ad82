"""Primary-text excerpts (data/excerpts.csv) as the notebooks show them: ``sources.excerpt_markdown``."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import sources
from widgets.data import load


def test_an_excerpt_shows_the_chinese_the_english_and_whose_translation():
    text = sources.excerpt_markdown(["ex-spc-2017-art2"]).data
    assert text.startswith("**Defaulter-list provisions (as amended 2017), Art. 2** [S63; verified]")
    assert "> 被执行人具有本规定第一条第二项至第六项规定情形的，纳入失信被执行人名单的期限为二年。" in text
    assert "> 失信被执行人积极履行" in text  # the second paragraph on a line of its own
    assert "*Where a judgment debtor falls under items (2) to (6) of Article 1" in text
    assert "(English: the kit's own translation.)" in text


def test_every_excerpt_renders_with_its_status():
    table = load("excerpts")
    text = sources.excerpt_markdown(list(table["id"])).data
    assert text.count("**") == 2 * len(table)
    assert text.count("(English: the kit's own translation.)") == int((table["translation"] == "kit").sum())
    summary = sources.excerpt_markdown(["ex-ai-act-art5-1c"]).data
    assert "(English: a summary of the text, not its own wording.)" in summary and "\n> *" not in summary[:60]
    fragment = sources.excerpt_markdown(["ex-samr-44-conditions"]).data
    assert "> 性质恶劣、情节严重、社会危害较大 …… 较重行政处罚\n" in fragment  # no full stop added to a fragment


def test_excerpts_come_in_the_order_given():
    text = sources.excerpt_markdown(["ex-spc-2017-art10", "ex-spc-2017-art1"]).data
    assert text.index("Art. 10") < text.index("Art. 1**")


def test_unknown_excerpt_is_named():
    with pytest.raises(ValueError, match="ids not found in excerpts.csv: ex-nothing"):
        sources.excerpt_markdown(["ex-spc-2017-art1", "ex-nothing"])


@settings(deadline=None, max_examples=20)
@given(st.one_of(st.none(), st.integers(), st.text(), st.just([])))
def test_ids_must_be_a_list_of_excerpt_ids(bad):
    with pytest.raises((TypeError, ValueError)):
        sources.excerpt_markdown(bad)


def test_a_published_translation_names_its_translator_and_source():
    text = sources.excerpt_markdown(["ex-outline-main-tasks"]).data
    row = load("excerpts").set_index("id").loc["ex-outline-main-tasks"]
    assert f"> *{row['text_en']}*" in text
    assert "(English: published translation by Rogier Creemers" in text


def test_notes_are_shown_only_when_asked():
    row = load("excerpts").set_index("id").loc["ex-gbf-2020-49-proportionality"]
    assert row["note"] not in sources.excerpt_markdown(["ex-gbf-2020-49-proportionality"]).data
    assert f"> *Note:* {row['note']}" in sources.excerpt_markdown(["ex-gbf-2020-49-proportionality"], notes=True).data
