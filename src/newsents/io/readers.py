"""Read news articles from .txt, news-please .json/.jsonl and .html files into ``RawArticle`` records.

Broken inputs never stop iteration: each problem becomes a ``Failure`` in a ``ReadReport`` (or a
logged warning), and the next file is read. Ids are stable: the path relative to the input root with
forward slashes (``folder/file.txt``, ``folder/file.jsonl#17`` for line 17), or the file name when a
single file is given.

Decisions worth knowing:

* A news-please record without ``maintext`` falls back to ``description`` (with a warning); with
  neither it is a ``MissingText`` error. The same holds for a page trafilatura finds no text in.
* ``.txt`` files: UTF-8 (BOM optional), UTF-16 with BOM, else cp1252 with a warning. A leading date
  line (``05.03.2024``, ``Stand: 5. März 2024, 14:30 Uhr``) becomes the date, a leading section label
  (``Ausland``, ``Politik > Ausland``; words in ``data/reader_lexicon.json``) goes to ``meta["section"]``,
  and the first short line before further text becomes the title (whitespace collapsed). Pure-noise
  lines above the headline (image names, "Anzeige") are moved into the body for cleaning to record.
* HTML: trafilatura's main text, paragraphs joined by blank lines; a leading section label, the h1
  and a date line are moved out of the text. Fewer than 8 extracted words is ``MissingText``.
* Binary check: NUL bytes or more than 5% control bytes make a "text" file ``BinaryFile``.
* A top-level JSON list in a ``.json`` file is read like ``.jsonl`` with ids ``file.json#1`` (1-based).
* Files reached twice through symlinks are read once; directory symlinks are followed once per real
  directory, so symlink loops terminate.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from ..core.records import Failure, RawArticle
from .dates import normalize_date, reader_lexicon
from .decoding import ReadFailure, check_binary, decode, read_bytes

logger = logging.getLogger(__name__)

PathLike = Union[str, "os.PathLike[str]"]

TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
_MIN_HTML_WORDS = 8  # fewer extracted words than this: the page has no article text



@dataclass
class ReadReport:
    """What happened while reading: articles read, files skipped (unsupported type), errors, warnings."""

    skipped: int = 0
    errors: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read: int = 0

    def summary(self) -> str:
        """One line for logs and the CLI, e.g. ``9 articles read, 1 file skipped, 1 error, 1 warning``."""
        def n(k: int, word: str) -> str:
            return f"{k} {word}{'' if k == 1 else 's'}"
        return ", ".join([n(self.read, "article") + " read", n(self.skipped, "file") + " skipped",
                          n(len(self.errors), "error"), n(len(self.warnings), "warning")])


# --------------------------------------------------------------------------- format parsers


def _is_section_label(line: str) -> bool:
    lex = reader_lexicon()
    if len(line.split()) > lex["max_section_words"] + 2:
        return False
    parts = [p for p in lex["_section_split"].split(line.strip()) if p]
    if not parts or len(" ".join(parts).split()) > lex["max_section_words"]:
        return False
    return all(p.casefold() in lex["_sections"] for p in parts)


def _is_noise_line(line: str) -> bool:
    """True if cleaning would remove the whole line (image name, 'Anzeige', share buttons, ...)."""
    from .clean import default_cleaner

    return default_cleaner().clean(line).text == ""


def _parse_txt(text: str, art_id: str, enc: str) -> RawArticle:
    """Split a plain-text article into optional date/section header lines, title and body."""
    lex = reader_lexicon()
    lines = text.split("\n")
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    meta: dict[str, Any] = {"format": "txt", "encoding": enc}
    art_date = None
    noise: list[str] = []  # pure-noise lines above the headline: moved into the body, cleaning records them
    k = 0  # index into nonblank
    for _ in range(6):  # a few header lines (date, section, noise) before the headline
        if k >= len(nonblank):
            break
        line = lines[nonblank[k]].strip()
        remaining = len(nonblank) - k - 1
        if remaining >= 1 and _is_noise_line(line):
            noise.append(line)
            k += 1
            continue
        d = normalize_date(line) if len(line) <= 60 and art_date is None else None
        if d and remaining >= 1:
            art_date, k = d, k + 1
            continue
        if "section" not in meta and remaining >= 2 and _is_section_label(line):
            meta["section"] = line
            k += 1
            continue
        break
    title = None
    if k < len(nonblank):
        first = lines[nonblank[k]].strip()
        if len(first) <= lex["max_title_chars"] and k + 1 < len(nonblank):
            title = " ".join(first.split())
            k += 1
    body = "\n".join(lines[nonblank[k]:]).strip() if k < len(nonblank) else ""
    if noise:
        body = "\n".join(noise + ([body] if body else []))
    return RawArticle(id=art_id, text=body, title=title, date=art_date, meta=meta)


def _str_field(d: dict[str, Any], *keys: str) -> Optional[str]:
    for k in keys:
        v = d.get(k)
        if isinstance(v, str) and v.strip():
            return repair_text(v)
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_text(text: str) -> str:
    """``text`` with lone surrogates (``"\\ud83d"`` in a JSON file: half an emoji) replaced by U+FFFD,
    so that it can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _from_record(d: Any, art_id: str, display: str, fmt: str, warn: Callable[[str], None]) -> RawArticle:
    """A news-please style record (title, maintext, description, date_publish, ...) as a RawArticle."""
    if not isinstance(d, dict):
        raise ReadFailure("NotAnArticle", f"{display}: expected a JSON object (news-please article), got "
                                       f"{type(d).__name__}")
    body = _str_field(d, "maintext", "text")
    description = _str_field(d, "description")
    if body is None:
        if description is None:
            raise ReadFailure("MissingText", f"{display}: article has no text ('maintext' and 'description' are "
                                          f"missing or empty)")
        warn(f"{display}: no 'maintext'; using 'description' as the article text")
        body = description
    title = _str_field(d, "title", "title_page", "title_rss")
    raw_date = d.get("date_publish") or d.get("date") or d.get("date_modify")
    art_date = normalize_date(raw_date)
    if raw_date and art_date is None:
        warn(f"{display}: could not parse date {raw_date!r}; date set to None")
    meta: dict[str, Any] = {"format": fmt}
    for k in ("authors", "language", "description", "image_url", "date_download", "filename"):
        if d.get(k) not in (None, "", []):
            meta[k] = d[k]
    return RawArticle(
        id=art_id,
        text=body.replace("\r\n", "\n").replace("\r", "\n").strip(),
        title=" ".join(title.split()) if title else None,
        date=art_date,
        source=_str_field(d, "source_domain", "sitename", "hostname", "source"),
        url=_str_field(d, "url"),
        meta=meta,
    )


