"""Panel of notebooks 03 and 05: the court defaulter rule and joint punishment, for one synthetic case.

The grounds, term, extension, restrictions and memorandum counts are read from
``data/scoring_models.csv`` with their source ids; the agency x restriction mapping and the
synthetic cases are illustrative (see ``widgets.lists``).
"""

from __future__ import annotations

import html
from typing import Any

import altair as alt
import pandas as pd

from .. import charts, lists
from .live import Checkbox, Group, LivePanel, Number, Select, Update

ILLUSTRATIVE_CASE = {"able_to_pay": True, "refuses": True, "obstructs": False, "evades": False,
                     "breaches_orders": False, "reneges_settlement": False}  # default synthetic case
ILLUSTRATIVE_YEARS_SINCE_LISTING = 1.0  # default control value: illustrative
CELL_COLOURS = {lists.CELL_STATES[0]: charts.PALETTE[3], lists.CELL_STATES[1]: charts.PALETTE[2],
                lists.CELL_STATES[2]: "#eeeeee"}
OUTCOME_COLOURS = {True: charts.PALETTE[3], False: charts.PALETTE[0]}


def _years(value: float) -> str:
    return f"{value:g} year" if value == 1 else f"{value:g} years"


def _sources(ids: list[str]) -> str:
    return "".join(f"[{i}]" for i in sorted(set(ids), key=lambda s: (len(s), s)))


