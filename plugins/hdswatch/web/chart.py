"""Charts of the dashboard, drawn on the server as SVG (no script, no external asset): a timeline
of deadlines in lanes (one per kind of date) over a span of months, and horizontal bars of
findings stacked by severity. Each SVG is an accessible image (``role="img"`` with a title and
a description); the page shows the same figures as a table next to it.

In: plain values (dates, labels, counts) and the words to use. Out: an SVG string.

>>> svg = bars([("CHB", {"critical": 2, "high": 1})], ("critical", "high"), "Constats", "2 + 1")
>>> svg.startswith('<svg') and '<title id="bars-title">Constats</title>' in svg
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

__all__ = ["Marker", "bars", "timeline"]

_WIDTH = 960
_LEFT = 210  # lane names
_RIGHT = 20
_TOP = 48  # years and month names
_LANE = 64
_CHAR = 6.1  # width of a character of the 11 px labels, near enough
_FONT = 'font-family="system-ui, DejaVu Sans, Arial, sans-serif"'


@dataclass(frozen=True)
class Marker:
    day: date
    lane: int
    label: str  # written next to the marker when there is room
    tooltip: str
    href: str | None = None


def timeline(
    markers: Sequence[Marker],
    lanes: Sequence[tuple[str, str]],
    start: date,
    end: date,
    months: Sequence[tuple[date, str]],
    title: str,
    description: str,
) -> str:
    """Markers in ``lanes`` (name, colour) between ``start`` and ``end``; ``months`` are the
    ticks of the axis (their first day, their name)."""
    plot = _WIDTH - _LEFT - _RIGHT
    span = max((end - start).days, 1)
    height = _TOP + _LANE * len(lanes) + 8

    def x(day: date) -> float:
        return _LEFT + plot * (day - start).days / span

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="timeline-title timeline-desc" class="chart" id="timeline" {_FONT}>',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{escape(description)}</desc>',
    ]
    for i, (name, colour) in enumerate(lanes):
        top = _TOP + i * _LANE
        fill = "#f6f8fb" if i % 2 == 0 else "#ffffff"
        out.append(f'<rect x="{_LEFT}" y="{top}" width="{plot}" height="{_LANE}" fill="{fill}"/>')
        out.append(
            f'<circle cx="14" cy="{top + _LANE / 2}" r="6" fill="{colour}"/>'
            f'<text x="26" y="{top + _LANE / 2 + 4}" font-size="13" fill="#1d2733">'
            f"{escape(name)}</text>"
        )
    for first, name in months:
        if start <= first <= end:
            left = x(first)
            month, _, year = name.partition(" ")
            out.append(
                f'<line x1="{left:.1f}" y1="{_TOP - 6}" x2="{left:.1f}" y2="{height - 8}" '
                f'stroke="#d8dee6"/><text x="{left + 4:.1f}" y="{_TOP - 10}" font-size="12" '
                f'fill="#5b6775">{escape(month)}</text>'
            )
            if year:
                out.append(
                    f'<text x="{left + 4:.1f}" y="{_TOP - 26}" font-size="12" font-weight="600" '
                    f'fill="#1d2733">{escape(year)}</text>'
                )
    out.append(
        f'<line x1="{_LEFT}" y1="{_TOP - 6}" x2="{_LEFT}" y2="{height - 8}" stroke="#b3261e" '
        f'stroke-width="2"/>'
    )
    ends: dict[tuple[int, int], float] = {}
    for marker in sorted(markers, key=lambda m: (m.lane, m.day)):
        centre = x(marker.day)
        middle = _TOP + marker.lane * _LANE + _LANE / 2
        colour = lanes[marker.lane][1]
        shape = (
            f'<circle cx="{centre:.1f}" cy="{middle}" r="7" fill="{colour}" stroke="#fff" '
            f'stroke-width="2" class="marker"><title>{escape(marker.tooltip)}</title></circle>'
        )
        if marker.href:
            shape = f'<a href="{escape(marker.href)}">{shape}</a>'
        out.append(shape)
        width = len(marker.label) * _CHAR
        for row, dy in enumerate((-13, 21)):
            if ends.get((marker.lane, row), 0.0) < centre - 4 and centre + width < _WIDTH:
                out.append(
                    f'<text x="{centre - 4:.1f}" y="{middle + dy}" font-size="11" '
                    f'fill="#1d2733">{escape(marker.label)}</text>'
                )
                ends[(marker.lane, row)] = centre + width
                break
    out.append("</svg>")
    return "".join(out)


def bars(
    rows: Sequence[tuple[str, Mapping[str, int]]],
    order: Sequence[str],
    title: str,
    description: str,
    colours: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """One horizontal bar per row (its name, its counts), stacked in ``order``; ``names``: the
    words for the keys of ``order`` in the tooltips."""
    colours, names = colours or {}, names or {}
    bar, gap, left, width = 22, 12, 70, 560
    plot = width - left - 40
    biggest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    height = max(len(rows), 1) * (bar + gap) + gap
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="bars-title bars-desc" class="chart" id="bars" {_FONT}>',
        f'<title id="bars-title">{escape(title)}</title>',
        f'<desc id="bars-desc">{escape(description)}</desc>',
    ]
    for i, (name, counts) in enumerate(rows):
        top = gap + i * (bar + gap)
        out.append(
            f'<text x="0" y="{top + bar - 6}" font-size="13" fill="#1d2733">{escape(name)}</text>'
        )
        offset = float(left)
        for key in order:
            n = counts.get(key, 0)
            if n:
                size = plot * n / biggest
                out.append(
                    f'<rect x="{offset:.1f}" y="{top}" width="{size:.1f}" height="{bar}" '
                    f'fill="{colours.get(key, "#4a6b8a")}"><title>{escape(names.get(key, key))} : {n}</title></rect>'
                )
                if size > 18:
                    out.append(
                        f'<text x="{offset + size / 2:.1f}" y="{top + bar - 6}" font-size="12" '
                        f'fill="#fff" text-anchor="middle">{n}</text>'
                    )
                offset += size
        out.append(
            f'<text x="{offset + 6:.1f}" y="{top + bar - 6}" font-size="12" fill="#5b6775">'
            f"{sum(counts.values())}</text>"
        )
    out.append("</svg>")
    return "".join(out)
