"""The anatomy of a unified social credit code (notebook 02): eighteen boxes coloured by the part they belong to."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..checks import check_table
from ..topics.uscc import CODE_LENGTH, PART_NAMES
from .theme import PALETTE

PART_ORDER: list[str] = list(PART_NAMES.values())
PART_COLOURS: dict[str, str] = dict(zip(PART_ORDER, [PALETTE[0], PALETTE[1], PALETTE[4], PALETTE[2], PALETTE[3]]))
TEXT_COLOURS: dict[str, str] = {p: "black" if PART_COLOURS[p] in (PALETTE[1], PALETTE[2]) else "white"
                                for p in PART_ORDER}  # readable on each box colour
BOX = 30  # pixels per character


def anatomy_chart(chars: pd.DataFrame, *, title: str, description: str | None = None) -> alt.LayerChart:
    """One box per character of a code (a frame from ``uscc.characters``), coloured by its part; the
    tooltip gives the character's value, its weight and their product."""
    chars = check_table("chars", chars, ("position", "character", "part", "value", "weight", "product"))
    if len(chars) != CODE_LENGTH:
        raise ValueError(f"chars must have one row per position 1-{CODE_LENGTH}; it has {len(chars)}")
    data = pd.DataFrame({
        "position": chars["position"].astype(int), "character": chars["character"].astype(str),
        "part": chars["part"].astype(str),
        "value": chars["value"].astype("string").fillna("not allowed").astype(str),
        "weight": chars["weight"].astype("string").fillna("– (the check character)").astype(str),
        "product": chars["product"].astype("string").fillna("–").astype(str),
    })
    code = "".join(data["character"])
    if description is None:
        pieces = data.groupby("part", sort=False)["character"].agg("".join)
        description = (f"The code {code} in its parts: "
                       + "; ".join(f"{part} {pieces[part]}" for part in PART_ORDER if part in pieces) + ".")
    x = alt.X("position:O", title="Position in the code (1-18)", axis=alt.Axis(labelAngle=0))
    tooltip = [alt.Tooltip("position:O", title="Position"), alt.Tooltip("character:N", title="Character"),
               alt.Tooltip("part:N", title="Part"), alt.Tooltip("value:N", title="Value (0-30)"),
               alt.Tooltip("weight:N", title="Weight"), alt.Tooltip("product:N", title="Value x weight")]
    boxes = alt.Chart(data).mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, tooltip=tooltip,
        color=alt.Color("part:N", title="Part", sort=PART_ORDER,
                        scale=alt.Scale(domain=PART_ORDER, range=[PART_COLOURS[p] for p in PART_ORDER]),
                        legend=alt.Legend(columns=3, labelLimit=300)))
    text = alt.Chart(data).mark_text(fontSize=16, fontWeight="bold").encode(
        x=x, text="character:N", tooltip=tooltip,
        color=alt.Color("part:N", legend=None,
                        scale=alt.Scale(domain=PART_ORDER, range=[TEXT_COLOURS[p] for p in PART_ORDER])))
    return alt.layer(boxes, text, title=title, description=description).resolve_scale(
        color="independent").properties(width=BOX * CODE_LENGTH, height=BOX + 10)
