"""Every chart of the kit: one theme and offline renderer (``theme``), and the builders, one module per subject.

Importing the package sets the renderer. The theme's names are re-exported here
(``widgets.charts.PALETTE``, ``widgets.charts.describe`` ...); the builders live in
``fico``, ``lender_fairness``, ``credit_bureau``, ``commercial_score``, ``city``, ``court_list``,
``rewards_sanctions``, ``timeline``, ``surveys``, ``city_uptake``, ``official_counts``,
``state_and_commercial``, ``myth_or_fact``, ``chapter_check``, ``uscc``, ``firm_lists``, ``later_law``,
``abroad``, and ``bars`` (shared by several subjects).
"""

from .theme import (
    EMBED_OPTIONS, HEIGHT, MAX_ROWS, PALETTE, VEGALITE_MIME, VL_VERSION, WIDTH, check_rows, describe, kit_renderer,
    kit_theme, live_bundle,
)

__all__ = ["EMBED_OPTIONS", "HEIGHT", "MAX_ROWS", "PALETTE", "VEGALITE_MIME", "VL_VERSION", "WIDTH", "check_rows",
           "describe", "kit_renderer", "kit_theme", "live_bundle"]
