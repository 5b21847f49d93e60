"""Duplicate groups from scored pairs: connected components with a guard against chains."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def group_pairs(
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    weight: np.ndarray,
    max_group_size: int,
    rounds: int = 4,
) -> np.ndarray:
    """Group label per record (-1 for records in no group) from accepted pairs.

    Records linked directly or through others form one group, so a person listed three times
    is one group. A group larger than ``max_group_size`` is a sign of chaining (a common name
    or a shared placeholder date linking unrelated people), so its weakest pairs are dropped
    and it is split again, up to ``rounds`` times.
    """
    label = np.full(n, -1, dtype=np.int64)
    if len(i) == 0:
        return label
    keep = np.ones(len(i), dtype=bool)
    for _ in range(rounds + 1):
        comp = _components(n, i[keep], j[keep])
        sizes = np.bincount(comp, minlength=n)
        big = sizes[comp[i]] > max_group_size
        if not (big & keep).any():
            break
        # Within oversized components drop pairs below the component's median weight.
        in_big = big & keep
        comp_of_pair = comp[i[in_big]]
        threshold = (
            pd.Series(weight[in_big]).groupby(comp_of_pair).transform("median").to_numpy()
        )
        drop = np.flatnonzero(in_big)[weight[in_big] <= threshold]
        if len(drop) == 0:
            break
        keep[drop] = False
    comp = _components(n, i[keep], j[keep])
    members = np.zeros(n, dtype=bool)
    members[i[keep]] = True
    members[j[keep]] = True
    # Number groups 1.. in order of their first record.
    roots = comp[members]
    _, first_pos = np.unique(roots, return_index=True)
    order = np.argsort(np.flatnonzero(members)[first_pos])
    numbering = np.empty(len(order), dtype=np.int64)
    numbering[order] = np.arange(1, len(order) + 1)
    label[members] = numbering[np.searchsorted(np.unique(roots), roots)]
    return label
