"""Choose and load the German pipeline: ``newsents.load(model="auto")``.

Order: an explicit name or path; else ``$NEWSENTS_MODEL``; else ``de_core_news_lg`` when installed;
else the pipeline shipped with newsents. Nothing is downloaded. newsents' components (entity fixes,
claims) are added on top of whichever base pipeline is chosen.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional, Union

import spacy
from spacy.language import Language

from . import features, lemmas, mood, sentences  # noqa: F401  (factories the shipped model needs)
from .backend import use_blas_ops

log = logging.getLogger("newsents")

SHIPPED_NAME = "de_newsents_news"
PREFERRED_PACKAGE = "de_core_news_lg"
ENV_VAR = "NEWSENTS_MODEL"
#: ``NEWSENTS_KB=0`` leaves the knowledge-base ruler out (for comparisons against the model alone).
KB_ENV_VAR = "NEWSENTS_KB"


class ModelNotFoundError(RuntimeError):
    """No usable pipeline: says what was tried and how to fix it."""


def shipped_model_path() -> Path:
    """Where the pipeline shipped with newsents lies (wheel install or source checkout)."""
    try:
        from importlib.resources import files

        candidate = Path(str(files("newsents._models") / SHIPPED_NAME))
        if (candidate / "config.cfg").exists():
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[3] / "models" / SHIPPED_NAME


def _is_installed(package: str) -> bool:
    return spacy.util.is_package(package)


def resolve_model(model: Optional[Union[str, Path]] = "auto") -> list[str]:
    """The candidates ``load`` tries, in order (the first is used; later ones only explain errors)."""
    if model not in (None, "auto"):
        return [str(model)]
    env = os.environ.get(ENV_VAR)
    if env:
        return [env]
    if _is_installed(PREFERRED_PACKAGE):
        return [PREFERRED_PACKAGE]
    return [str(shipped_model_path())]


def _load_base(name: str) -> Language:
    path = Path(name)
    if name == SHIPPED_NAME:
        path = shipped_model_path()
    if path.exists():
        if not (path / "config.cfg").exists():
            raise ModelNotFoundError(
                f"{path} is not a spaCy pipeline folder (no config.cfg). Pass the folder that "
                f"nlp.to_disk() wrote, or reinstall newsents to restore the shipped model."
            )
        try:
            return spacy.load(path)
        except Exception as err:  # corrupt or incompatible folder
            raise ModelNotFoundError(
                f"could not load the spaCy pipeline at {path}: {type(err).__name__}: {err}. "
                f"The folder may be corrupt or from another spaCy version; reinstall newsents "
                f"(shipped model) or point --model / ${ENV_VAR} at a working pipeline."
            ) from err
    if _is_installed(name):
        return spacy.load(name)
    raise ModelNotFoundError(
        f"no spaCy pipeline named or at {name!r}: it is neither an installed package nor an existing "
        f"folder. Use model='auto' for the shipped {SHIPPED_NAME}, a path to a pipeline folder, or "
        f"install spaCy's German model with `pip install de_core_news_lg` (wheel from "
        f"https://github.com/explosion/spacy-models/releases) and pass 'de_core_news_lg'."
    )


def load(model: Optional[Union[str, Path]] = "auto", components: bool = True) -> Language:
    """Load the German pipeline (see module doc for the order) with newsents' components added.

    ``components=False`` returns the bare base pipeline, e.g. for benchmarks against plain spaCy.
    """
    name = resolve_model(model)[0]
    nlp = use_blas_ops(_load_base(name))
    if components:
        add_components(nlp)
    meta = nlp.meta
    log.info("newsents model: %s_%s %s (%s)", meta.get("lang"), meta.get("name"), meta.get("version"), name)
    meta.setdefault("newsents", {})["source"] = name
    return nlp


def model_meta(nlp: Optional[Language]) -> dict:
    """What a manifest records of the pipeline: name, version, where it was loaded from, components."""
    meta = nlp.meta if nlp is not None else {}
    return {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version"),
            "source": meta.get("newsents", {}).get("source"), "pipeline": list(getattr(nlp, "pipe_names", []))}


def add_components(nlp: Language) -> Language:
    """Add newsents' per-document components that the base pipeline lacks (spaCy finds their
    factories through newsents' ``spacy_factories`` entry points): the knowledge-base ruler
    (``newsents_kb``, unless ``$NEWSENTS_KB=0``), the entity fixes and claims."""
    if "newsents_kb" not in nlp.pipe_names and os.environ.get(KB_ENV_VAR, "1") != "0":
        nlp.add_pipe("newsents_kb", last=True)
    if "newsents_entities" not in nlp.pipe_names:
        nlp.add_pipe("newsents_entities", last=True)
    if "newsents_claims" not in nlp.pipe_names:
        nlp.add_pipe("newsents_claims", last=True)
    return nlp
