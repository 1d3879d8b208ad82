"""Per-row reference loops: each toy model's panel update done one person (or case) at a time in plain Python.

The vectorized update functions in ``widgets/models`` must give the same numbers: the tests check
them against these loops on small synthetic populations (``from benchmarks.reference_loops import
...``), and the benchmark scripts time them as the baseline of the speed-up they report
(``from reference_loops import ...``). The loops take plain lists, prepared once outside them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence

import pandas as pd

from widgets.models import (
    city_points, commercial_score, court_list, joint_punishment, lender_fairness, list_experiment, rewards_sanctions,
)


# --- fico: a lender's cut-off ------------------------------------------------------------------------
def cutoff_counts(scores: Sequence[float], repays: Sequence[bool], bins: Sequence[int], cutoff: float) -> tuple:
    """Approved, wrongly refused, approved defaulters, and people per (score bin, outcome code), sorted.

    Outcome codes follow ``fico.OUTCOMES``: 0/1 approved (would repay / would default), 2/3 refused.
    """
    approved = wrongly_refused = approved_defaulters = 0
    counts: dict[tuple[int, int], int] = {}
    for score, repay, b in zip(scores, repays, bins):
        ok = score >= cutoff
        approved += ok
        wrongly_refused += (not ok) and repay
        approved_defaulters += ok and not repay
        key = (b, (0 if ok else 2) + (0 if repay else 1))
        counts[key] = counts.get(key, 0) + 1
    return approved, wrongly_refused, approved_defaulters, sorted(counts.items())



# --- lender_fairness: one cut-off for all, or one per group ----------------------------------------
def _kth_from_top(values: list[float], share: float, high: float) -> float:
    """The cut-off that approves round(share * len(values)) of ``values`` (the k-th largest value)."""
    ordered = sorted(values)
    k = int(round(share * len(ordered)))
    if k == 0:
        return min(math.nextafter(ordered[-1], math.inf), high)
    return ordered[len(ordered) - k]


def fairness_update(scores: Sequence[float], repays: Sequence[bool], groups: Sequence[str], bins: Sequence[int],
                    cutoff: float, policy: str = "single", cutoff_b: float | None = None,
                    high: float = 850) -> tuple[dict, list]:
    """Per group (A, B): cut-off, people, would repay, approved, approved repayers, approved defaulters;
    and people per (group, score bin, outcome code), sorted. Outcome codes follow ``fico.OUTCOMES``.

    Equal opportunity and demographic parity pick B's cut-off by sorting B's scores in Python.
    """
    first = {g: [0, 0, 0, 0, 0] for g in lender_fairness.GROUPS}  # people, would repay, approved, TP, FP
    for score, repay, group in zip(scores, repays, groups):
        row = first[group]
        row[0] += 1
        row[1] += repay
        if group == "A" and score >= cutoff:
            row[2] += 1
            row[3] += repay
            row[4] += not repay
    people_a, repay_a, approved_a, tp_a = first["A"][:4]
    if policy == "single":
        cut_b = cutoff
    elif policy == "per_group":
        cut_b = cutoff_b
    elif policy == "equal_opportunity":
        cut_b = _kth_from_top([s for s, r, g in zip(scores, repays, groups) if g == "B" and r], tp_a / repay_a, high)
    else:
        cut_b = _kth_from_top([s for s, g in zip(scores, groups) if g == "B"], approved_a / people_a, high)
    cuts = {"A": cutoff, "B": cut_b}
    counts: dict[tuple[str, int, int], int] = {}
    for score, repay, group, b in zip(scores, repays, groups, bins):
        ok = score >= cuts[group]
        if group == "B" and ok:
            row = first["B"]
            row[2] += 1
            row[3] += repay
            row[4] += not repay
        key = (group, b, (0 if ok else 2) + (0 if repay else 1))
        counts[key] = counts.get(key, 0) + 1
    per_group = {g: (cuts[g], *first[g]) for g in lender_fairness.GROUPS}
    return per_group, sorted(counts.items())

# --- the commercial five-dimension score -----------------------------------------------------------
def commercial_update(ratings: Sequence[Sequence[float]], contacts: Sequence[Sequence[int]],
                      thresholds: Sequence[float], weights: Mapping[str, float], contact_influence: float,
                      scale: tuple[float, float], focal: int, what_if_rating: float,
                      bin_width: float = commercial_score.ILLUSTRATIVE_BIN_WIDTH) -> tuple[list, list, list]:
    """Users per score bin, users reaching each threshold, and the focal user's three scores
    (now, if their contacts were rated ``what_if_rating``, without contacts)."""
    c = contact_influence
    w = [weights[d] / 100.0 for d in commercial_score.DIMENSIONS]
    low, high = scale
    bins = int((high - low) // bin_width)
    own = [sum(row) / len(row) for row in ratings]
    counts = [0] * bins
    reached = [0] * len(thresholds)
    for i, row in enumerate(ratings):
        friends = contacts[i]
        friends_mean = sum(own[j] for j in friends) / len(friends)
        relations = (1 - c) * own[i] + c * friends_mean
        weighted = sum(r * wi for r, wi in zip(row, w)) + relations * w[4]
        score = low + (high - low) * weighted / 100.0
        counts[min(max(int((score - low) // bin_width), 0), bins - 1)] += 1
        for k, v in enumerate(thresholds):
            if score >= v:
                reached[k] += 1
    friends_mean = sum(own[j] for j in contacts[focal]) / len(contacts[focal])
    base = sum(r * wi for r, wi in zip(ratings[focal], w))
    relations = ((1 - c) * own[focal] + c * friends_mean, (1 - c) * own[focal] + c * what_if_rating, own[focal])
    effect = [low + (high - low) * (base + rel * w[4]) / 100.0 for rel in relations]
    return counts, reached, effect


# --- the city points scheme and fragmentation ------------------------------------------------------
def _judge(row: Sequence[float], values: Sequence[float], start: float, cutoffs: Sequence[tuple[str, float]],
           low: float, high: float) -> tuple[float, str]:
    total = start
    for count, value in zip(row, values):
        total += count * value
    total = min(max(total, low), high)
    return total, next(g for g, cut in cutoffs if total >= cut)


def city_update(rows: Sequence[Sequence[float]], person: Mapping[str, int], rules: city_points.RuleSet) -> tuple:
    """The person's per-behaviour points, points and grade, and residents and share (%) per grade."""
    values = [rules.effective_points.get(b, 0.0) for b in city_points.BEHAVIOURS]
    low, high = rules.scale.low, rules.scale.high
    cutoffs = list(rules.grade_cutoffs.items())
    parts = [(b, person[b] * v) for b, v in zip(city_points.BEHAVIOURS, values)]
    points = min(max(rules.start + sum(p for _, p in parts), low), high)
    grade = next(g for g, cut in cutoffs if points >= cut)
    counts = dict.fromkeys(rules.grades, 0)
    for row in rows:  # everyone's grade, one resident at a time
        counts[_judge(row, values, rules.start, cutoffs, low, high)[1]] += 1
    shares = {g: round(100.0 * c / len(rows), 2) for g, c in counts.items()}
    return parts, points, grade, counts, shares


