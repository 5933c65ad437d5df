"""User alias tables (CSV or YAML) that pin name variants to one entity, and the built-in
equivalents (exonyms, name forms) shipped in ``linking_equivalents.tsv``."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Optional, Union

from ..knowledge import read_lines
from .normalize import clean_name, compact_key

PathLike = Union[str, os.PathLike]


class AliasTableError(ValueError):
    """An alias table with duplicate rows, conflicting aliases or bad fields; names the rows."""


@dataclass(frozen=True)
class AliasRow:
    """One user-pinned entity: canonical name, label, aliases and an optional Wikidata QID."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    qid: Optional[str] = None
    row: int = 0  # line number in the source file (header = 1) or 1-based index


@dataclass
class AliasTable:
    """User table that pins variants to one entity and keeps different rows apart."""

    rows: list[AliasRow]
    source: str = "<aliases>"
    keys: dict[tuple[str, str], int] = field(default_factory=dict)  # (label, compact key) -> row index

    def __post_init__(self) -> None:
        self.keys = self._validate()

    def _validate(self) -> dict[tuple[str, str], int]:
        errors: list[str] = []
        keys: dict[tuple[str, str], int] = {}
        names: dict[tuple[str, str], int] = {}
        qids: dict[str, int] = {}
        for i, r in enumerate(self.rows):
            where = f"{self.source} row {r.row}"
            if not r.name or not r.label:
                errors.append(f"{where}: name and label are required")
                continue
            if not re.fullmatch(r"[A-Z][A-Za-z_]*", r.label):
                errors.append(f"{where}: label {r.label!r} is not an entity label like PER, ORG, LOC")
            if r.qid is not None and not re.fullmatch(r"Q[1-9][0-9]*", r.qid):
                errors.append(f"{where}: qid {r.qid!r} is not a Wikidata id like Q42")
            nk = compact_key(clean_name(r.name, r.label).text) if clean_name(r.name, r.label) else ""
            if not nk:
                errors.append(f"{where}: name {r.name!r} is not a usable name")
                continue
            if (r.label, nk) in names:
                j = names[(r.label, nk)]
                errors.append(f"{where}: duplicate of row {self.rows[j].row} ({r.label} {r.name!r})")
                continue
            names[(r.label, nk)] = i
            if r.qid:
                if r.qid in qids:
                    errors.append(f"{where}: qid {r.qid} already used by row {self.rows[qids[r.qid]].row}")
                qids[r.qid] = i
            for variant in (r.name,) + r.aliases:
                c = clean_name(variant, r.label)
                if c is None:
                    errors.append(f"{where}: alias {variant!r} is not a usable name")
                    continue
                k = (r.label, compact_key(c.text))
                if k in keys and keys[k] != i:
                    errors.append(f"{where}: alias {variant!r} conflicts with row {self.rows[keys[k]].row} "
                                  f"({self.rows[keys[k]].name!r})")
                    continue
                keys[k] = i
        if errors:
            raise AliasTableError("invalid alias table:\n  " + "\n  ".join(errors))
        return keys

    @classmethod
    def from_records(cls, records: Iterable[dict], source: str = "<aliases>", first_row: int = 1) -> AliasTable:
        """Rows from dicts with name, label, aliases (list or '|'-separated), qid."""
        rows = []
        for n, rec in enumerate(records, start=first_row):
            al = rec.get("aliases") or []
            if isinstance(al, str):
                al = [a for a in re.split(r"[|;]", al)]
            al = tuple(a.strip() for a in al if a and str(a).strip())
            qid = (str(rec.get("qid") or "").strip() or None)
            rows.append(AliasRow(str(rec.get("name") or "").strip(), str(rec.get("label") or "").strip().upper(),
                                 al, qid, n))
        return cls(rows, source)

    @classmethod
    def from_file(cls, path: PathLike) -> AliasTable:
        """CSV (header name,label,aliases,qid; aliases separated by |) or YAML (list of mappings)."""
        p = Path(path)
        if p.suffix.lower() in (".yml", ".yaml"):
            try:
                import yaml  # type: ignore
            except ImportError as e:  # pragma: no cover - depends on environment
                raise AliasTableError(f"{p}: reading YAML needs pyyaml; use a CSV alias table instead") from e
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or []
            if not isinstance(data, list):
                raise AliasTableError(f"{p}: expected a list of entries")
            return cls.from_records(data, str(p))
        with p.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader((ln for ln in f), skipinitialspace=True)
            missing = {"name", "label"} - set(reader.fieldnames or [])
            if missing:
                raise AliasTableError(f"{p}: header lacks column(s) {', '.join(sorted(missing))}")
            return cls.from_records(list(reader), str(p), first_row=2)

    def row_for(self, label: str, key: str) -> Optional[AliasRow]:
        i = self.keys.get((label, key))
        return self.rows[i] if i is not None else None


@cache
def builtin_equivalents() -> list[tuple[str, list[str]]]:
    """Known exonyms and name forms from ``linking_equivalents.tsv``: (label, variants)."""
    out = []
    for ln in read_lines("linking_equivalents.tsv"):
        label, variants = ln.split("\t")
        out.append((label.strip(), [v.strip() for v in variants.split("|") if v.strip()]))
    return out