class JointPunishmentPanel(LivePanel):
    """One synthetic case through the court defaulter rule and an illustrative joint-punishment matrix."""

    css_class = "kit-lists-panel"

    def __init__(self, cases: pd.DataFrame | None = None, matrix: pd.DataFrame | None = None,
                 rules: lists.ListRules | None = None) -> None:
        self.rules = rules if rules is not None else lists.list_rules()
        self.cases = lists.check_cases(cases if cases is not None else lists.synthetic_cases())
        self.matrix = lists.check_matrix(matrix if matrix is not None else lists.illustrative_matrix(self.rules),
                                         self.rules)
        self.red_list = lists.list_schemes(("sch-red-lists",)).iloc[0]
        self._distributions: dict[int, pd.DataFrame] = {}
        grounds = dict(zip(self.rules.grounds["parameter"], self.rules.grounds["label"]))
        labels = {
            "able_to_pay": "Able to pay the judgment",
            "refuses": "Does not perform the judgment",
            "obstructs": grounds.get("ground_obstructs_enforcement", "obstructs enforcement").capitalize(),
            "evades": grounds.get("ground_evades_enforcement", "evades enforcement").capitalize(),
            "breaches_orders": grounds.get("ground_breaches_orders", "breaches an order").capitalize(),
            "reneges_settlement": grounds.get("ground_reneges_settlement", "reneges on a settlement").capitalize(),
        }
        agencies = [str(a) for a in self.matrix.index]
        default_agency = (lists.ILLUSTRATIVE_LISTING_AGENCY if lists.ILLUSTRATIVE_LISTING_AGENCY in agencies
                          else agencies[0])
        low, high = self.rules.extension_range
        flags = tuple(Checkbox(f"flag_{c}", labels[c], ILLUSTRATIVE_CASE[c]) for c in lists.CASE_COLUMNS)
        controls = [Group("One synthetic case (tick what applies)", flags),
                    Group("Joint punishment and time", (
                        Select("agency", "Listed by", tuple((a, a) for a in agencies), default_agency,
                               unit="illustrative agency"),
                        Number("years_since", "Years since listing", "years", ILLUSTRATIVE_YEARS_SINCE_LISTING,
                               min=0, step=0.5),
                        Number("extension", "Extension", f"years: 0 or {low}-{high}", 0, min=0, max=high, step=1)))]
        super().__init__("The court defaulter list and joint punishment", controls, self._note())
        self.flags = {c: self.control(f"flag_{c}") for c in lists.CASE_COLUMNS}
        self.agency, self.years_since, self.extension = (self.control(n) for n in ("agency", "years_since", "extension"))

    def _note(self) -> str:
        r = self.rules
        grounds_src = _sources(list(r.grounds["source_id"]) + [r.source("listing_term"), r.source("extension_max")])
        restr_src = _sources(list(r.restrictions["source_id"]))
        return (f"Published: the {len(r.grounds)} grounds for listing, the {r.term_years}-year term and the "
                f"{r.extension_range[0]}&ndash;{r.extension_range[1]}-year extension (2017 text) {grounds_src}; "
                f"the {len(r.restrictions)} restrictions {restr_src}; the "
                f"{r.value('mou_2016_signatories'):g} signatories of the January 2016 memorandum "
                f"[{r.source('mou_2016_signatories')}]; the central memoranda by May 2020 "
                f"[{r.source('central_memoranda')}]; what red lists are [{self.red_list['source_id']}]. Illustrative (this kit's toy, not facts): which agency imposes "
                "which restriction and the agencies' generic names (the sources do not say), the assumption that "
                "every agency acts on every other agency's list, the listing running its full term, and the "
                f"{len(self.cases):,} synthetic cases with their shares (seeded).")

    def case(self, values: dict[str, Any] | None = None) -> dict[str, bool]:
        """The synthetic case now set in the controls."""
        values = self.values if values is None else values
        return {c: bool(values[f"flag_{c}"]) for c in lists.CASE_COLUMNS}

    def state(self, values: dict[str, Any] | None = None) -> lists.LabState:
        """The model's answer for the controls (raises ValueError for a bad value)."""
        values = self.values if values is None else values
        extension = values["extension"]
        distribution = None
        if isinstance(extension, int) and not isinstance(extension, bool):
            if extension not in self._distributions:   # the synthetic cases' outcomes: once per extension
                self._distributions[extension] = lists.listing_distribution(
                    lists.defaulter_listing(self.cases, extension_years=lists.check_extension(extension, self.rules),
                                            rules=self.rules), self.rules)
            distribution = self._distributions[extension]
        return lists.lab_update(self.case(values), values["agency"], values["years_since"], extension,
                                self.cases, self.matrix, self.rules, distribution=distribution)

    def compute(self, values: dict[str, Any]) -> Update:
        s = self.state(values)
        r = self.rules
        src = r.source("listing_term")
        agency = html.escape(s.summary.listing_agency)
        if s.listed:
            grounds = "; ".join(s.grounds)
            extension = s.term_years - r.term_years
            status = (f"ends in {_years(s.years_left)}" if s.still_listed
                      else f"ended {_years(values['years_since'] - s.term_years)} ago, so no restriction applies now")
            plural = "s" if len(s.grounds) > 1 else ""
            case_line = (f"<b>Listed</b> on {len(s.grounds)} ground{plural}: {grounds} [{src}]. "
                         f"Term: {r.term_years} years + {extension:g} years extension = <b>{s.term_years:g} years</b> "
                         f"[{src}]; listed {_years(values['years_since'])} ago, the listing {status}.")
        elif s.ground == lists.NOT_LISTED_UNABLE:
            case_line = (f"<b>Not listed</b>: this person cannot pay and meets none of the grounds. Inability to pay "
                         f"is not a ground; the first ground needs ability to pay plus refusal [{src}].")
        else:
            case_line = (f"<b>Not listed</b>: this person performs the judgment and meets none of the grounds [{src}].")
        j = s.summary
        restr_src = _sources(list(r.restrictions["source_id"]))
        now = ("This case is on the list now, so all of them apply." if s.still_listed
               else "This case is not on a list now, so none of them applies.")
        joint_line = (f"Joint punishment (illustrative agencies): a party on the list of {agency} meets "
                      f"<b>{j.restrictions_met} of {j.restrictions_total} restrictions</b> {restr_src} from "
                      f"<b>{j.agencies_imposing} agencies</b>, {j.other_agencies_imposing} of them other than "
                      f"the one that listed it. {now}")
        context_line = (f"Published context: {r.value('mou_2016_signatories'):g} bodies signed the January 2016 "
                        f"memorandum on judgment defaulters [{r.source('mou_2016_signatories')}]; by May 2020 there "
                        f"were {r.value('central_memoranda'):g} central memoranda, "
                        f"{r.value('punishment_memoranda'):g} on joint punishment and "
                        f"{r.value('incentive_memoranda'):g} on joint incentives "
                        f"[{r.source('central_memoranda')}]. Red lists ({html.escape(str(self.red_list['name_zh']))}) "
                        f"are the reward side: {html.escape(str(self.red_list['covers']).lower())}, with "
                        f"{html.escape(str(self.red_list['consequences']))} [{self.red_list['source_id']}].")
        dist = s.distribution
        total = int(dist["cases"].sum())
        listed_n = int(dist.loc[dist["listed"], "cases"].sum())
        unable_n = int(dist.loc[dist["outcome"] == lists.NOT_LISTED_UNABLE, "cases"].sum())
        dist_line = (f"Of {total:,} synthetic cases (illustrative shares), {listed_n:,} are listed "
                     f"({listed_n / total:.1%}); {unable_n:,} cannot pay, meet no ground and are not listed.")
        numbers = f"{case_line} <br>{joint_line} <br>{context_line} <br>{dist_line}"
        labels = r.outcome_labels()
        if s.listed:
            outlined = f"the {'grounds' if len(s.grounds) > 1 else 'ground'} this case meets ({'; '.join(s.grounds)})"
        else:
            outlined = f"this case's outcome ({labels[s.ground]})"
        description = (f"The grid marks which illustrative agency imposes which published restriction, with "
                       f"{s.summary.listing_agency}'s row outlined"
                       f"{' and the restrictions that apply now in orange' if s.still_listed else ''}; "
                       f"the bars count {total:,} synthetic cases by outcome (a case with several grounds is "
                       f"counted under the first), with {outlined} outlined.")
        return Update(numbers, description, self._chart_data(s), title=self._titles(s)[0],
                      params={"kit_title": self._titles(s)[0], "heat_title": self._titles(s)[1]})

    def _titles(self, s: lists.LabState) -> tuple[str, list[str]]:
        """The chart's title and the grid's (two lines: what it shows, then the case's status)."""
        title = ("Joint punishment: one list, many agencies" if s.listed
                 else "Joint punishment: this case is not listed")
        status = (f"Listed on {len(s.grounds)} ground(s), {s.years_left:g} of {s.term_years:g} years left"
                  if s.still_listed else "Listing term over" if s.listed else "Not listed")
        return title, [f"Who restricts a party listed by {s.summary.listing_agency}",
                       f"Illustrative agencies; restrictions from the data. {status}"]

    def _chart_data(self, s: lists.LabState) -> dict[str, pd.DataFrame]:
        labels = self.rules.ground_labels
        mine = {p for p, lab in labels.items() if lab in s.grounds} if s.listed else {s.ground}
        dist = s.distribution.assign(current=lambda d: d["outcome"].isin(mine),
                                     status=lambda d: d["listed"].map({True: "listed", False: "not listed"}),
                                     order=range(len(s.distribution)))
        return {"cells": s.cells, "outcomes": dist}

    def chart(self, first: Update) -> alt.VConcatChart:
        """The grid of agencies x restrictions above the bars of outcomes; named data, titles as parameters."""
        cells, dist = first.data["cells"], first.data["outcomes"]
        states = list(lists.CELL_STATES)
        n_agencies = int(cells["agency_order"].max()) + 1
        kit_title = alt.param(name="kit_title", value=first.params["kit_title"])
        heat_title = alt.param(name="heat_title", value=first.params["heat_title"])
        heat = alt.Chart(alt.Data(name="cells"), title=alt.Title(alt.expr(heat_title.name))).mark_rect().encode(
            x=alt.X("restriction:N", title="Restriction on listed people (published)",
                    sort=alt.EncodingSortField("restriction_order"),
                    axis=alt.Axis(labelAngle=-35, labelLimit=180, grid=False)),
            y=alt.Y("agency:N", title="Agency (illustrative)", sort=alt.EncodingSortField("agency_order"),
                    axis=alt.Axis(labelLimit=240, grid=False)),
            color=alt.Color("state:N", title="In the grid", sort=states, legend=alt.Legend(labelLimit=260),
                            scale=alt.Scale(domain=states, range=[CELL_COLOURS[k] for k in states])),
            stroke=alt.condition("datum.is_listing_agency", alt.value("black"), alt.value("white")),
            strokeWidth=alt.condition("datum.is_listing_agency", alt.value(2), alt.value(1)),
            tooltip=[alt.Tooltip("agency:N", title="Agency (illustrative)"),
                     alt.Tooltip("restriction:N", title="Restriction"), alt.Tooltip("state:N", title="Cell"),
                     alt.Tooltip("is_listing_agency:N", title="Listing agency")],
        ).properties(width=charts.WIDTH, height=26 * n_agencies)
        bars = alt.Chart(alt.Data(name="outcomes"),
                         title=f"Outcomes for {int(dist['cases'].sum()):,} synthetic cases").mark_bar().encode(
            x=alt.X("cases:Q", title="Synthetic cases (count)"),
            y=alt.Y("label:N", title=None, sort=alt.EncodingSortField("order"), axis=alt.Axis(labelLimit=420)),
            color=alt.Color("status:N", title="Outcome", sort=["listed", "not listed"],
                            scale=alt.Scale(domain=["listed", "not listed"],
                                            range=[OUTCOME_COLOURS[True], OUTCOME_COLOURS[False]])),
            stroke=alt.condition("datum.current", alt.value("black"), alt.value(None)),
            strokeWidth=alt.condition("datum.current", alt.value(3), alt.value(0)),
            tooltip=[alt.Tooltip("label:N", title="Outcome"), alt.Tooltip("cases:Q", title="Cases", format=","),
                     alt.Tooltip("share:Q", title="Share", format=".1%"),
                     alt.Tooltip("current:N", title="Met by this case")],
        ).properties(width=charts.WIDTH - 240, height=22 * len(dist))
        return alt.vconcat(heat, bars, title=alt.Title(alt.expr(kit_title.name)), description=first.description
                           ).resolve_scale(color="independent").add_params(kit_title, heat_title)
