"""The toy models: pure, vectorized NumPy and pandas, one module per toy (no altair, no ipywidgets).

- ``population``         synthetic borrowers (notebook 01)
- ``fico``               the FICO-style toy score and a lender's cut-off (01)
- ``lender_fairness``    one cut-off for all or one per group, over two synthetic groups (01)
- ``commercial_score``   the commercial five-dimension toy score, synthetic users with contacts (04)
- ``city_points``        a toy city points scheme (03)
- ``fragmentation``      one synthetic person judged by many toy cities (03)
- ``court_list``         synthetic court cases and how long their debtors stay listed (03, 05)
- ``court_list_rules``   the court defaulter rule of the 2013 and 2017 texts (re-exported by ``court_list``)
- ``joint_punishment``   every agency acting on every other agency's list; red lists (03, 05)
- ``rewards_sanctions``  rewards versus sanctions over time, awareness as a parameter (06)
- ``firm_lists``         synthetic firms on the abnormal-operations and serious-violation lists (02)
- ``firm_lists_draws``   the synthetic firms' illustrative chances and seeded draws (re-exported by ``firm_lists``)
- ``list_experiment``    a list experiment against a direct question, with hidden views: the estimates (07)
- ``list_experiment_draws``  its design and synthetic respondents (re-exported by ``list_experiment``)

Each model reads its published parameters through ``widgets.data.PublishedRows``, names its
other parameters ``ILLUSTRATIVE_*``, seeds its synthetic people with a named seed, and has one
update function that its panel and the benchmarks both call.
"""
