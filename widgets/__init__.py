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
- ``widgets.timeline``    the 2002-2022 timeline: filtering and its chart
- ``widgets.surveys``     survey figures and framing effects: shaping and charts (unconfirmed rows never drawn as bars)
- ``widgets.quiz``        the myth-or-fact pre-check and self-assessment
- ``widgets.factcheck``   the fact-check exercise over data/claims.csv
- ``widgets.compare``     state versus commercial schemes side by side; Baihang's ownership
- ``widgets.defaulters``  the court defaulter list's published growth (people and violations kept apart); cases
- ``widgets.uptake``      published uptake of city scores
- ``widgets.counts``      sourced counts beside the chapter's figures (joint conference, pilots, batches)
- ``widgets.charts``      Altair chart builders sharing one theme and an offline renderer
- ``widgets.panels``      live panels (an anywidget front-end: native controls, one Vega view), one module per model
- ``widgets.build``       the source -> student/solution -> executed notebook pipeline
- ``widgets.export``      offline HTML exports and reveal.js slide decks
- ``widgets.grading``     otter-grader autograder archives and local grading
- ``widgets.links``       Binder and nbgitpuller links for handing the kit out
"""

__version__ = "0.1.0"