def fragmentation_update(rows: Sequence[Sequence[float]], person: Mapping[str, int],
                         rule_sets: Sequence[city_points.RuleSet]) -> tuple:
    """The person's (points, grade) in each city; residents with more than one grade; median and
    largest spread of points across the cities."""
    scale = rule_sets[0].scale
    tables = [([rs.effective_points.get(b, 0.0) for b in city_points.BEHAVIOURS], rs.start,
               list(rs.grade_cutoffs.items())) for rs in rule_sets]

    def judge(row: Sequence[float]) -> list[tuple[float, str]]:
        return [_judge(row, values, start, cutoffs, scale.low, scale.high) for values, start, cutoffs in tables]

    judged = judge([person[b] for b in city_points.BEHAVIOURS])
    ranges, more_than_one = [], 0
    for row in rows:  # everyone, one resident at a time
        results = judge(row)
        points = [p for p, _ in results]
        ranges.append(max(points) - min(points))
        more_than_one += len({g for _, g in results}) > 1
    return judged, more_than_one, statistics.median(ranges), max(ranges)


# --- the court's list and joint punishment ---------------------------------------------------------
def _classify(row: Sequence[bool], version: str) -> tuple[list[str], str]:
    """The grounds one case meets under one text (in that text's article order), and its outcome key."""
    flags = dict(zip(court_list.CASE_COLUMNS, row))
    if all(flags[c] for c in court_list.PRECONDITIONS[version]):
        order = sorted(court_list.ARTICLE_ITEMS[version], key=court_list.ARTICLE_ITEMS[version].get)
        met = [g for g in order if all(flags[c] for c in court_list.GROUND_RULES[g])]
    else:
        met = []
    if met:
        return met, met[0]
    return met, court_list.NOT_LISTED_UNABLE if flags["not_performed"] else court_list.NOT_LISTED_PERFORMS


