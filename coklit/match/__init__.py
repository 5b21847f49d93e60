"""Matching core: features -> block -> compare -> weigh (Fellegi-Sunter) -> group / link.

Entry points are :func:`find_duplicates` and :func:`link_records`: pure functions of
normalised record frames, so they can be mapped over partitions of a larger list. The model
is data (:mod:`coklit.match.spec`), its numbers are estimated from the records
(:mod:`coklit.match.model`).
"""

from coklit.match.engine import Duplicates, Links, find_duplicates, link_records
from coklit.match.explain import explain
from coklit.match.features import Features, prepare
from coklit.match.model import Params
from coklit.match.spec import ModelSpec, build_spec

__all__ = ["Duplicates", "Features", "Links", "ModelSpec", "Params", "build_spec", "explain",
           "find_duplicates", "link_records", "prepare"]
