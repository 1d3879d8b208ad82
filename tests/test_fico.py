"""Unit tests of the synthetic population and the FICO-style toy scoring model."""

import numpy as np
import pandas as pd
import pytest

from benchmarks.reference_loops import cutoff_counts
from widgets.models import fico, population

WEIGHTS = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}


@pytest.fixture(scope="module")
def people():
    return population.synthetic_borrowers(n=20_000, seed=7)


def test_population_is_seeded_and_shaped(people):
    again = population.synthetic_borrowers(n=20_000, seed=7)
    pd.testing.assert_frame_equal(people, again)
    other = population.synthetic_borrowers(n=20_000, seed=8)
    assert not people.equals(other)
    assert list(people.columns) == ["person", *population.FICO_FACTORS, "repays"]
    assert people[list(population.FICO_FACTORS)].min().min() >= 0
    assert people[list(population.FICO_FACTORS)].max().max() <= 100
    assert people["repays"].dtype == bool
    assert 0.5 < people["repays"].mean() < 0.95  # most, not all, synthetic borrowers repay


def test_ratings_track_repayment(people):
    # the toy's story: people who repay have better payment-history ratings on average
    by_outcome = people.groupby("repays")["payment_history"].mean()
    assert by_outcome[True] > by_outcome[False] + 10


def test_score_matches_hand_calculation():
    person = pd.DataFrame([{"payment_history": 90, "amounts_owed": 60, "length_of_history": 40,
                            "credit_mix": 50, "new_credit": 80}])
    # 300 + 550 * (.35*.9 + .3*.6 + .15*.4 + .1*.5 + .1*.8) = 676.75
    assert fico.fico_style_score(person, WEIGHTS).iloc[0] == pytest.approx(676.75)


def test_score_bounds(people):
    scores = fico.fico_style_score(people, WEIGHTS)
    assert scores.between(300, 850).all()
    best = pd.DataFrame([{f: 100 for f in population.FICO_FACTORS}, {f: 0 for f in population.FICO_FACTORS}])
    assert list(fico.fico_style_score(best, WEIGHTS)) == [850, 300]


def test_contributions_add_up_to_the_score():
    ratings = {"payment_history": 90, "amounts_owed": 60, "length_of_history": 40, "credit_mix": 50, "new_credit": 80}
    parts = fico.score_contributions(ratings, WEIGHTS)
    assert list(parts["factor"]) == list(population.FICO_FACTORS)
    assert 300 + parts["points"].sum() == pytest.approx(676.75, abs=0.1)


def test_cutoff_counts_are_consistent(people):
    scores = fico.fico_style_score(people, WEIGHTS)
    result = fico.apply_cutoff(scores, people["repays"], 620)
    assert result.approved + result.refused == len(people)
    assert result.approved == int((scores >= 620).sum())
    assert result.wrongly_refused == int(((scores < 620) & people["repays"]).sum())
    assert result.approved_defaulters == int(((scores >= 620) & ~people["repays"]).sum())
    stricter = fico.apply_cutoff(scores, people["repays"], 700)
    assert stricter.approved < result.approved
    assert stricter.wrongly_refused > result.wrongly_refused
    assert stricter.approved_defaulters <= result.approved_defaulters


def test_histogram_matches_cutoff_counts(people):
    scores = fico.fico_style_score(people, WEIGHTS)
    hist = fico.outcome_histogram(scores, people["repays"], 655)
    result = fico.apply_cutoff(scores, people["repays"], 655)
    totals = hist.groupby("outcome", observed=False)["people"].sum()
    assert totals["approved, would repay"] + totals["approved, would default"] == result.approved
    assert totals["refused, would repay"] == result.wrongly_refused
    assert hist["people"].sum() == len(people)
    assert len(hist) <= 5_000
    # sorted by bin, then in the fixed order of the outcomes, so saved outputs are deterministic
    rank = hist["outcome"].map({o: i for i, o in enumerate(fico.OUTCOMES)})
    keys = list(zip(hist["bin_start"], rank))
    assert keys == sorted(keys)


def test_scores_every_borrower_of_a_full_size_population(people):
    big = population.synthetic_borrowers(n=100_000)
    scores = fico.fico_style_score(big, WEIGHTS)
    assert isinstance(scores, pd.Series) and len(scores) == 100_000
    assert np.isfinite(scores.to_numpy()).all()


def test_the_cutoff_update_matches_the_per_row_loop(people):
    scores = fico.fico_style_score(people, WEIGHTS)
    model = fico.CutoffModel(scores, people["repays"])
    bins = np.clip(((scores.to_numpy() - 300) // 10).astype(int), 0, model.n_bins - 1).tolist()
    for cutoff in (300, 575, 620.5, 850):
        result, hist = model.update(cutoff)
        approved, wrongly_refused, approved_defaulters, counts = cutoff_counts(
            scores.tolist(), people["repays"].tolist(), bins, cutoff)
        assert (result.approved, result.wrongly_refused, result.approved_defaulters) == (
            approved, wrongly_refused, approved_defaulters)
        codes = {o: i for i, o in enumerate(fico.OUTCOMES)}
        by_bin = sorted(((int((b - 300) // 10), codes[o]), n) for b, o, n in zip(hist["bin_start"], hist["outcome"],
                                                                               hist["people"]))
        assert by_bin == counts
