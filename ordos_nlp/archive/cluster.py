"""The Dask side of a run: the local cluster, the client, and the check of its workers."""

from __future__ import annotations

import os
from typing import Optional

#: Environment of the worker processes of the local cluster (``None``: unset). ``distributed``
#: sets ``MALLOC_TRIM_THRESHOLD_=65536`` to hand memory back early; with this pipeline that
#: means millions of page faults and about 30% more time. glibc's own settings, with one
#: malloc arena (the task thread's allocations then share the main heap), cost about 20 MB
#: more per worker instead of 70.
WORKER_ENV = {"MALLOC_TRIM_THRESHOLD_": None, "MALLOC_ARENA_MAX": "1"}


def local_cluster(workers: Optional[int] = None, **kwargs):
    """The ``distributed.LocalCluster`` that :func:`extract_archive` starts without a client:
    ``workers`` processes (default: one per CPU) of one thread, with :data:`WORKER_ENV`."""
    import dask
    from distributed import LocalCluster

    env = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_ENV.items()}
    options = dict(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                   dashboard_address=":0", silence_logs=40)
    options.update(kwargs)
    with dask.config.set(env):
        return LocalCluster(**options)


def _open_client(client, workers: Optional[int]):
    """``(client, owned)``: the given client, one connected to a scheduler address, or a local cluster."""
    try:
        from distributed import Client
    except ImportError as err:
        raise ImportError(
            "extract_archive() needs dask.distributed, which is in the 'archive' extra: pip install 'ordos-nlp[archive]'"
        ) from err
    if client is None:
        cluster = local_cluster(workers)
        return Client(cluster), [cluster]
    if isinstance(client, str):
        return Client(client), []
    return client, None


def _close(client, owned) -> None:
    if owned is None:
        return
    client.close()
    for cluster in owned:
        cluster.close()


def _worker_info() -> dict:
    """What a worker process reports: its ordos_nlp version, process id, peak memory and CPU time."""
    import resource

    from ..version import __version__

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"version": __version__, "pid": os.getpid(), "maxrss_kb": usage.ru_maxrss,
            "cpu_s": usage.ru_utime + usage.ru_stime}


def _check_workers(client) -> int:
    """Check that the workers run this version of ordos_nlp; returns their number of threads."""
    from ..version import __version__

    try:
        info = client.run(_worker_info)
    except Exception as err:
        raise RuntimeError(
            f"the Dask workers cannot run ordos_nlp ({type(err).__name__}: {err}): "
            "install the package (the same version) on every worker"
        ) from err
    versions = {v["version"] for v in info.values()}
    if versions - {__version__}:
        raise RuntimeError(
            f"the Dask workers run ordos_nlp {', '.join(sorted(versions))}, this process {__version__}: "
            "install the same version everywhere"
        )
    try:
        return sum(client.nthreads().values()) or 1
    except Exception:  # pragma: no cover - an unusual scheduler
        return max(1, len(info))


def _warm() -> int:
    """Build the pipeline and run it once (jieba reads its dictionary on first use)."""
    from ..api import extract

    extract("鄂尔多斯市今年一季度授信192.34亿元。")
    return os.getpid()
