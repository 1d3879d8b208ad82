"""Interactive panels, one module per model; ``live.LivePanel`` (also ``base.Panel``) is their shared
frame, and ``frontend/`` their browser side (native controls, one Vega view updated in place).

- ``fico``: a FICO-style toy score for one person; a lender's cut-off on synthetic borrowers
- ``commercial``: the commercial five-dimension toy score with benefit thresholds and contacts
- ``lists``: the court defaulter rule and joint punishment across agencies
- ``behaviour``: a toy of rewards versus sanctions shaping behaviour, with awareness as a parameter
- ``city``: a toy city points scheme; one synthetic person judged in many toy cities (fragmentation)
- ``timeline``: the interactive 2002-2022 timeline with category and year filters
- ``quiz``: the myth-or-fact pre-check (00) and the final self-assessment (08)
- ``factcheck``: checking the chapter's claims against the data (08)
"""

from .base import Panel, error_html
from .behaviour import BehaviourPanel
from .city import CityPointsPanel, FragmentationPanel
from .commercial import CommercialScorePanel
from .fico import ILLUSTRATIVE_CUTOFF, ILLUSTRATIVE_RATING, CutoffPanel, ToyScorePanel
from .factcheck import FactCheckPanel
from .lists import JointPunishmentPanel
from .quiz import MythOrFactPanel
from .timeline import TimelinePanel

__all__ = ["Panel", "error_html", "ToyScorePanel", "CutoffPanel", "ILLUSTRATIVE_CUTOFF", "ILLUSTRATIVE_RATING",
           "CommercialScorePanel", "JointPunishmentPanel", "BehaviourPanel",
           "CityPointsPanel", "FragmentationPanel", "TimelinePanel",
           "MythOrFactPanel", "FactCheckPanel"]