def _term(met: Sequence[str], text: court_list.ListingText, extension: int) -> tuple[float | None, bool]:
    """(the longest fixed term of the grounds met, with the extension where the text allows one; open-ended?)."""
    fixed, open_ended = None, False
    for g in met:
        term = text.term_of(g)
        if term is None:
            open_ended = True
            continue
        item = court_list.ARTICLE_ITEMS[text.version][g]
        if text.extension is not None and item in text.extension_items:
            term += extension
        fixed = term if fixed is None else max(fixed, term)
    return fixed, open_ended


def joint_punishment_update(rows: Sequence[Sequence[bool]], case: Mapping[str, bool], agency: str,
                            years_since_listing: float, extension_years: int, rules: court_list.ListRules,
                            matrix: pd.DataFrame, text: court_list.ListingText) -> dict:
    """One case's outcome and whether it is listed now (2017 text); cases per outcome; the joint-punishment
    table and the grid's cells (agency, restriction label, state, listing agency?)."""
    keys, labels = rules.outcome_keys(), rules.outcome_labels()
    restrictions = list(rules.restrictions["parameter"])
    restriction_labels = dict(zip(rules.restrictions["parameter"], rules.restrictions["label"]))
    agencies = [str(a) for a in matrix.index]
    cell = {a: {r: bool(matrix.at[a, r]) for r in restrictions} for a in agencies}
    met, ground = _classify([case[c] for c in court_list.CASE_COLUMNS], "2017")
    fixed, open_ended = _term(met, text, extension_years)
    still = bool(met) and (open_ended or (fixed is not None and years_since_listing < fixed))
    counts = dict.fromkeys(keys, 0)
    for row in rows:
        counts[_classify(row, "2017")[1]] += 1
    distribution = [(k, labels[k], counts[k], counts[k] / len(rows)) for k in keys]
    joint = []
    for r in restrictions:
        n = sum(cell[a][r] for a in agencies)
        joint.append((r, n, cell[agency][r], n - cell[agency][r], n > 0))
    cells = [(a, restriction_labels[r],
              joint_punishment.CELL_STATES[0 if still else 1] if cell[a][r] else joint_punishment.CELL_STATES[2],
              a == agency) for a in agencies for r in restrictions]
    return {"ground": ground, "still": still, "distribution": distribution, "joint": joint, "cells": cells}


def court_list_update(rows: Sequence[Sequence[bool]], draws: Sequence[float], version: str, extension_years: int,
                      annual_deletion_chance: float, early_deletion: bool,
                      texts: Mapping[str, court_list.ListingText], horizon: int) -> dict:
    """Each synthetic debtor under both texts, one at a time: (version, bin, reason) counts and the summaries."""
    other = "2013" if version == "2017" else "2017"
    reasons = list(court_list.REASONS)
    log_stay = math.log(1 - annual_deletion_chance)
    counts, summaries = {}, {}
    for v in (version, other):
        listed, by_reason, long_, still_n = 0, dict.fromkeys(reasons, 0), 0, 0
        for row, draw in zip(rows, draws):
            met, _ground = _classify(row, v)
            if not met:
                continue
            fixed, open_ended = _term(met, texts[v], extension_years)
            event = math.log(draw) / log_stay
            term_end = None if fixed is None else (min(fixed, event) if early_deletion else fixed)
            if open_ended:
                end = event if term_end is None else max(term_end, event)
                reason = "open_ended" if term_end is None else "both"
            else:
                end, reason = term_end, "term"
            still = end > horizon
            key = (v, horizon if still else min(math.floor(end), horizon - 1), reason)
            counts[key] = counts.get(key, 0) + 1
            listed += 1
            by_reason[reason] += 1
            long_ += end >= court_list.LONG_YEARS
            still_n += still
        summaries[v] = {"listed": listed, "open_ended": by_reason["open_ended"], "term_only": by_reason["term"],
                        "both": by_reason["both"], "five_or_more": long_, "still_listed": still_n}
    return {"counts": counts, "summaries": summaries}


