"""Instructor tooling: build the notebooks, export them, grade them, hand them out.

- ``build``     one source -> student copy + solution copy -> executed (``python -m widgets.course.build``)
- ``export``    offline HTML pages (``python -m widgets.course.export html``) and slide decks (``... slides``)
- ``slides``    the slide decks, one reveal.js deck per teaching session
- ``slide_content``  what each slide says, from the notebooks' slide regions and executed cells
- ``grading``   otter-grader autograder archives and local grading (``python -m widgets.course.grading``)
- ``links``     Binder and nbgitpuller links (``python -m widgets.course.links``)
- ``feedback``  exercise checks that give feedback without showing the key (used by the notebooks' tests)
- ``keys``      the computed keys of numeric exercises, one module per notebook

The course map these read (notebooks, sessions, exercises) is ``widgets.course_map``.
"""
