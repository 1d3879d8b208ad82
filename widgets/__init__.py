"""The Python package behind the social-credit teaching kit's notebooks, in layers (each imports only below it).

    course/     build, export, slides, grading, links: the instructor's tooling
    panels/     live panels: native labelled controls and one Vega view updated in place (anywidget)
    charts/     the theme, the offline renderer and every chart builder, by subject
    models/     the toy models, pure NumPy and pandas    topics/   each notebook's views of data/
    base        data (load, validate, PublishedRows), sources (citations, Markdown helpers),
                checks (input checks), course_map (instructor/course.yml), runtime (a student's
                kernel or a build's: KIT_BUILD)

- ``widgets.models``: ``population``, ``fico``, ``commercial_score``, ``city_points``, ``fragmentation``,
  ``court_list``, ``joint_punishment``, ``rewards_sanctions``, ``firm_lists``: one toy each, with one update function
- ``widgets.topics``: ``timeline``, ``surveys``, ``city_uptake``, ``official_counts``, ``defaulter_list``,
  ``state_and_commercial``, ``myth_or_fact``, ``chapter_check``, ``uscc``
- ``widgets.charts``: the theme (re-exported here) and one builder module per subject
- ``widgets.panels``: one panel module per model or topic, on ``panels.base.Panel``
- ``widgets.course``: ``python -m widgets.course.build | export | grading | links``

CONTRIBUTING.md says where a new model, chart, panel or notebook goes.
"""

__version__ = "0.1.0"
