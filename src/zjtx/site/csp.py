"""A Content-Security-Policy for every page: scripts only from the site itself, plus the theme's own inline
scripts, each allowed by its hash. Every data string is escaped before it reaches a page (html.esc), so no
script can come from the data; the policy is the second wall, should an escape ever be missed.

The theme's inline scripts are recognised against Material's own partial templates (read from the installed
theme, not copied): a script that matches none of them fails the build, and is never given a hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# data blocks (application/json, application/ld+json) are never run: they need no hash
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.S)
JINJA = re.compile(r"{{.*?}}|{%.*?%}", re.S)
THEME_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/palette.html",
                  "partials/javascripts/content.html")


class ForeignScript(ValueError):
    """An inline script on a page that is not one of the theme's."""


def theme_script_patterns(template_dirs: list[str]) -> list[re.Pattern[str]]:
    """The inline scripts of the theme's partials, as patterns: the literal script with each template
    expression ({{ … }}, {% … %}) standing for any text without quotes or angle brackets."""
    patterns = []
    for partial in THEME_PARTIALS:
        source = next((Path(d) / partial for d in template_dirs if (Path(d) / partial).is_file()), None)
        if source is None:
            continue
        for body in re.findall(r"<script>(.*?)</script>", source.read_text(encoding="utf-8"), re.S):
            literal = [re.escape(part) for part in JINJA.split(body)]
            patterns.append(re.compile('[^"<>]*'.join(literal)))
    return patterns


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: list[str]) -> str:
    # wasm-unsafe-eval: the search index is read by WebAssembly; styles inline: the theme sets style attributes
    return ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted(set(hashes))) +
            "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def with_policy(page_html: str, patterns: list[re.Pattern[str]], where: str) -> str:
    """The page with its CSP meta tag first in <head>; ForeignScript if an inline script is not the theme's."""
    hashes = []
    for body in INLINE_SCRIPT.findall(page_html):
        if not any(p.fullmatch(body) for p in patterns):
            raise ForeignScript(f"{where}: an inline script that is not the theme's: {body[:80]!r}")
        hashes.append(script_hash(body))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return page_html.replace("<head>", "<head>\n    " + meta, 1)
