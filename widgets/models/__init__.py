"""The toy models: pure, vectorized NumPy and pandas, one module per toy (no altair, no ipywidgets).

- ``population``         synthetic borrowers (notebook 01)
- ``fico``               the FICO-style toy score and a lender's cut-off (01)
- ``lender_fairness``    one cut-off for all or one per group, over two synthetic groups (01)
- ``commercial_score``   the commercial five-dimension toy score, synthetic users with contacts (04)
- ``city_points``        a toy city points scheme (03)
- ``fragmentation``      one synthetic person judged by many toy cities (03)
- ``court_list``         the court defaulter rule over synthetic cases (03, 05)
- ``joint_punishment``   every agency acting on every other agency's list; red lists (03, 05)
- ``rewards_sanctions``  rewards versus sanctions over time, awareness as a parameter (06)
- ``firm_lists``         synthetic firms on the abnormal-operations and serious-violation lists (02)
- ``list_experiment``    a list experiment against a direct question, with hidden views (07)

Each model reads its published parameters through ``widgets.data.PublishedRows``, names its
other parameters ``ILLUSTRATIVE_*``, seeds its synthetic people with a named seed, and has one
update function that its panel and the benchmarks both call.
"""
