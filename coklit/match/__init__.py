"""Matching core: prepare -> block -> compare -> weigh (Fellegi-Sunter) -> group / link.

Entry points are :func:`find_duplicates` and :func:`link_records`: pure functions of
normalised record frames, so they can be mapped over partitions of a larger list.
"""

from coklit.match.engine import Duplicates, Links, find_duplicates, link_records
from coklit.match.prepare import Prepared, prepare

__all__ = ["Duplicates", "Links", "Prepared", "find_duplicates", "link_records", "prepare"]
