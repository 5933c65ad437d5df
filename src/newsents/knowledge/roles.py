"""The one title and role lexicon (``data/roles.tsv``): offices, roles, address forms, class nouns of
organisations and places, media, anonymous sources and surname particles, with grammatical gender.

Each stage reads its view of the same rows: the entity component the titles it cuts off NER spans,
linking the words it strips from mentions and the surname particles it keeps, claims the classes of
speaker-phrase heads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .loader import DataFileError, parse_rows, read_text

FILE = "roles.tsv"
COLUMNS = ("form", "gender", "entities", "linking", "claims")
GENDERS = ("m", "f", "")
ENTITY_USES = ("title", "-")
LINKING_USES = ("article", "address", "role", "descriptor", "particle", "-")
CLAIMS_USES = ("person_head", "org_role", "anon", "media", "name_particle", "gender")


@dataclass(frozen=True)
class RoleWord:
    """One row: a word (or ``*suffix``) and how each stage uses it."""

    form: str
    gender: str
    entities: str
    linking: str
    claims: tuple[str, ...]

    @property
    def is_suffix(self) -> bool:
        return self.form.startswith("*")

    @property
    def text(self) -> str:
        """The word without the suffix marker."""
        return self.form[1:] if self.is_suffix else self.form


@dataclass(frozen=True)
class RoleLexicon:
    """All rows of ``roles.tsv`` in file order, with the views the stages need."""

    words: tuple[RoleWord, ...]

    def entity_titles(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """(whole titles, case as written; lowercase compound suffixes) cut off NER spans."""
        rows = [w for w in self.words if w.entities == "title"]
        return (frozenset(w.form for w in rows if not w.is_suffix),
                tuple(w.text.lower() for w in rows if w.is_suffix))

    def linking_titles(self) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
        """(lowercase words stripped before linking, their suffixes without hyphens, surname particles)."""
        strip = [w for w in self.words if w.linking not in ("particle", "-")]
        return (frozenset(w.text.lower() for w in strip if not w.is_suffix),
                tuple(w.text.lower().replace("-", "") for w in strip if w.is_suffix),
                frozenset(w.text.lower() for w in self.words if w.linking == "particle"))

    def claims_classes(self) -> dict[str, dict[str, str]]:
        """Claims class -> {lowercase word: value} (the value of ``gender`` is the gender)."""
        out: dict[str, dict[str, str]] = {}
        for w in self.words:
            for use in w.claims:
                out.setdefault(use, {})[w.text.lower()] = w.gender if use == "gender" else ""
        return out

    def gender_of(self, noun: str) -> str:
        """Grammatical gender of a person noun ('' when unknown or decided by the article)."""
        low = noun.lower()
        for w in self.words:
            if not w.is_suffix and w.text.lower() == low:
                return w.gender
        for w in self.words:
            if w.is_suffix and low.endswith(w.text.lower()) and w.gender:
                return w.gender
        return ""


def _parse(row) -> RoleWord:
    form, gender, entities, linking, claims = (row.get(i) for i in range(5))
    uses = tuple(c for c in claims.split(",") if c and c != "-")
    for value, allowed, column in ((gender, GENDERS, "gender"), (entities, ENTITY_USES, "entities"),
                                   (linking, LINKING_USES, "linking")):
        if value not in allowed:
            raise row.error(f"{column} must be one of {', '.join(a or '(empty)' for a in allowed)}, not {value!r}")
    for use in uses:
        if use not in CLAIMS_USES:
            raise row.error(f"unknown claims class {use!r} (known: {', '.join(CLAIMS_USES)})")
    if not form or form == "*":
        raise row.error("empty form")
    return RoleWord(form, gender, entities, linking, uses)


def load_roles(path=FILE) -> RoleLexicon:
    """Read and validate a role lexicon (default: the shipped ``roles.tsv``)."""
    source, text = read_text(path)
    return parse_roles(text, source)


def parse_roles(text: str, source="roles.tsv") -> RoleLexicon:
    """A role lexicon from the text of a ``roles.tsv`` (``source`` names it in errors)."""
    words, seen = [], {}
    for row in parse_rows(text, source, min_columns=5, max_columns=5, header=COLUMNS):
        word = _parse(row)
        key = word.form.lower()
        if key in seen:
            raise DataFileError(row.path, f"{word.form!r} is listed twice (first on line {seen[key]})", row.line)
        seen[key] = row.line
        words.append(word)
    return RoleLexicon(tuple(words))


@lru_cache(maxsize=1)
def roles() -> RoleLexicon:
    """The shipped role lexicon, read once."""
    return load_roles()
