"""Interactive panels, one module per model; ``base.Panel`` is their shared frame.

- ``fico``: a FICO-style toy score for one person; a lender's cut-off on synthetic borrowers
- ``commercial``: the commercial five-dimension toy score with benefit thresholds and contacts
- ``lists``: the court defaulter rule and joint punishment across agencies
- ``behaviour``: a toy of rewards versus sanctions shaping behaviour, with awareness as a parameter
- ``city``: a toy city points scheme; one synthetic person judged in many toy cities (fragmentation)
"""

from .base import Panel, error_html
from .behaviour import BehaviourPanel
from .city import CityPointsPanel, FragmentationPanel
from .commercial import CommercialScorePanel
from .fico import ILLUSTRATIVE_CUTOFF, ILLUSTRATIVE_RATING, CutoffPanel, ToyScorePanel
from .lists import JointPunishmentPanel

__all__ = ["Panel", "error_html", "ToyScorePanel", "CutoffPanel", "ILLUSTRATIVE_CUTOFF", "ILLUSTRATIVE_RATING",
           "CommercialScorePanel", "JointPunishmentPanel", "BehaviourPanel",
           "CityPointsPanel", "FragmentationPanel"]
