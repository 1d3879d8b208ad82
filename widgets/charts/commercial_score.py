"""The chart of the commercial five-dimension toy score (notebook 04): scores and the benefit thresholds."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from .theme import HEIGHT, PALETTE, WIDTH, check_rows


def benefit_histogram_chart(histogram: pd.DataFrame | alt.Data, rules: pd.DataFrame | alt.Data, *,
                            title: str | alt.Title, description: str, domain: tuple[float, float],
                            focal: pd.DataFrame | alt.Data | None = None,
                            focal_states: list[str] | None = None) -> alt.LayerChart:
    """Histogram of synthetic toy scores with one dashed rule per published benefit threshold.

    ``histogram`` is ``score_histogram``'s table and ``rules`` ``threshold_rules``' (both in the
    model's ``CommercialUpdate``). ``focal`` (optional; columns ``state``, ``score``) adds triangles
    under the axis for one user's scores. A live panel passes named datasets and ``focal_states``
    (the focal states in order; their rows also carry ``contacts_rated``).
    """
    bars_data = check_rows("histogram", histogram)
    rules_data = check_rows("rules", rules)
    bars = alt.Chart(bars_data).mark_bar(color=PALETTE[2]).encode(
        x=alt.X("bin_start:Q", bin="binned", title="Toy score (points)", scale=alt.Scale(domain=list(domain))),
        x2="bin_end:Q",
        y=alt.Y("users:Q", title="Synthetic users"),
        tooltip=[alt.Tooltip("bin_start:Q", title="From score"), alt.Tooltip("bin_end:Q", title="To score"),
                 alt.Tooltip("users:Q", title="Synthetic users", format=","),
                 alt.Tooltip("share:Q", title="Share of users", format=".1%")],
    )
    tooltip = [alt.Tooltip("threshold:Q", title="Score needed"), alt.Tooltip("benefits:N", title="Benefit (year)"),
               alt.Tooltip("share_reaching:Q", title="Synthetic users reaching it", format=".1%"),
               alt.Tooltip("sources:N", title="Source")]
    rules = alt.Chart(rules_data).mark_rule(color=PALETTE[3], strokeDash=[5, 3], size=2).encode(
        x="threshold:Q", tooltip=tooltip)
    labels = alt.Chart(rules_data).mark_text(align="left", dx=3, dy=-4, baseline="top",
                                             color=PALETTE[3], fontSize=11).encode(
        x="threshold:Q", y=alt.value(0), text="label:N", tooltip=tooltip)
    layers = [bars, rules, labels]
    if focal is not None:
        states = list(focal_states or ()) if isinstance(focal, alt.Data) else list(check_rows("focal", focal)["state"])
        layers.append(alt.Chart(focal).mark_point(shape="triangle-up", filled=True, size=160, opacity=1, stroke="black", strokeWidth=1,
                                                  yOffset=-7).encode(
            x="score:Q", y=alt.value(HEIGHT),
            color=alt.Color("state:N", title="Focal synthetic user", sort=states,
                            scale=alt.Scale(domain=states, range=[PALETTE[4], PALETTE[5]])),
            tooltip=[alt.Tooltip("state:N", title="Focal synthetic user"),
                     alt.Tooltip("score:Q", title="Toy score", format=".0f")]))
    if isinstance(focal, alt.Data):
        layers[-1] = layers[-1].encode(tooltip=[
            alt.Tooltip("state:N", title="Focal synthetic user"), alt.Tooltip("contacts_rated:Q", title="Contacts rated"),
            alt.Tooltip("score:Q", title="Toy score", format=".0f")])
    return alt.layer(*layers, title=title, description=description).properties(
        width=WIDTH, height=HEIGHT)


def benefit_live_chart(*, title: str, description: str, domain: tuple[float, float],
                       focal_states: Sequence[str]) -> alt.LayerChart:
    """The commercial score panel's chart skeleton: ``benefit_histogram_chart`` over the datasets ``hist``,
    ``rules`` and ``focal``, its title the string parameter ``kit_title`` (starting at ``title``)."""
    kit_title = alt.param(name="kit_title", value=title)
    return benefit_histogram_chart(
        alt.Data(name="hist"), alt.Data(name="rules"), title=alt.Title(alt.expr(kit_title.name)),
        description=description, domain=domain, focal=alt.Data(name="focal"),
        focal_states=focal_states).add_params(kit_title)
