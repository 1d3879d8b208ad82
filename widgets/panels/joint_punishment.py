"""Panel of notebooks 03 and 05: the court defaulter rule (2017 text) and joint punishment, for one synthetic case.

The six grounds, which of them have a term (grounds 2-6: two years, extendable; ground 1: none),
the restrictions and memorandum counts are read from ``data/listing_rules.csv`` and
``data/scoring_models.csv`` with their source ids; the agency x restriction mapping and the
synthetic cases are illustrative. The models are ``widgets.models.court_list`` and
``widgets.models.joint_punishment``; the chart ``widgets.charts.court_list``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import html

import pandas as pd

from ..charts.court_list import joint_punishment_frames, joint_punishment_live_chart, joint_punishment_titles
from ..models import court_list, joint_punishment
from .court_list import default_cases
from .live import Checkbox, Group, LivePanel, Number, Select, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

ILLUSTRATIVE_CASE = {"able_to_pay": True, "not_performed": True, "obstructs": False, "evades": False,
                     "breaches_property_report": False, "breaches_consumption_order": False,
                     "reneges_settlement": False}  # default synthetic case: able to pay, has not (ground 1)
ILLUSTRATIVE_YEARS_SINCE_LISTING = 1.0  # default control value: illustrative


def _years(value: float) -> str:
    return f"{value:g} year" if value == 1 else f"{value:g} years"


def _sources(ids: list[str]) -> str:
    return "".join(f"[{i}]" for i in sorted(set(ids), key=lambda s: (len(s), s)))


class JointPunishmentPanel(LivePanel):
    """One synthetic case through the court defaulter rule and an illustrative joint-punishment matrix."""

    css_class = "kit-lists-panel"

    def __init__(self, cases: pd.DataFrame | None = None, matrix: pd.DataFrame | None = None,
                 rules: court_list.ListRules | None = None) -> None:
        self.rules = rules if rules is not None else court_list.list_rules()
        self.text = court_list.listing_text("2017")
        self.cases = default_cases() if cases is None else court_list.check_cases(cases)
        matrix = matrix if matrix is not None else joint_punishment.illustrative_matrix(self.rules)
        self.matrix = joint_punishment.check_matrix(matrix, self.rules)
        self.red_list = joint_punishment.red_list()
        grounds = dict(zip(self.rules.grounds["parameter"], self.rules.grounds["label"]))
        labels = {"able_to_pay": "Able to pay the judgment", "not_performed": "Has not performed the judgment",
                  **{cols[0]: f"Ground {court_list.ARTICLE_ITEMS['2017'][p]}: {grounds[p]}"
                     for p, cols in court_list.GROUND_RULES.items() if len(cols) == 1}}
        agencies = [str(a) for a in self.matrix.index]
        default = joint_punishment.ILLUSTRATIVE_LISTING_AGENCY
        default_agency = default if default in agencies else agencies[0]
        low, high = self.rules.extension_range
        self._distributions: dict[int, pd.DataFrame] = {}
        flags = tuple(Checkbox(f"flag_{c}", labels[c], ILLUSTRATIVE_CASE[c]) for c in court_list.CASE_COLUMNS)
        controls = [Group("One synthetic case (tick what applies)", flags),
                    Group("Joint punishment and time", (
                        Select("agency", "Listed by", tuple((a, a) for a in agencies), default_agency,
                               unit="illustrative agency"),
                        Number("years_since", "Years since listing", "years", ILLUSTRATIVE_YEARS_SINCE_LISTING,
                               min=0, step=0.5),
                        Number("extension", "Extension", f"years: 0 or {low}-{high}", 0, min=0, max=high, step=1)))]
        super().__init__("The court defaulter list and joint punishment", controls, self._note())
        self.flags = {c: self.control(f"flag_{c}") for c in court_list.CASE_COLUMNS}
        self.agency, self.years_since, self.extension = (self.control(n) for n in ("agency", "years_since", "extension"))

    def _note(self) -> str:
        r = self.rules
        grounds_src = _sources(list(r.grounds["source_id"]) + [r.source("listing_term"), r.source("extension_max")])
        text_src = _sources(self.text.source_ids)
        restr_src = _sources(list(r.restrictions["source_id"]))
        return (f"Published: the {len(r.grounds)} grounds for listing in Art. 1 of the 2017 text {grounds_src}, the "
                f"{r.term_years}-year term of grounds 2&ndash;6 and its {r.extension_range[0]}&ndash;"
                f"{r.extension_range[1]}-year extension, and no fixed term for ground 1 {text_src}; "
                f"the {len(r.restrictions)} restrictions {restr_src}; the "
                f"{r.value('mou_2016_signatories'):g} signatories of the January 2016 memorandum "
                f"[{r.source('mou_2016_signatories')}]; the central memoranda by May 2020 "
                f"[{r.source('central_memoranda')}]; what red lists are [{self.red_list['source_id']}]. Illustrative (this kit's toy, not facts): which agency imposes "
                "which restriction and the agencies' generic names (the sources do not say), the assumption that "
                "every agency acts on every other agency's list, a fixed-term listing running its full term, and the "
                f"{len(self.cases):,} synthetic cases with their shares (seeded).")

    def case(self, values: dict[str, Any] | None = None) -> dict[str, bool]:
        """The synthetic case now set in the controls."""
        values = self.values if values is None else values
        return {c: bool(values[f"flag_{c}"]) for c in court_list.CASE_COLUMNS}

    def state(self, values: dict[str, Any] | None = None) -> joint_punishment.JointPunishmentUpdate:
        """The model's answer for the controls (raises ValueError for a bad value). The synthetic cases'
        outcomes do not depend on the case: they are computed once per extension."""
        values = self.values if values is None else values
        extension = values["extension"]
        distribution = None
        if isinstance(extension, int) and not isinstance(extension, bool):
            if extension not in self._distributions:
                listing = court_list.defaulter_listing(
                    self.cases, extension_years=court_list.check_extension(extension, self.rules), rules=self.rules,
                    text=self.text)
                self._distributions[extension] = court_list.listing_distribution(listing, self.rules)
            distribution = self._distributions[extension]
        return joint_punishment.joint_punishment_update(self.case(values), values["agency"], values["years_since"],
                                                        extension, self.cases, self.matrix, self.rules,
                                                        text=self.text, distribution=distribution)

    def compute(self, values: dict[str, Any]) -> Update:
        s = self.state(values)
        r = self.rules
        src = r.source("listing_term")
        agency = html.escape(s.summary.listing_agency)
        text_src = _sources(self.text.source_ids)
        if s.listed:
            grounds = "; ".join(s.grounds)
            plural = "s" if len(s.grounds) > 1 else ""
            since = _years(values["years_since"])
            if s.open_ended:
                fixed = ""
                if not pd.isna(s.term_years):
                    others = "grounds" if len(s.grounds) > 2 else "ground"
                    fixed = (f" A listing on its other {others} alone would end after {s.term_years:g} years; "
                             f"the ground-1 listing outlasts it.")
                term_line = (f"Ground 1 has <b>no fixed term</b> {text_src}: the listing lasts until the person "
                             f"performs or another deletion event of Art. 10 ends it.{fixed} Listed {since} ago, "
                             f"still listed.")
            else:
                extension = s.term_years - r.term_years
                status = (f"ends in {_years(s.years_left)}" if s.still_listed
                          else f"ended {_years(values['years_since'] - s.term_years)} ago, so no restriction applies now")
                term_line = (f"Term: {r.term_years} years + {extension:g} years extension = "
                             f"<b>{s.term_years:g} years</b> [{src}]; listed {since} ago, the listing {status}.")
            case_line = f"<b>Listed</b> on {len(s.grounds)} ground{plural}: {grounds} {text_src}. {term_line}"
        elif s.ground == court_list.NOT_LISTED_UNABLE:
            case_line = (f"<b>Not listed</b>: this person cannot pay and meets none of the conduct grounds. Inability "
                         f"to pay is not a ground; ground 1 needs ability to pay plus refusal {text_src}.")
        else:
            case_line = (f"<b>Not listed</b>: this person has performed the judgment, and only a debtor who has not "
                         f"performed can be listed {text_src}.")
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
        unable_n = int(dist.loc[dist["outcome"] == court_list.NOT_LISTED_UNABLE, "cases"].sum())
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
        title, heat_title = joint_punishment_titles(s)
        return Update(numbers, description, joint_punishment_frames(s), title=title,
                      params={"kit_title": title, "heat_title": heat_title})

    def chart(self, first: Update) -> alt.VConcatChart:
        return joint_punishment_live_chart(first.data, title=first.params["kit_title"],
                                           heat_title=first.params["heat_title"], description=first.description)
