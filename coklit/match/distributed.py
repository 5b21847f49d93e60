"""Blocking and comparisons on a Dask cluster (``coklit check --dask``).

:class:`DaskEngine` is an :class:`coklit.match.engine.Engine`: the matching pipeline is the
one of a single process, and only its two heavy, pair-parallel steps run on the workers.

- **Blocking, one shuffle per key.** Each record's key value is re-mixed into the 32-bit
  block code that groups records (``blocking.block_code``); records are routed to bucket
  ``code % buckets``, so every bucket holds whole blocks of the key, and the workers list
  the pairs inside their buckets (``pairs_within`` / ``pairs_between``, blocks above the size
  cap skipped). Only the block codes and record positions travel (12 bytes per record and
  key), never the records.
- **Global dedup of pairs** on the client: the pairs of every bucket and key go through
  ``unique_pairs``, which keeps each pair once with the lowest key number whatever order the
  buckets come back in, sorted by position: the same candidate table as one process.
- **Comparisons on pairs joined to both sides.** Each list's records (their features) go
  to every worker once (a broadcast join: the list is the small side next to its pairs,
  ~0.9 pairs per list record for duplicates and ~17 per field record for links, plus the
  samples estimation draws); then the pairs are cut into chunks that travel as two arrays
  of positions, and a worker returns the chunk's levels. Comparisons are functions of one
  pair, so levels do not depend on how the pairs are chunked.
- **Global steps on the client:** term frequencies (a table of value counts over the whole
  list), EM on pattern counts, the prior, scoring, connected components and the one-to-one
  assignment of links.

Threads: a worker runs as many comparison tasks at once as it has threads, and each task
gives rapidfuzz one thread; numpy/BLAS thread pools are pinned to one thread through the
worker environment (a local cluster sets it; start other workers with ``--nthreads`` equal
to their cores), so the workers of one machine together use its cores once.
"""

from __future__ import annotations

import os
import weakref
from typing import Any

import numpy as np
import pandas as pd

from coklit.errors import CoklitError
from coklit.match import compare as comparisons
from coklit.match.blocking import (
    BlockingStats,
    Blocks,
    gather_pairs,
    key_blocks,
    pairs_between,
    pairs_within,
)
from coklit.match.engine import compare
from coklit.match.features import Features
from coklit.match.spec import ModelSpec

# Pairs per comparison task: the levels of a chunk take ~20 bytes per pair on the worker.
CHUNK_PAIRS = 250_000
MIN_CHUNK = 5_000
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")
LOCAL = "lokal"  # --dask without an address: a cluster on this machine's cores


class DaskUnavailable(CoklitError):
    """Dask is missing, or the cluster cannot be reached or used."""


def _bucket_pairs(bucket: tuple[tuple[np.ndarray, np.ndarray],
                                tuple[np.ndarray, np.ndarray] | None],
                  max_size: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Worker side of blocking: the pairs of one bucket's whole blocks (positions and block
    codes of each side, sorted as in :class:`Blocks`)."""
    left, right = bucket
    lb = Blocks(*left)
    if right is None:
        return pairs_within(lb, max_size)
    return pairs_between(lb, Blocks(*right), max_size)


def _compare_chunk(spec: ModelSpec, a: Features, b: Features, i: np.ndarray, j: np.ndarray
                   ) -> dict[str, np.ndarray]:
    """Worker side of comparing: the levels of the pairs (a[i], b[j]) of one chunk; ``a``
    and ``b`` are the records held on this worker (sent once, see ``DaskEngine._held``).
    Tasks run side by side on the worker's threads, so each scores strings on one."""
    comparisons.STRING_WORKERS = 1
    return compare(spec, a, b, i, j)