def _parse_html(data: bytes, art_id: str, display: str) -> RawArticle:
    """Main text and metadata of an HTML page via trafilatura; paragraphs joined by blank lines."""
    import trafilatura

    if not data.strip():
        raise ReadFailure("EmptyFile", f"{display}: file is empty")
    check_binary(data, display)
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as e:  # trafilatura/lxml raise many types on malformed markup
        raise ReadFailure("ExtractionError", f"{display}: HTML extraction failed ({type(e).__name__}: {e})") from None
    if doc is None:
        raise ReadFailure("MissingText", f"{display}: no main text found in the HTML page")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    n_words = sum(len(p.split()) for p in paragraphs)
    if n_words < _MIN_HTML_WORDS:  # trafilatura falls back to menus/footers when there is no article
        found = f" (only {n_words} word(s) of page furniture)" if n_words else ""
        raise ReadFailure("MissingText", f"{display}: no main text found in the HTML page{found}")
    title = get("title")
    meta: dict[str, Any] = {"format": "html"}
    art_date = normalize_date(get("date"))
    # trafilatura keeps section labels, the h1 and a date line at the top of the text: move them out
    norm_title = " ".join(title.split()).casefold() if title else None
    while len(paragraphs) > 1:
        head = paragraphs[0]
        if norm_title and " ".join(head.split()).casefold() == norm_title:
            paragraphs.pop(0)
        elif "section" not in meta and _is_section_label(head):
            meta["section"] = paragraphs.pop(0)
        elif len(head) <= 60 and normalize_date(head):
            d = normalize_date(paragraphs.pop(0))
            if art_date is None or (d.startswith(art_date) and len(d) > len(art_date)):
                art_date = d  # the date line is more precise (has a time) or the only date
        else:
            break
    for k in ("author", "description", "language", "hostname", "sitename"):
        if get(k):
            meta[k] = get(k)
    return RawArticle(
        id=art_id,
        text="\n\n".join(paragraphs),
        title=" ".join(title.split()) if title else None,
        date=art_date,
        source=get("sitename") or get("hostname"),
        url=get("url"),
        meta=meta,
    )


