"""Notebook 07's use of the shared helpers: the PIPL's excerpts, and the dates of laws, as the notebook shows them."""

from __future__ import annotations

from widgets import sources
from widgets.data import load

EXCERPTS = load("excerpts").set_index("id")


def test_the_pipl_excerpts_show_the_original_the_rendering_whose_it_is_and_the_source():
    text = sources.excerpt_markdown(["ex-pipl-art33", "ex-pipl-art68"]).data
    art33, art68 = text.split("\n\n**Personal Information Protection Law (PIPL), Art. 68")
    art68 = "**Personal Information Protection Law (PIPL), Art. 68" + art68
    assert art33.startswith("**Personal Information Protection Law (PIPL), Art. 33** [S110; verified]")
    assert EXCERPTS.loc["ex-pipl-art33", "text_zh"] in art33
    assert f"*{EXCERPTS.loc['ex-pipl-art33', 'text_en']}*" in art33
    assert "(English: the kit's own translation.)" in art33
    assert "**Personal Information Protection Law (PIPL), Art. 68 (paragraph 1)**" in art68
    assert "责令改正" in art68 and "fine" not in art68.lower()  # Art. 68 orders correction; it mentions no fine


def test_dates_of_laws_print_as_days():
    table = sources.fact_table("instruments", ["csl-2016", "pipl-2021"],
                               {"short_name": "Law", "adopted": "Adopted", "in_force": "In force"}).data
    assert "| Cybersecurity Law | 7 November 2016 | 1 June 2017 | [S110] | verified |" in table
    assert "| Personal Information Protection Law (PIPL) | 20 August 2021 | 1 November 2021 |" in table
    assert "00:00:00" not in table