# --- rewards versus sanctions ----------------------------------------------------------------------
def draws_as_lists(assumptions: rewards_sanctions.Assumptions, n: int) -> tuple[list, list, list]:
    """The synthetic people's draws (awareness, compliance log-odds, caught) as plain lists."""
    d = rewards_sanctions.draws(assumptions.seed, n, assumptions.periods)
    return d.awareness_draw.tolist(), d.compliance_logit.tolist(), d.caught_draw.tolist()


def rewards_sanctions_compare(assumptions: rewards_sanctions.Assumptions, n: int,
                              lists: tuple | None = None) -> pd.DataFrame:
    """``rewards_sanctions.compare`` computed one person, scenario and period at a time."""
    aware_draw, compliance_logit, caught_draw = draws_as_lists(assumptions, n) if lists is None else lists
    a = assumptions
    start = rewards_sanctions.logit(a.baseline_compliance)
    gains = [(a.reward_response * 0.0, a.sanction_response * 0.0),
             (a.reward_response * a.reward_size, a.sanction_response * 0.0),
             (a.reward_response * 0.0, a.sanction_response * a.sanction_size),
             (a.reward_response * a.reward_size, a.sanction_response * a.sanction_size)]
    counts = [[0] * len(gains) for _ in range(a.periods)]
    for i in range(n):
        aware = aware_draw[i] < a.awareness
        for j, (gain_reward, gain_sanction) in enumerate(gains):
            log_odds = start
            for t in range(a.periods):
                complied = compliance_logit[t][i] < log_odds
                if complied:
                    counts[t][j] += 1
                if aware:
                    if complied:
                        log_odds += gain_reward
                    elif caught_draw[t][i] < a.sanction_probability:
                        log_odds += gain_sanction
    rows = [[t + 1] + [c / n for c in counts[t]] for t in range(a.periods)]
    return pd.DataFrame(rows, columns=["period", *rewards_sanctions.SCENARIOS])


def rewards_sanctions_update(assumptions: rewards_sanctions.Assumptions, n: int, lists: tuple | None = None) -> tuple:
    """The chart's rows (scenario label, period, percent), each scenario's (final share, gain in
    points), and how many people are aware."""
    lists = draws_as_lists(assumptions, n) if lists is None else lists
    comparison = rewards_sanctions_compare(assumptions, n, lists)
    long = [(label, int(row.period), round(getattr(row, key) * 100, 2))
            for key, label in rewards_sanctions.SCENARIOS.items() for row in comparison.itertuples()]
    last = comparison.iloc[-1]
    final = {key: (last[key], round((last[key] - last["neither"]) * 100, 2)) for key in rewards_sanctions.SCENARIOS}
    aware = sum(1 for x in lists[0] if x < assumptions.awareness)
    return long, final, aware


