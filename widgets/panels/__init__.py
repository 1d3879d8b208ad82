"""Interactive panels, one module per model; ``base.Panel`` is their shared frame.

- ``fico``: a FICO-style toy score for one person; a lender's cut-off on synthetic borrowers
"""

from .base import Panel, error_html
from .fico import ILLUSTRATIVE_CUTOFF, ILLUSTRATIVE_RATING, CutoffPanel, ToyScorePanel

__all__ = ["Panel", "error_html", "ToyScorePanel", "CutoffPanel", "ILLUSTRATIVE_CUTOFF", "ILLUSTRATIVE_RATING"]
