"""The site's Content-Security-Policy, with the theme's inline scripts allowed by their SHA-256 hashes.

mkdocs-material writes a few small inline scripts into every page. Rather than
allow ``'unsafe-inline'`` (which would let an injected ``<script>`` run), the
policy lists the hash of each one. One of them embeds the page's ``base_url``
(``.``, ``..``, ``../..``…), so it has one hash per folder depth. The policy is
written literally into ``overrides/main.html``; ``python -m palermo.site.csp``
prints it again after a theme upgrade, and a test checks that every inline
script of every built page is covered.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

MAX_DEPTH = 8
"""Deepest page folder the policy covers (``browse/offence/<value>/page/2/`` is 5)."""

_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/palette.html", "partials/javascripts/content.html")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_SCOPE = "{{ config.extra.scope | d(base_url) }}"


def _theme_dir() -> Path:
    import material

    return Path(str(material.__file__)).parent / "templates"


def base_urls() -> list[str]:
    """Every ``base_url`` mkdocs gives a page: ``.`` for the root, ``..`` one folder down…, and ``/`` for 404.html."""
    return [".", *("/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)), "/"]


def script_hash(body: str) -> str:
    """The CSP source expression of an inline script body or style attribute: ``'sha256-<base64>'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def theme_inline_scripts() -> list[str]:
    """The bodies of the theme's inline scripts, once per base_url where the body depends on it."""
    bodies: list[str] = []
    for name in _PARTIALS:
        for body in _SCRIPT.findall((_theme_dir() / name).read_text(encoding="utf-8")):
            variants = [body.replace(_SCOPE, url) for url in base_urls()] if _SCOPE in body else [body]
            bodies.extend(v for v in variants if v not in bodies)
    return bodies


MARKDOWN_STYLE_ATTRIBUTES = ("text-align: left;", "text-align: right;", "text-align: center;")
"""The only inline ``style`` attributes our pages have: Python-Markdown's aligned table columns.

They are allowed one by one through ``'unsafe-hashes'`` (CSP level 3): any other
inline style, and every ``<style>`` element, stays blocked.
"""


def policy() -> str:
    """The Content-Security-Policy of every page (for a ``<meta http-equiv>`` tag)."""
    hashes = " ".join(script_hash(body) for body in theme_inline_scripts())
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-hashes' " + " ".join(script_hash(style) for style in MARKDOWN_STYLE_ATTRIBUTES),
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


if __name__ == "__main__":  # pragma: no cover
    print(policy())