# --- the firms' lists --------------------------------------------------------------------------------
def firm_lists_update(rows: Sequence[Sequence[tuple[bool, bool, bool, bool, bool]]], applies_early: Sequence[bool],
                      rules: str, escalation_years: int, removal_years: int, early_removal_years: int,
                      bar_years: int) -> tuple[list, list]:
    """Each firm's (abnormal, serious, barred) per year, and the firms per (year, state), one firm and
    one year at a time. ``rows[i][t]`` is firm i's (files, reachable, false_info, grave_violation,
    heavier_penalty) in toy year t; ``rules`` is '2014' or '2021'."""
    years = len(rows[0])
    counts = [[0, 0, 0, 0] for _ in range(years)]
    statuses = []
    for firm, early in zip(rows, applies_early):
        run, since, off_early, bar_left, was_serious = 0, None, False, 0, False
        status = []
        for t, (files, reachable, false_info, grave, heavier) in enumerate(firm):
            abnormal = (not files) or (not reachable) or false_info
            run = run + 1 if abnormal else 0
            ground = run > escalation_years or (grave and (heavier or rules == "2014"))
            if ground:
                since, off_early = 0, False
            elif since is not None:
                since += 1
            within = since is not None and since < removal_years
            if (rules == "2021" and within and not off_early and not ground and not abnormal
                    and since >= early_removal_years and early):
                off_early = True
            serious = within and not off_early
            bar_left -= 1
            if serious and not was_serious:
                bar_left = bar_years
            was_serious = serious
            status.append((abnormal, serious, bar_left > 0))
            counts[t][int(abnormal) + 2 * int(serious)] += 1
        statuses.append(status)
    return statuses, counts


# --- the toy list experiment ---------------------------------------------------------------------
def list_experiment_lists(assumptions: list_experiment.Assumptions) -> tuple[list, list, list, list]:
    """The synthetic respondents' draws (long-list views and counts, short-list views and counts) as plain lists."""
    a = assumptions
    d = list_experiment.draws(a)
    m1, m0 = a.long_size, a.short_size
    return (d.long_view[:, :m1].tolist(), d.long_count[:, :m1].tolist(),
            d.short_view[:, :m0].tolist(), d.short_count[:, :m0].tolist())


def list_experiment_estimates(assumptions: list_experiment.Assumptions, lists: tuple | None = None) -> list[tuple]:
    """Per synthetic survey, one respondent at a time: (direct, low, high, list, low, high), in percent."""
    a = assumptions
    long_view, long_count, short_view, short_count = list_experiment_lists(a) if lists is None else lists
    t, q = list_experiment.view_thresholds(a)
    z = list_experiment.Z95
    out = []
    for r in range(a.replicates):
        says = 0
        n1 = s1 = ss1 = 0
        for view, count in zip(long_view[r], long_count[r]):
            y = count + (1 if view < t else 0)
            n1 += 1
            s1 += y
            ss1 += y * y
            says += view < q
        n0 = s0 = ss0 = 0
        for view, count in zip(short_view[r], short_count[r]):
            n0 += 1
            s0 += count
            ss0 += count * count
            says += view < q
        mean1, mean0 = s1 / n1, s0 / n0
        var1 = (ss1 - n1 * mean1 * mean1) / (n1 - 1)
        var0 = (ss0 - n0 * mean0 * mean0) / (n0 - 1)
        tau = mean1 - mean0
        se_list = math.sqrt(var1 / n1 + var0 / n0)
        p = says / (n1 + n0)
        se_direct = math.sqrt(p * (1 - p) / (n1 + n0))
        out.append((p * 100, (p - z * se_direct) * 100, (p + z * se_direct) * 100,
                    tau * 100, (tau - z * se_list) * 100, (tau + z * se_list) * 100))
    return out


def list_experiment_update(assumptions: list_experiment.Assumptions, lists: tuple | None = None) -> tuple:
    """The per-survey estimates, each method's (mean, spread, mean interval width, coverage %), and the
    histogram's (method label, bin start, surveys) rows."""
    a = assumptions
    rows = list_experiment_estimates(a, lists)
    truth = a.true_support * 100
    low, high = list_experiment.HISTOGRAM_RANGE
    width = list_experiment.BIN_WIDTH
    summary, bins = {}, []
    for offset, (method, label) in zip((0, 3), list_experiment.METHODS.items()):
        values = [row[offset] for row in rows]
        mean = sum(values) / len(values)
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        ci = sum(row[offset + 2] - row[offset + 1] for row in rows) / len(rows)
        covered = sum(1 for row in rows if row[offset + 1] <= truth <= row[offset + 2]) / len(rows) * 100
        summary[method] = (mean, spread, ci, covered)
        counts: dict[int, int] = {}
        for v in values:
            k = int(math.floor((min(max(v, low), high - 1e-9) - low) / width))
            counts[k] = counts.get(k, 0) + 1
        bins += [(label, low + k * width, counts[k]) for k in sorted(counts)]
    return rows, summary, bins