def _split(blocks: Blocks, buckets: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """A key's records routed by block code to ``buckets`` buckets; within a bucket the
    records stay in block order (a stable sort on the bucket number)."""
    bucket = (blocks.codes % np.uint64(buckets)).astype(np.int64)
    order = np.argsort(bucket, kind="stable")
    bounds = np.searchsorted(bucket[order], np.arange(buckets + 1))
    positions, codes = blocks.positions[order], blocks.codes[order]
    return [(positions[s:e], codes[s:e]) for s, e in zip(bounds[:-1], bounds[1:], strict=True)]


class DaskEngine:
    """Blocking and comparisons on the workers of ``client`` (a ``distributed.Client``)."""

    def __init__(self, client: Any, chunk_pairs: int = CHUNK_PAIRS,
                 buckets: int | None = None, cluster: Any = None) -> None:
        self.client = client
        self.cluster = cluster  # a local cluster started for this run, closed with it
        threads = client.nthreads()
        self.workers = len(threads)
        self.chunk_pairs = chunk_pairs
        self.slots = max(sum(threads.values()), 1)  # tasks that can run at once
        self.buckets = buckets or max(2 * sum(threads.values()), 1)
        self._sent: dict[int, Any] = {}  # id(Features) -> its future on the workers

    def describe(self) -> dict[str, Any]:
        return {"mesin": "dask", "worker": self.workers,
                "thread": int(sum(self.client.nthreads().values()))}

    # -- blocking -------------------------------------------------------------------------
    def candidate_pairs(self, left: Features, right: Features | None, keys: tuple[str, ...],
                        max_block_size: int) -> tuple[pd.DataFrame, BlockingStats]:
        numbers: list[int] = []
        buckets: list[tuple[Any, Any]] = []
        for number, name in enumerate(keys):
            lparts = _split(key_blocks(left, name), self.buckets)
            rparts = (_split(key_blocks(right, name), self.buckets) if right is not None
                      else [None] * self.buckets)
            for lp, rp in zip(lparts, rparts, strict=True):
                if len(lp[0]) < (2 if rp is None else 1) or (rp is not None and len(rp[0]) == 0):
                    continue  # no pair can come from this bucket
                numbers.append(number)
                buckets.append((lp, rp))
        # One round trip sends every bucket of every key to the workers (spread over them).
        sent = self.client.scatter(buckets) if buckets else []
        tasks = list(zip(numbers, self.client.map(_bucket_pairs, sent, max_size=max_block_size,
                                                   pure=False), strict=True))
        results = self.client.gather([f for _, f in tasks])
        parts = [(number, found) for (number, _), found in zip(tasks, results, strict=True)]
        return gather_pairs(parts, keys, len(right) if right is not None else len(left))

    # -- comparisons ----------------------------------------------------------------------
    def _held(self, f: Features) -> Any:
        """``f`` on every worker (a broadcast join: the records go out once per list, then
        each chunk of pairs travels as two position arrays), only the arrays comparisons
        read (``Features.for_comparisons``); forgotten, and freed on the workers, when ``f``
        is."""
        key = id(f)
        if key not in self._sent:
            [future] = self.client.scatter([f.for_comparisons()], broadcast=True, hash=False)
            self._sent[key] = future
            weakref.finalize(f, self._sent.pop, key, None)
        return self._sent[key]

    def compare(self, spec: ModelSpec, a: Features, b: Features, i: np.ndarray,
                j: np.ndarray) -> dict[str, np.ndarray]:
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        n = len(i)
        if n == 0:
            return compare(spec, a, b, i, j)
        held_a, held_b = self._held(a), self._held(b)
        # At least two chunks per worker thread, none above chunk_pairs, none below MIN_CHUNK.
        size = min(self.chunk_pairs, max(-(-n // (2 * self.slots)), MIN_CHUNK))
        chunks = max(-(-n // size), 1)
        bounds = np.linspace(0, n, chunks + 1).astype(np.int64)
        futures = [self.client.submit(_compare_chunk, spec, held_a, held_b, i[s:e], j[s:e],
                                      pure=False)
                   for s, e in zip(bounds[:-1], bounds[1:], strict=True)]
        results = self.client.gather(futures)
        return {name: np.concatenate([r[name] for r in results]) for name in results[0]}

    def close(self) -> None:
        self._sent.clear()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(address: str | None = None, workers: int | None = None,
            threads_per_worker: int = 1) -> DaskEngine:
    """A :class:`DaskEngine` on a new local cluster (``address`` None or ``"lokal"``:
    ``workers`` processes, default one per core, each with ``threads_per_worker`` threads),
    or on the scheduler at ``address`` (``tcp://HOST:8786``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable("dask.not_installed") from None
    import coklit

    cluster = None
    if address in (None, "", LOCAL):
        n = workers or os.cpu_count() or 1
        env = dict.fromkeys(THREAD_VARIABLES, "1")
        # The scheduler serves HTTP (health, metrics) whatever the dashboard setting: on a
        # free port, so that another cluster on this machine (port 8787) is no obstacle.
        cluster = LocalCluster(n_workers=n, threads_per_worker=threads_per_worker,
                               processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                               env=env)
        client = Client(cluster)
        client_address = cluster.scheduler_address
    else:
        try:
            client = Client(address, timeout="15s")
        except (OSError, TimeoutError, ValueError) as error:
            raise DaskUnavailable("dask.no_scheduler", address=address,
                                  problem=type(error).__name__) from None
        client_address = address
    engine = DaskEngine(client, cluster=cluster)
    if not client.nthreads():
        engine.close()
        raise DaskUnavailable("dask.no_workers", address=client_address)
    versions = set(client.run(_coklit_version).values())  # also loads the matching code
    if versions != {coklit.__version__}:
        engine.close()
        raise DaskUnavailable("dask.worker_version", ours=coklit.__version__,
                              theirs=", ".join(sorted(versions)))
    return engine


def _coklit_version() -> str:
    import coklit
    import coklit.match.engine  # noqa: F401 - loaded once here rather than in the first task

    return coklit.__version__