# --------------------------------------------------------------------------- traversal


def _as_paths(paths: Union[PathLike, Iterable[PathLike]]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def list_files(root: Path, error: Callable[[str, str, str], None],
               warn: Callable[[str], None], exclude: Iterable[str] = ()) -> list[tuple[Path, str]]:
    """All files under ``root`` with their ids, sorted; each real directory and real file visited once.

    Public so that distributed runs list files exactly as ``iter_articles`` does."""
    seen_dirs = {os.path.realpath(root)}
    found: list[tuple[Path, str]] = []

    def onerror(e: OSError) -> None:
        try:
            rel = Path(e.filename).relative_to(root).as_posix()
        except (TypeError, ValueError):
            rel = str(e.filename or root)
        error(rel, type(e).__name__, f"{rel}: cannot list directory {e.filename} ({e.strerror or e})")

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        kept = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            real = os.path.realpath(full)
            if real in exclude:
                warn(f"{Path(full).relative_to(root).as_posix()}: the run's own output folder; not read")
                continue
            if real in seen_dirs:
                rel = Path(full).relative_to(root).as_posix()
                warn(f"{rel}: directory already visited (symlink to {real}); not followed again")
                continue
            seen_dirs.add(real)
            kept.append(d)
        dirnames[:] = kept
        for f in sorted(filenames):
            full = Path(dirpath, f)
            found.append((full, full.relative_to(root).as_posix()))
    found.sort(key=lambda x: x[1])
    return found


def iter_articles(paths: Union[PathLike, Iterable[PathLike]],
                  report: Optional[ReadReport] = None, exclude: Iterable[PathLike] = ()) -> Iterator[RawArticle]:
    """Yield a ``RawArticle`` for every readable article under ``paths`` (files or folders, recursive).

    Raises ``FileNotFoundError`` at call time if an input path does not exist. Everything else
    (broken, empty, binary, unreadable files, bad .jsonl lines) goes into ``report`` — or is logged as a
    warning when no report is given — and iteration continues.
    """
    roots = _as_paths(paths)
    for p in roots:
        if not os.path.lexists(p):
            raise FileNotFoundError(f"Input path does not exist: {p} (resolved: {p.absolute()})")
        if not p.exists():
            raise FileNotFoundError(f"Input path is a broken symlink: {p} -> {os.readlink(p)}")
    return _iter(roots, report, exclude)


def _iter(roots: list[Path], report: Optional[ReadReport], exclude: Iterable[PathLike] = ()) -> Iterator[RawArticle]:
    log = report is None
    rep = report if report is not None else ReadReport()

    def error(path: str, kind: str, message: str) -> None:
        rep.errors.append(Failure(path=path, error=kind, message=message))
        if log:
            logger.warning("%s [%s]", message, kind)

    def warn(message: str) -> None:
        rep.warnings.append(message)
        if log:
            logger.warning(message)

    for path, rel in input_files(roots, rep, error, warn, exclude):
        for art in read_file(path, rel, path.suffix.lower(), error, warn):
            rep.read += 1
            yield art


def input_files(roots: list[Path], report: ReadReport, error: Callable[[str, str, str], None],
                warn: Callable[[str], None], exclude: Iterable[PathLike] = ()) -> Iterator[tuple[Path, str]]:
    """The readable article files under ``roots`` with their ids, in order: what ``iter_articles``
    reads and a distributed run partitions. Unsupported types and second paths to one file (symlinks)
    are counted in ``report.skipped``; folders in ``exclude`` (the run's own output folder) are not read.

    Ids are paths relative to the input: with one input, relative to that folder (or the file's
    name); with several, relative to their common folder, so ``a/x.txt`` and ``b/x.txt`` stay apart."""
    seen: dict[str, str] = {}
    skip = {os.path.realpath(x) for x in exclude}
    for root in roots:
        prefix = _id_prefix(root, roots)
        files = list_files(root, error, warn, skip) if root.is_dir() else [(root, root.name)]
        for path, rel in files:
            rel = f"{prefix}/{rel}" if prefix and root.is_dir() else (prefix or rel)
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                report.skipped += 1
                continue
            real = os.path.realpath(path)
            if real in seen:
                warn(f"{rel}: same file as {seen[real]} (symlink); read once")
                report.skipped += 1
                continue
            seen[real] = rel
            yield path, rel


def _id_prefix(root: Path, roots: list[Path]) -> str:
    """The id of ``root`` itself: empty for a single folder, the file name for a single file, else
    the path relative to the inputs' common folder."""
    if len(roots) == 1:
        return "" if root.is_dir() else root.name
    base = os.path.commonpath([os.path.abspath(r) for r in roots])
    if os.path.abspath(root) == base:
        return "" if root.is_dir() else root.name
    return Path(os.path.relpath(os.path.abspath(root), base)).as_posix()


def read_file(path: Path, rel: str, suffix: str, error: Callable[[str, str, str], None],
              warn: Callable[[str], None]) -> Iterator[RawArticle]:
    """Articles in one file (``rel``: its id prefix); failures are reported, never raised."""
    try:
        data = read_bytes(path, rel)
        if suffix in HTML_SUFFIXES:
            art = _parse_html(data, rel, rel)
            art.meta["path"] = rel
            yield art
            return
        text, enc = decode(data, rel, warn)
        if suffix in TEXT_SUFFIXES:
            art = _parse_txt(text, rel, enc)
            if not art.text and not art.title:
                raise ReadFailure("MissingText", f"{rel}: no article text")
            art.meta["path"] = rel
            yield art
            return
        if suffix in JSON_SUFFIXES:
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as e:
                raise ReadFailure("JSONDecodeError",
                               f"{rel}: invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
            if isinstance(obj, list):
                yield from _records(((i, o) for i, o in enumerate(obj, 1)), rel, "json", error, warn)
            else:
                art = _from_record(obj, rel, rel, "json", warn)
                art.meta["path"] = rel
                yield art
            return
        # .jsonl: one article per line; a bad line is an error for that line only
        yield from _records(_jsonl_lines(text, rel, error), rel, "jsonl", error, warn)
    except ReadFailure as f:
        error(rel, f.kind, f.message)
    except (RecursionError, ValueError, TypeError, OverflowError, MemoryError, UnicodeError) as e:
        # hostile JSON (1,000 nested lists, a 5,000-digit number) or text the parsers choke on:
        # one error for this file, never the end of the run
        error(rel, type(e).__name__, f"{rel}: cannot be read ({type(e).__name__}: {str(e)[:200]})")


def _jsonl_lines(text: str, rel: str, error: Callable[[str, str, str], None]) -> Iterator[tuple[int, Any]]:
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as e:
            error(f"{rel}#{lineno}", "JSONDecodeError",
                  f"{rel} line {lineno}: invalid JSON: {e.msg} (column {e.colno})")
        except (RecursionError, ValueError) as e:  # nesting too deep, a number too long to parse
            error(f"{rel}#{lineno}", type(e).__name__, f"{rel} line {lineno}: cannot be parsed ({str(e)[:200]})")


def _records(items: Iterable[tuple[int, Any]], rel: str, fmt: str, error: Callable[[str, str, str], None],
             warn: Callable[[str], None]) -> Iterator[RawArticle]:
    for n, obj in items:
        art_id = f"{rel}#{n}"
        try:
            art = _from_record(obj, art_id, f"{rel} line {n}" if fmt == "jsonl" else f"{rel} item {n}", fmt, warn)
        except ReadFailure as f:
            error(art_id, f.kind, f.message)
            continue
        art.meta["path"] = rel
        yield art


def read_articles(path: Union[PathLike, Iterable[PathLike]]) -> list[RawArticle]:
    """All readable articles under ``path`` as a list; broken files are logged as warnings, not raised."""
    return list(iter_articles(path))
