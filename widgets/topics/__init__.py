"""Each notebook's views of the sourced tables in ``data/`` (no altair, no ipywidgets).

- ``credit_bureau``         the central bank's credit database and its 2013 rules (notebook 01)
- ``timeline``              the 2002-2022 timeline (notebook 02)
- ``uscc``                  the unified social credit code: its parts and check character (02)
- ``city_uptake``           published uptake of the city scores (03, 07)
- ``official_counts``       official counts beside the chapter's figures (03, 06)
- ``state_and_commercial``  state versus commercial schemes; Baihang's ownership (04)
- ``defaulter_list``        the court defaulter list's published growth; the teaching cases (05)
- ``surveys``               survey figures and framing effects (07)
- ``myth_or_fact``          the myth-or-fact pre-check and final check (00, 08)
- ``chapter_check``         checking the chapter against the fact-check ledger (08)
- ``later_law``             the documents since the chapter: credit repair, the draft law (08)
- ``abroad``                comparisons abroad: the EU AI Act, US time limits, platform ratings (08)
"""
