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

from widgets.models import city_points, commercial_score, court_list, joint_punishment, list_experiment, rewards_sanctions


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
def joint_punishment_update(rows: Sequence[Sequence[bool]], case: Mapping[str, bool], agency: str,
                            years_since_listing: float, extension_years: int, rules: court_list.ListRules,
                            matrix: pd.DataFrame) -> dict:
    """One case's outcome and whether it is listed now; cases per outcome; the joint-punishment table
    and the grid's cells (agency, restriction label, state, listing agency?)."""
    grounds = list(rules.grounds["parameter"])
    needs = [[court_list.CASE_COLUMNS.index(c) for c in court_list.GROUND_RULES[g]] for g in grounds]
    keys, labels = rules.outcome_keys(), rules.outcome_labels()
    restrictions = list(rules.restrictions["parameter"])
    restriction_labels = dict(zip(rules.restrictions["parameter"], rules.restrictions["label"]))
    agencies = [str(a) for a in matrix.index]
    cell = {a: {r: bool(matrix.at[a, r]) for r in restrictions} for a in agencies}

    def classify(row: Sequence[bool]) -> tuple[str, int]:
        first, count = None, 0
        for ground, need in zip(grounds, needs):
            if all(row[i] for i in need):
                count += 1
                if first is None:
                    first = ground
        if first is None:
            first = court_list.NOT_LISTED_PERFORMS if row[0] else court_list.NOT_LISTED_UNABLE
        return first, count

    ground, count = classify([case[c] for c in court_list.CASE_COLUMNS])
    listed = count > 0
    total = rules.term_years + extension_years if listed else float("nan")
    still = listed and years_since_listing < total
    counts = dict.fromkeys(keys, 0)
    for row in rows:
        counts[classify(row)[0]] += 1
    distribution = [(k, labels[k], counts[k], counts[k] / len(rows)) for k in keys]
    joint = []
    for r in restrictions:
        n = sum(cell[a][r] for a in agencies)
        joint.append((r, n, cell[agency][r], n - cell[agency][r], n > 0))
    cells = [(a, restriction_labels[r],
              joint_punishment.CELL_STATES[0 if still else 1] if cell[a][r] else joint_punishment.CELL_STATES[2],
              a == agency) for a in agencies for r in restrictions]
    return {"ground": ground, "still": still, "distribution": distribution, "joint": joint, "cells": cells}


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
