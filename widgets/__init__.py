"""The Python package behind the social-credit teaching kit's notebooks.

Modules, each small and tested:

- ``widgets.checks``      input checks that raise clear ``ValueError``/``TypeError``
- ``widgets.data``        load the sourced tables in ``data/`` (validated on load)
- ``widgets.sources``     citations and source lists generated from ``data/sources.csv``
- ``widgets.population``  seeded synthetic populations (toy data, never real people)
- ``widgets.scoring``     vectorized toy scoring models (FICO-style score, lender's cut-off)
- ``widgets.commercial``  the commercial five-dimension toy score, synthetic users with contacts, benefit thresholds
- ``widgets.lists``       the court defaulter rule, joint punishment, red-list memoranda
- ``widgets.behaviour``   toy model of rewards versus sanctions over time, awareness as a parameter
- ``widgets.city``        toy city points scheme and the fragmentation model (one person, many cities)
- ``widgets.charts``      Altair chart builders sharing one theme and an offline renderer
- ``widgets.panels``      ipywidgets panels, one module per model (ipywidgets is imported as ``ipw``)
- ``widgets.build``       the source -> student/solution -> executed notebook pipeline
"""

__version__ = "0.1.0"
