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
    rounds: int = 50,
) -> np.ndarray:
    """Group label per record (-1 for records in no group) from accepted pairs.

    Records linked directly or through others form one group, so a person listed three times
    is one group. A group larger than ``max_group_size`` is a sign of chaining (a common name
    or a shared placeholder date linking unrelated people), so it is cut where it is weakest:
    each round drops, in every oversized group, the pairs of the group's lowest weight, until
    no group is oversized (or ``rounds`` rounds have passed).
    """
    label = np.full(n, -1, dtype=np.int64)
    if len(i) == 0:
        return label
    keep = np.ones(len(i), dtype=bool)
    for _ in range(rounds):
        comp = _components(n, i[keep], j[keep])
        sizes = np.bincount(comp, minlength=n)
        in_big = keep & (sizes[comp[i]] > max_group_size)
        if not in_big.any():
            break
        weakest = (pd.Series(weight[in_big]).groupby(comp[i[in_big]])
                   .transform("min").to_numpy())
        keep[np.flatnonzero(in_big)[weight[in_big] <= weakest]] = False
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
