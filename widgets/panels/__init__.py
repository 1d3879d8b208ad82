"""Interactive panels: live widgets (native, labelled controls; one Vega view updated in place), one module per model or topic.

A panel calls its model's update function (or its topic's functions) and a chart builder; it
never loads data or looks a row up itself. ``live.LivePanel`` (also ``base.Panel``) is their shared
frame, ``controls`` the controls they declare (re-exported by ``live``), and ``frontend/`` their
browser side.

- ``fico``: a FICO-style toy score for one person; a lender's cut-off on synthetic borrowers (01)
- ``lender_fairness``: one cut-off for all, or one per group, over two synthetic groups (01)
- ``city``: a toy city points scheme; one synthetic person judged in many toy cities (03)
- ``joint_punishment``: the court defaulter rule and joint punishment across agencies (03, 05)
- ``court_list``: how long synthetic debtors stay listed under the 2013 or the 2017 text (05)
- ``commercial_score``: the commercial five-dimension toy score with benefit thresholds and contacts (04)
- ``rewards_sanctions``: rewards versus sanctions over time, with awareness as a parameter (06)
- ``list_experiment``: a toy list experiment against a direct question, with hidden views (07)
- ``timeline``: the 2002-2022 timeline with category and year filters (02)
- ``firm_lists``: synthetic firms on the abnormal-operations and serious-violation lists (02)
- ``myth_or_fact``: the myth-or-fact pre-check (00) and the final self-assessment (08)
- ``chapter_check``: checking the chapter's claims against the fact-check ledger (08)
"""

from .base import Panel, error_html, info_html
from .chapter_check import FactCheckPanel
from .city import CityPointsPanel, FragmentationPanel
from .commercial_score import CommercialScorePanel
from .court_list import CourtListPanel
from .firm_lists import FirmListsPanel
from .fico import ILLUSTRATIVE_CUTOFF, ILLUSTRATIVE_RATING, CutoffPanel, ToyScorePanel
from .joint_punishment import JointPunishmentPanel
from .lender_fairness import FairnessPanel
from .list_experiment import ListExperimentPanel
from .myth_or_fact import MythOrFactPanel
from .rewards_sanctions import RewardsSanctionsPanel
from .timeline import TimelinePanel

__all__ = ["Panel", "error_html", "info_html", "ToyScorePanel", "CutoffPanel", "ILLUSTRATIVE_CUTOFF",
           "ILLUSTRATIVE_RATING", "CommercialScorePanel", "JointPunishmentPanel", "CourtListPanel",
           "RewardsSanctionsPanel", "CityPointsPanel", "FragmentationPanel", "TimelinePanel", "FirmListsPanel",
           "MythOrFactPanel", "FactCheckPanel", "FairnessPanel", "ListExperimentPanel"]
