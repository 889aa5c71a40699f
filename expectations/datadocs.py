"""Data Docs as an offline audit artefact: GX's pages link their CSS and JavaScript from CDNs and
logos from a web bucket; this copies the packaged assets (``datadocs_assets/``, see its README)
next to the pages and rewrites every page so that nothing is fetched from the network.

In: the folder GX wrote the Data Docs into. Out: the same folder, where every ``<script>``,
``<link>`` and ``<img>`` points at a local file (a CDN asset the pages do not need is removed),
and a list of the addresses replaced.

>>> make_offline(Path("var/datadocs/2026-11-29"))     # doctest: +SKIP
['https://code.jquery.com/jquery-3.7.1.min.js', …]
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

__all__ = ["ASSETS", "VENDOR", "external_references", "make_offline"]

VENDOR = "static/vendor"
#: CDN address in GX's templates → packaged file (under ``datadocs_assets/``).
ASSETS = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": (
        "bootstrap-4.3.1/bootstrap.min.css"
    ),
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": (
        "bootstrap-4.3.1/bootstrap.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": (
        "bootstrap-table-1.19.1/bootstrap-table.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": (
        "bootstrap-table-1.19.1/bootstrap-table.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css": (
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": (
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": (
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        "fontawesome-free-6.6.0/css/all.min.css"
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery-3.7.1/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": (
        "popper.js-1.12.9/popper.min.js"
    ),
}
_LOGO = "static/images/logo-long.png"  # shipped by GX in every site

_TAG = re.compile(r"<(script|link|img)\b[^>]*>(?:\s*</script>)?", re.IGNORECASE)
_URL_ATTR = re.compile(r"""\b(src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?((?:https?:)?//[^'")\s]+)['"]?\s*\)""", re.IGNORECASE)
_NEWSLETTER = re.compile(r"<p>[^<]*newsletter.*?</p>", re.IGNORECASE | re.DOTALL)


def _external(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _copy_assets(folder: Path) -> None:
    target = folder / VENDOR
    if target.exists():
        shutil.rmtree(target)
    source = resources.files("expectations").joinpath("datadocs_assets")
    with resources.as_file(source) as path:
        shutil.copytree(path, target, ignore=shutil.ignore_patterns("README.md"))


def _rewrite(html: str, prefix: str, replaced: list[str]) -> str:
    def tag(match: re.Match[str]) -> str:
        text, kind = match.group(0), match.group(1).lower()
        attr = _URL_ATTR.search(text)
        if attr is None or not _external(attr.group(2)):
            return text
        url = attr.group(2)
        replaced.append(url)
        if kind == "img":
            local = prefix + _LOGO
        elif url in ASSETS:
            local = f"{prefix}{VENDOR}/{ASSETS[url]}"
        else:
            return ""  # a CDN asset the pages do not need (charts, dark theme)
        text = text.replace(url, local)
        return re.sub(r"""\s(integrity|crossorigin)\s*=\s*["'][^"']*["']""", "", text)

    def css(match: re.Match[str]) -> str:
        replaced.append(match.group(1))
        return f"url('{prefix}{_LOGO}')"  # the only remote image in GX's styles is its logo

    return _CSS_URL.sub(css, _NEWSLETTER.sub("", _TAG.sub(tag, html)))


def make_offline(folder: Path) -> list[str]:
    """Copy the assets into ``folder`` and rewrite its pages; returns the addresses replaced."""
    _copy_assets(folder)
    replaced: list[str] = []
    vendor = folder / VENDOR
    pages = [*folder.rglob("*.html"), *folder.rglob("*.css")]
    for page in sorted(p for p in pages if vendor not in p.parents):
        depth = len(page.relative_to(folder).parts) - 1
        text = page.read_text("utf-8")
        page.write_text(_rewrite(text, "../" * depth, replaced), "utf-8")
    return sorted(set(replaced))


def external_references(folder: Path) -> list[str]:
    """Every address outside ``folder`` that a page or style sheet would load (scripts, styles,
    images, ``url(…)`` in CSS): empty
    once :func:`make_offline` has run."""
    found = []
    for page in sorted([*folder.rglob("*.html"), *folder.rglob("*.css")]):
        text = page.read_text("utf-8")
        urls = [m.group(1) for m in _CSS_URL.finditer(text)]
        for match in _TAG.finditer(text if page.suffix == ".html" else ""):
            attr = _URL_ATTR.search(match.group(0))
            if attr and _external(attr.group(2)):
                urls.append(attr.group(2))
        found += [f"{page.relative_to(folder)}: {url}" for url in urls]
    return found
