"""CPU backend for the neural layers: thinc's NumPy ops with numpy's BLAS instead of BLIS.

thinc's default CPU matrix multiply is BLIS; the OpenBLAS that numpy wheels ship is about three
times faster for the tok2vec shapes here (measured in ``benchmarks/bench_pipeline.py``), with the
same entities. ``load`` switches every model of a pipeline to these ops; training uses them too.
"""

from __future__ import annotations

from spacy.language import Language
from thinc.api import NumpyOps, set_current_ops
from threadpoolctl import threadpool_limits


def blas_ops() -> NumpyOps:
    """NumPy ops whose gemm is ``numpy.dot`` (OpenBLAS) rather than BLIS."""
    return NumpyOps(use_blis=False)


def use_blas_ops(nlp: Language) -> Language:
    """Move every thinc model of ``nlp`` onto :func:`blas_ops` (weights stay where they are)."""
    ops = blas_ops()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None and hasattr(model, "_to_ops"):
            model._to_ops(ops)
    return nlp


def use_blas_ops_globally() -> None:
    """Make :func:`blas_ops` thinc's current ops, so models built from now on use it (training)."""
    set_current_ops(blas_ops())


def limit_blas_threads(n: int = 1) -> threadpool_limits:
    """Cap numpy's BLAS at ``n`` threads, now and in processes forked later; also a context manager.

    Several worker processes (``n_process``, Dask workers) each running a BLAS pool as wide as the
    machine oversubscribe the cores; one thread per process is the fast and deterministic setting.
    """
    return threadpool_limits(limits=n, user_api="blas")
