"""Running a study's chunks in process, on a local Dask cluster, or on an existing scheduler.

A study is split into chunks; chunk ``k`` gets its own generator seeded by
``numpy.random.SeedSequence(seed).spawn(n)[k]`` (independent streams,
O'Neill 2014; NumPy's recommended parallel seeding), and its summary is a
sum of integer counts.  Sums do not depend on which worker ran a chunk or in
which order the results came back, so the result is the same in process,
with ``workers=N`` (``dask.distributed.LocalCluster``) or with
``scheduler=ADDRESS``.  Dask is imported only when used (extra ``dask``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from ..errors import GameTheoryError, InputError

__all__ = ["chunk_seeds", "run_chunks"]

T = TypeVar("T")


def chunk_seeds(seed: int | np.random.SeedSequence | None, n: int) -> list[np.random.SeedSequence]:
    """``n`` independent SeedSequences derived from ``seed``.

    >>> a = [np.random.default_rng(s).integers(100) for s in chunk_seeds(7, 3)]
    >>> b = [np.random.default_rng(s).integers(100) for s in chunk_seeds(7, 3)]
    >>> a == b
    True
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed.spawn(n)
    return np.random.SeedSequence(seed).spawn(n)


#: Seconds to wait for a Dask scheduler to answer before giving up (dask's own default is 30).
CONNECT_TIMEOUT = 10


def _connect(client_class: Callable[..., Any], address: str) -> Any:
    """A client of the scheduler at ``address``, or one InputError saying why there is none."""
    try:
        return client_class(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TypeError) as exc:  # refused, timed out, unknown host, malformed address
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(f"cannot reach the Dask scheduler at {address!r}: {reason}", field="--scheduler") from None


def run_chunks(func: Callable[..., T], tasks: Sequence[tuple], workers: int | None = None,
               scheduler: str | None = None, progress: Callable[[int], object] | None = None,
               processes: bool = True) -> list[T]:
    """``[func(*task) for task in tasks]``, in process or on Dask; results in task order.

    Parameters
    ----------
    func : callable
        A module-level (picklable) function.
    tasks : sequence of tuples
        Arguments of each call.
    workers : int, optional
        Start a ``LocalCluster`` with this many single-threaded workers.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``).
    progress : callable, optional
        ``progress(task_index)`` after each finished task.
    processes : bool
        Local cluster workers as processes (True) or threads.
    """
    if workers is not None and scheduler is not None:
        raise InputError("give either --workers or --scheduler, not both", field="--workers")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}", field="--workers")
    if workers is None and scheduler is None:
        out = []
        for k, task in enumerate(tasks):
            out.append(func(*task))
            if progress:
                progress(k)
        return out
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError("Dask is not installed: pip install 'gametheory[dask]'", field="--workers") from exc
    cluster = None
    if scheduler is not None:
        client = _connect(Client, scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(func, *task, pure=False) for task in tasks]
        index = {f.key: k for k, f in enumerate(futures)}
        results: dict[int, T] = {}
        for fut in as_completed(futures):
            k = index[fut.key]
            results[k] = fut.result()
            if progress:
                progress(k)
        return [results[k] for k in range(len(futures))]
    except OSError as exc:  # the scheduler or a worker went away mid-run (CommClosedError is an OSError)
        raise GameTheoryError(f"lost the Dask cluster during the run: {' '.join(str(exc).split())}") from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
