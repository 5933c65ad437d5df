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
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from ..core.records import Failure, RawArticle
from ..knowledge import data_path

logger = logging.getLogger(__name__)

PathLike = Union[str, "os.PathLike[str]"]

TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES

_BINARY_SAMPLE = 65536  # bytes inspected for control characters
_BINARY_CONTROL_RATIO = 0.05  # share of control bytes above which a "text" file is binary
_ALLOWED_CONTROLS = {9, 10, 11, 12, 13, 27}  # \t \n \v \f \r ESC
#: The bytes that count as control characters: C0 controls but the allowed ones, and DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _ALLOWED_CONTROLS) + b"\x7f"
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


class _Failure(Exception):
    """Internal: a read problem with a Failure class name and a message naming the file."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


# --------------------------------------------------------------------------- lexicon and dates


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    raw = data_path("reader_lexicon.json").read_text(encoding="utf-8")
    lex = json.loads(raw)
    lex["_sections"] = {w.casefold() for w in lex["section_words"]}
    seps = "".join(re.escape(s) for s in lex["section_separators"])
    lex["_section_split"] = re.compile(f"\\s*[{seps}]\\s*")
    months = "|".join(sorted((re.escape(m) for m in lex["months"]), key=len, reverse=True))
    days = "|".join(sorted((re.escape(d) for d in lex["weekdays"]), key=len, reverse=True))
    prefixes = "|".join(sorted((re.escape(p) for p in lex["date_prefixes"]), key=len, reverse=True))
    time = r"(?:[,\s]+(?:um\s+|-\s*)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?:Uhr|h)?)?"
    lead = rf"(?:(?:{prefixes})\s*:?\s*)?(?:(?:{days})\.?,?\s+)?"
    lex["_date_res"] = [
        re.compile(lead + r"(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.\s*(?P<y>\d{4}|\d{2})" + time, re.I),
        re.compile(lead + rf"(?P<d>\d{{1,2}})\.?\s+(?P<mn>{months})\.?\s+(?P<y>\d{{4}})" + time, re.I),
        re.compile(lead + rf"(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})" + time, re.I),
        re.compile(rf"(?:(?:{prefixes})\s*:?\s*)?"
                   r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)", re.I),
    ]
    return lex


def normalize_date(value: Any) -> Optional[str]:
    """ISO 8601 date (``2024-03-05``) or datetime (``2024-03-05T14:30:00[+01:00]``) string, or None.

    Accepts ISO strings (also news-please's ``2024-03-05 14:30:00``), German ``05.03.2024, 14:30 Uhr``
    and ``Dienstag, 5. März 2024``, English ``March 5, 2024``, date/datetime objects and Unix seconds.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if 631152000 <= value <= 4102444800:  # 1990..2100
            return datetime.fromtimestamp(value, tz=timezone.utc).isoformat(timespec="seconds")
        return None
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    if not s:
        return None
    lex = _lexicon()
    for rx in lex["_date_res"]:
        m = rx.fullmatch(s)
        if not m:
            continue
        g = m.groupdict()
        if g.get("iso"):
            return _iso(g["iso"])
        try:
            year = int(g["y"])
            if year < 100:
                year += 2000
            month = int(g["m"]) if g.get("m") else lex["months"][g["mn"].casefold()]
            d = date(year, month, int(g["d"]))
            if g.get("H") is None:
                return d.isoformat()
            t = datetime(d.year, d.month, d.day, int(g["H"]), int(g["M"]), int(g["S"] or 0))
            return t.isoformat(timespec="seconds")
        except (ValueError, KeyError):
            return None
    return None


def _iso(s: str) -> Optional[str]:
    s = s.strip().replace(" ", "T", 1)
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    if "T" not in s:
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(s).isoformat(timespec="seconds")
    except ValueError:
        try:
            return date.fromisoformat(s[:10]).isoformat()
        except ValueError:
            return None


# --------------------------------------------------------------------------- bytes -> text


#: Larger files are not read (a symlink to /dev/zero, a database dump named .txt).
MAX_FILE_BYTES = 256 * 1024 * 1024


def _read_bytes(path: Path, display: str) -> bytes:
    """Read a file's bytes, turning OS errors into failures with a clear message. Only regular files
    are read (a named pipe would block, a device never ends), and at most ``MAX_FILE_BYTES``."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise _Failure("NotARegularFile", f"{display}: not a regular file (a pipe, device or socket); skipped")
        if st.st_size > MAX_FILE_BYTES:
            raise _Failure("FileTooLarge", f"{display}: {st.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} "
                                           f"bytes an article file may have")
        with path.open("rb") as f:
            return f.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise _Failure("PermissionError", f"{display}: permission denied, cannot read {path}") from None
    except IsADirectoryError:
        raise _Failure("IsADirectoryError", f"{display}: is a directory, not a file ({path})") from None
    except FileNotFoundError:
        raise _Failure("FileNotFoundError",
                       f"{display}: file vanished or is a broken symlink ({path})") from None
    except OSError as e:
        raise _Failure(type(e).__name__, f"{display}: cannot read {path} ({e.strerror or e})") from None


def _check_binary(data: bytes, display: str) -> None:
    if b"\x00" in data:
        raise _Failure("BinaryFile", f"{display}: looks like a binary file (contains NUL bytes), not text")
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    if sample and controls / len(sample) > _BINARY_CONTROL_RATIO:
        raise _Failure("BinaryFile",
                       f"{display}: looks like a binary file ({controls} control bytes in {len(sample)}), not text")


def _decode(data: bytes, display: str, warn: Callable[[str], None]) -> tuple[str, str]:
    """Decode text bytes (UTF-8 with/without BOM, UTF-16 with BOM, else cp1252 with a warning)."""
    if not data.strip():
        raise _Failure("EmptyFile", f"{display}: file is empty")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            text, enc = data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError as e:
            raise _Failure("EncodingError", f"{display}: invalid UTF-32 ({e.reason} at byte {e.start})") from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise _Failure("EncodingError", f"{display}: invalid UTF-16 ({e.reason} at byte {e.start})") from None
    else:
        _check_binary(data, display)
        if data.startswith(b"\xef\xbb\xbf"):
            data, enc = data[3:], "utf-8-sig"
        else:
            enc = "utf-8"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            text, enc = _decode_lines(data, display, e, warn)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _Failure("EmptyFile", f"{display}: file is empty (only whitespace)")
    return text, enc


def _decode_lines(data: bytes, display: str, first: UnicodeDecodeError,
                  warn: Callable[[str], None]) -> tuple[str, str]:
    """Bytes that are not all UTF-8: each line that is UTF-8 is read as UTF-8, the others as cp1252
    (a UTF-8 file with one Latin-1 line keeps "Markus Söder" intact elsewhere)."""
    lines, repaired, utf8 = [], 0, 0
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
            utf8 += not raw.isascii()
        except UnicodeDecodeError:
            try:
                lines.append(raw.decode("cp1252"))
            except UnicodeDecodeError:
                raise _Failure("EncodingError", f"{display}: neither UTF-8 nor cp1252 text (invalid byte "
                                                f"{data[first.start]:#04x} at offset {first.start})") from None
            repaired += 1
    enc = "utf-8+cp1252" if utf8 else "cp1252"
    warn(f"{display}: not valid UTF-8 (byte {data[first.start]:#04x} at offset {first.start}); "
         f"{repaired} of {len(lines)} line(s) read as cp1252")
    return "\n".join(lines), enc


# --------------------------------------------------------------------------- format parsers


def _is_section_label(line: str) -> bool:
    lex = _lexicon()
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
    lex = _lexicon()
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
        raise _Failure("NotAnArticle", f"{display}: expected a JSON object (news-please article), got "
                                       f"{type(d).__name__}")
    body = _str_field(d, "maintext", "text")
    description = _str_field(d, "description")
    if body is None:
        if description is None:
            raise _Failure("MissingText", f"{display}: article has no text ('maintext' and 'description' are "
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
        raise _Failure("EmptyFile", f"{display}: file is empty")
    _check_binary(data, display)
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as e:  # trafilatura/lxml raise many types on malformed markup
        raise _Failure("ExtractionError", f"{display}: HTML extraction failed ({type(e).__name__}: {e})") from None
    if doc is None:
        raise _Failure("MissingText", f"{display}: no main text found in the HTML page")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    n_words = sum(len(p.split()) for p in paragraphs)
    if n_words < _MIN_HTML_WORDS:  # trafilatura falls back to menus/footers when there is no article
        found = f" (only {n_words} word(s) of page furniture)" if n_words else ""
        raise _Failure("MissingText", f"{display}: no main text found in the HTML page{found}")
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
        data = _read_bytes(path, rel)
        if suffix in HTML_SUFFIXES:
            art = _parse_html(data, rel, rel)
            art.meta["path"] = rel
            yield art
            return
        text, enc = _decode(data, rel, warn)
        if suffix in TEXT_SUFFIXES:
            art = _parse_txt(text, rel, enc)
            if not art.text and not art.title:
                raise _Failure("MissingText", f"{rel}: no article text")
            art.meta["path"] = rel
            yield art
            return
        if suffix in JSON_SUFFIXES:
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as e:
                raise _Failure("JSONDecodeError",
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
    except _Failure as f:
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
        except _Failure as f:
            error(art_id, f.kind, f.message)
            continue
        art.meta["path"] = rel
        yield art


def read_articles(path: Union[PathLike, Iterable[PathLike]]) -> list[RawArticle]:
    """All readable articles under ``path`` as a list; broken files are logged as warnings, not raised."""
    return list(iter_articles(path))
