"""Rebuild the shipped pipeline from ../shared/data: ``python -m newsents.evaluation.train all``.

Steps (each also runnable alone): ``convert`` GermEval 2014 to DocBins, ``augment`` adds copies of
train sentences with the entities replaced by knowledge-base names (``--augment RATIO``; off when 0),
``ner`` trains the NER with ``models/configs/ner.cfg`` (fixed seed), ``assemble`` adds the rule
components (sentences, lookup lemmas, verb mood) and writes ``models/de_newsents_news``. Only
CC BY 4.0 data is used.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from pathlib import Path

log = logging.getLogger("newsents.evaluation.train")

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_WORK = REPO / "build" / "train"
MODEL_NAME = "de_newsents_news"
PRETRAIN_CONFIG = REPO / "models" / "configs" / "pretrain.cfg"
#: Extra sentences from knowledge-base entity replacement, as a share of the train set (0: none).
DEFAULT_AUGMENT = 0.0
AUGMENTED = "train-augmented.spacy"


def convert(data: Path, work: Path) -> None:
    """GermEval train/dev -> DocBin files under ``work``."""
    import spacy
    from spacy.tokens import DocBin

    from .germeval import read_sentences, to_docs

    nlp = spacy.blank("de")
    work.mkdir(parents=True, exist_ok=True)
    ge = data / "germeval2014"
    for split, fname in (("train", "germ.train.iob2"), ("dev", "NER-de-dev.tsv")):
        db = DocBin(store_user_data=False)
        n = 0
        for doc in to_docs(nlp, read_sentences(ge / fname)):
            db.add(doc)
            n += 1
        db.to_disk(work / f"{split}.spacy")
        log.info("%s: %d sentences -> %s", split, n, work / f"{split}.spacy")


def augment(data: Path, work: Path, ratio: float, seed: int, strict: bool = False) -> None:
    """train.spacy + ``ratio`` x its size of entity-replaced copies -> ``WORK/train-augmented.spacy``."""
    from .augment import write_augmented
    from .germeval import read_sentences

    sentences = list(read_sentences(data / "germeval2014" / "germ.train.iob2"))
    write_augmented(work / "train.spacy", work / AUGMENTED, sentences, ratio, seed, strict=strict)


def train_ner(work: Path, config: Path, output: Path, overrides: dict, train_file: str = "train.spacy") -> None:
    """Run ``spacy train`` on the converted data, with numpy's BLAS as the matrix backend."""
    from spacy.cli.train import train

    from ..pipeline import features  # noqa: F401  (registers the architecture)
    from ..pipeline.backend import use_blas_ops_globally

    use_blas_ops_globally()
    if overrides.get("initialize.init_tok2vec"):
        # spaCy loads pretrained tok2vec weights only when the config has a [pretraining] block
        from spacy.util import load_config

        output.mkdir(parents=True, exist_ok=True)
        merged = load_config(config, interpolate=False).merge(
            {"pretraining": load_config(PRETRAIN_CONFIG, interpolate=False)["pretraining"]}
        )
        config = output / "config-with-pretraining.cfg"
        merged.to_disk(config)
    train(
        config,
        output,
        overrides={"paths.train": str(work / train_file), "paths.dev": str(work / "dev.spacy"), **overrides},
    )


def pretrain(work: Path, config: Path, pretrain_config: Path, output: Path, overrides: dict) -> None:
    """Pretrain the NER config's tok2vec on the raw train text (``spacy pretrain``, characters)."""
    from spacy.training.pretrain import pretrain as spacy_pretrain
    from spacy.util import load_config, load_model_from_config
    from thinc.api import Config

    from ..pipeline import features  # noqa: F401  (registers the architecture and the cluster callback)
    from ..pipeline.backend import use_blas_ops_globally

    use_blas_ops_globally()
    merged = load_config(config, interpolate=False).merge(load_config(pretrain_config, interpolate=False))
    paths = {"paths.raw_text": str(work / "train.spacy"), "paths.train": str(work / "train.spacy"),
             "paths.dev": str(work / "dev.spacy")}
    merged = Config().from_str(merged.to_str(), overrides={**paths, **overrides}, interpolate=False)
    output.mkdir(parents=True, exist_ok=True)
    filled = load_model_from_config(merged, auto_fill=True, validate=False).config  # spaCy's defaults
    spacy_pretrain(filled.interpolate(), output, silent=False)


def assemble(ner_model: Path, target: Path) -> None:
    """Combine the trained NER with the rule components into the shipped pipeline."""
    from ..pipeline.assemble import assemble_pipeline

    nlp = assemble_pipeline(ner_model)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    log.info("wrote %s (%s)", target, ", ".join(nlp.pipe_names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsents.evaluation.train", description=__doc__)
    parser.add_argument("step", choices=["convert", "augment", "pretrain", "ner", "assemble", "all"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--config", type=Path, default=REPO / "models" / "configs" / "ner.cfg")
    parser.add_argument("--ner-output", type=Path, default=None, help="default: WORK/ner")
    parser.add_argument("--pretrain-config", type=Path, default=PRETRAIN_CONFIG)
    parser.add_argument("--pretrain-output", type=Path, default=None, help="default: WORK/pretrain")
    parser.add_argument("--target", type=Path, default=REPO / "models" / MODEL_NAME)
    parser.add_argument("--augment", type=float, default=DEFAULT_AUGMENT, metavar="RATIO",
                        help="knowledge-base entity-replacement copies as a share of train (default 0: off)")
    parser.add_argument("--augment-seed", type=int, default=0)
    parser.add_argument("--augment-strict", action="store_true",
                        help="replace only names of the knowledge base, by names of the same kind")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    ner_out = args.ner_output or args.work / "ner"
    overrides = {}
    for item in args.set:
        key, _, value = item.partition("=")
        import srsly

        try:
            overrides[key] = srsly.json_loads(value)
        except ValueError:
            overrides[key] = value
    if args.step in ("convert", "all"):
        if not (args.data / "germeval2014").exists():
            log.error("GermEval 2014 not found under %s (use --data)", args.data)
            return 2
        convert(args.data, args.work)
    if args.step == "augment" or (args.step == "all" and args.augment > 0):
        augment(args.data, args.work, args.augment, args.augment_seed, args.augment_strict)
    if args.step == "pretrain":
        pretrain_out = args.pretrain_output or args.work / "pretrain"
        pretrain(args.work, args.config, args.pretrain_config, pretrain_out, overrides)
    if args.step in ("ner", "all"):
        train_ner(args.work, args.config, ner_out, overrides, AUGMENTED if args.augment > 0 else "train.spacy")
    if args.step in ("assemble", "all"):
        assemble(ner_out / "model-best", args.target)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
