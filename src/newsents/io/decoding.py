"""From a file's bytes to text: only regular files and at most ``MAX_FILE_BYTES``, no binaries, and
UTF-8 / UTF-16 / UTF-32 with BOM / cp1252 (per line where a UTF-8 file has a cp1252 line)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path


class ReadFailure(Exception):
    """A read problem: ``kind`` becomes the error class in errors.jsonl, ``message`` names the file."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message



_BINARY_SAMPLE = 65536  # bytes inspected for control characters
_BINARY_CONTROL_RATIO = 0.05  # share of control bytes above which a "text" file is binary
_ALLOWED_CONTROLS = {9, 10, 11, 12, 13, 27}  # \t \n \v \f \r ESC
#: The bytes that count as control characters: C0 controls but the allowed ones, and DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _ALLOWED_CONTROLS) + b"\x7f"




#: Larger files are not read (a symlink to /dev/zero, a database dump named .txt).
MAX_FILE_BYTES = 256 * 1024 * 1024


def read_bytes(path: Path, display: str) -> bytes:
    """Read a file's bytes, turning OS errors into failures with a clear message. Only regular files
    are read (a named pipe would block, a device never ends), and at most ``MAX_FILE_BYTES``."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ReadFailure("NotARegularFile", f"{display}: not a regular file (a pipe, device or socket); skipped")
        if st.st_size > MAX_FILE_BYTES:
            raise ReadFailure("FileTooLarge", f"{display}: {st.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} "
                                           f"bytes an article file may have")
        with path.open("rb") as f:
            return f.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise ReadFailure("PermissionError", f"{display}: permission denied, cannot read {path}") from None
    except IsADirectoryError:
        raise ReadFailure("IsADirectoryError", f"{display}: is a directory, not a file ({path})") from None
    except FileNotFoundError:
        raise ReadFailure("FileNotFoundError",
                       f"{display}: file vanished or is a broken symlink ({path})") from None
    except OSError as e:
        raise ReadFailure(type(e).__name__, f"{display}: cannot read {path} ({e.strerror or e})") from None


def check_binary(data: bytes, display: str) -> None:
    if b"\x00" in data:
        raise ReadFailure("BinaryFile", f"{display}: looks like a binary file (contains NUL bytes), not text")
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    if sample and controls / len(sample) > _BINARY_CONTROL_RATIO:
        raise ReadFailure("BinaryFile",
                       f"{display}: looks like a binary file ({controls} control bytes in {len(sample)}), not text")


def decode(data: bytes, display: str, warn: Callable[[str], None]) -> tuple[str, str]:
    """Decode text bytes (UTF-8 with/without BOM, UTF-16 with BOM, else cp1252 with a warning)."""
    if not data.strip():
        raise ReadFailure("EmptyFile", f"{display}: file is empty")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            text, enc = data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError as e:
            raise ReadFailure("EncodingError", f"{display}: invalid UTF-32 ({e.reason} at byte {e.start})") from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise ReadFailure("EncodingError", f"{display}: invalid UTF-16 ({e.reason} at byte {e.start})") from None
    else:
        check_binary(data, display)
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
        raise ReadFailure("EmptyFile", f"{display}: file is empty (only whitespace)")
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
                raise ReadFailure("EncodingError", f"{display}: neither UTF-8 nor cp1252 text (invalid byte "
                                                f"{data[first.start]:#04x} at offset {first.start})") from None
            repaired += 1
    enc = "utf-8+cp1252" if utf8 else "cp1252"
    warn(f"{display}: not valid UTF-8 (byte {data[first.start]:#04x} at offset {first.start}); "
         f"{repaired} of {len(lines)} line(s) read as cp1252")
    return "\n".join(lines), enc


