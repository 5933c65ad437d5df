"""The payload -> one self-contained HTML page: the data as inert JSON, the vendored libraries and the
explorer's own script and style inline, and a Content-Security-Policy that lets only those scripts run
and the page fetch nothing."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

#: Vendored libraries (see assets/README.md), then the explorer's own modules, which share one
#: function scope (nothing of theirs is global but ``window.newsentsExplorer``).
VENDOR = ("cytoscape.min.js",)
MODULES = ("js/util.js", "js/data.js", "js/graph.js", "js/cards.js", "js/article.js", "js/tables.js", "js/main.js")
STYLES = ("explorer.css",)
_PLACEHOLDER = re.compile(r"\{\{(TITLE|CSP|STYLE|DATA|SCRIPT)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def asset(name: str) -> str:
    """The text of a file in ``newsents/explorer/assets``."""
    return (resources.files("newsents.explorer") / "assets" / name).read_text(encoding="utf-8")


def script_json(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&``, U+2028 and U+2029
    are ``\\u`` escapes, so no data can close the element or open a comment or another script."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: keep them as \\u escapes, the page stays valid UTF-8
        text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"), allow_nan=False, default=str)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def inline_script(code: str) -> str:
    """Script text that cannot end its ``<script>`` element early (``</script`` and ``<!--`` broken up)."""
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: list[str], styles: list[str]) -> str:
    """Only the page's own scripts and styles (by hash) run; nothing is loaded from anywhere."""
    return ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
            + "; style-src " + " ".join(_sha256(s) for s in styles)
            + "; img-src data: blob:; base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def _static() -> tuple[str, str, str]:
    own = "\n".join(asset(name) for name in MODULES)
    parts = [asset(name) for name in VENDOR] + ['(function () {\n"use strict";\n' + own + "\n})();"]
    script = inline_script("\n;\n".join(parts))
    style = "\n".join(asset(name) for name in STYLES)
    return asset("template.html"), script, style


#: Cytoscape adds this style element itself unless it exists; the page ships it so the CSP can hash it.
CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"


def page_overhead() -> int:
    """Bytes of the page without its data (template, scripts, styles, policy)."""
    template, script, style = _static()
    return len((template + script + style).encode("utf-8")) + 2000


def render(payload: dict[str, Any]) -> str:
    """The HTML page for ``payload`` (see :func:`newsents.explorer.payload.build_payload`)."""
    template, script, style = _static()
    values = {"TITLE": html.escape(str(payload.get("meta", {}).get("title") or "newsents explorer")),
              "CSP": html.escape(csp([script], [CYTOSCAPE_STYLE, style]), quote=True),
              "STYLE": style, "DATA": script_json(payload), "SCRIPT": script}
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
