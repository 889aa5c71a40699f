"""Page layout: positioned words become lines in reading order; pages become body text.

In: the words of one page (text and box in points, origin at the top left), the page size and its
ruled tables (:func:`page_lines`); or a whole :class:`~extractors.types.Document`
(:func:`body_lines`, :func:`paragraphs`). Out: :class:`~extractors.types.Line` objects.

- Lines are words sharing a baseline. A band of the page printed in two (or three) columns is
  read column by column, left first; a line spanning the gutter (a title) closes the band.
- A ruled table is read one row per line, its cells joined by ``" | "``.
- Body lines leave out running headers and footers (the same text at the top or bottom of most
  pages, digits ignored: « Confidentiel — Nuagesanté SAS », « Page 3 / 7 ») and bare page numbers,
  and rejoin a word cut by a hyphen at a line end (« héber- / gement » → « hébergement », but
  « sous- / traitant » stays « sous-traitant » when the document writes it so).
- :func:`paragraphs` joins body lines back into paragraphs; each character maps to its line.

>>> words = [Word("Article", (72, 90, 110, 100)), Word("1", (113, 90, 118, 100))]
>>> [line.text for line in page_lines(words, page=1, width=595, height=842)]
['Article 1']
"""

from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from extractors.types import BBox, Document, Line, Table, Word

__all__ = [
    "Paragraph",
    "body_lines",
    "fill_table",
    "in_columns",
    "is_page_number",
    "page_lines",
    "paragraphs",
    "rejoin_hyphens",
    "running_texts",
]

_MIN_COLUMN_ROWS = 4  # a column holds at least this many lines ...
_MIN_WORDS_PER_ROW = 3.5  # ... of running text (a column of labels or numbers is not a column)
_MIN_GUTTER = 5.0  # points of white between two columns
_PAGE_NUMBER = re.compile(
    r"^[-–—(\[]?\s*(page|p\.)?\s*\d{1,4}\s*((/|sur|of|de)\s*\d{1,4})?\s*[-–—)\]]?$", re.I
)
_LIST_START = re.compile(r"^([-–—•·▪*]\s|\(?[a-z0-9]{1,3}[.)]\s|article\s|annexe\s|annex\s)", re.I)
_HYPHEN_END = re.compile(r"([^\W\d_]+)([-‐\u00ad])$")
_WORD_START = re.compile(r"^([^\W\d_]+)(\S*)\s*")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
# Prefixes joined to a word by a hyphen; kept at a line break when the document knows the word.
_HYPHEN_PREFIXES = frozenset(
    {"sous", "non", "vice", "demi", "semi", "mi", "ex", "quasi", "self", "e", "co", "porte"}
    | {"arrière", "avant", "après", "contre", "anti"}
)


# --- one page -----------------------------------------------------------------------------------


def page_lines(
    words: Sequence[Word],
    page: int,
    width: float,
    height: float,
    tables: Sequence[Table] = (),
) -> list[Line]:
    """The lines of one page in reading order, numbered from 1."""
    free = [w for w in words if not any(_centre_in(w.bbox, t.bbox) for t in tables)]
    right = max([width, *(w.bbox[2] for w in free)])
    lines = [_line(page, row, column) for column, row in _read(free, 0.0, right, 0)]
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        rows = _table_lines(table, [w for w in words if _centre_in(w.bbox, table.bbox)])
        at = next(
            (
                i
                for i, line in enumerate(lines)
                if line.bbox[1] >= table.bbox[1] - 1 and _overlap_x(line.bbox, table.bbox)
            ),
            len(lines),
        )
        lines[at:at] = rows
    return [replace(line, number=n) for n, line in enumerate(lines, start=1)]


def in_columns(words: Sequence[Word], width: float) -> bool:
    """Whether a page of ``width`` points holds a band printed in columns of running text."""
    return _gutter(list(words), 0.0, max([width, *(w.bbox[2] for w in words)])) is not None


def _read(words: list[Word], x_lo: float, x_hi: float, depth: int) -> list[tuple[int, list[Word]]]:
    """Rows of ``words`` in reading order, each with its column (0 when not in columns)."""
    gutter = _gutter(words, x_lo, x_hi) if depth < 2 else None
    if gutter is None:
        return [(0, row) for row in _rows(words)]
    spanning = [w for w in words if w.bbox[0] < gutter < w.bbox[2]]
    bands = [(r[0].bbox[1], max(w.bbox[3] for w in r)) for r in _rows(spanning)]
    others = [w for w in words if not w.bbox[0] < gutter < w.bbox[2]]
    in_band = [w for w in others if any(top <= _middle(w) <= bottom for top, bottom in bands)]
    spanning_rows = _rows(spanning + in_band)
    taken = {id(w) for w in in_band}
    rest = [w for w in others if id(w) not in taken]
    result: list[tuple[int, list[Word]]] = []
    edges = [min(w.bbox[1] for w in row) for row in spanning_rows] + [float("inf")]
    start = float("-inf")
    for index, edge in enumerate(edges):
        chunk = [w for w in rest if start <= _middle(w) < edge]
        left = _read([w for w in chunk if w.bbox[2] <= gutter], x_lo, gutter, depth + 1)
        right = _read([w for w in chunk if w.bbox[0] >= gutter], gutter, x_hi, depth + 1)
        last_left = max([1, *(c for c, _ in left)])
        result += [(c or 1, row) for c, row in left]
        result += [((c or 1) + last_left, row) for c, row in right]
        if index < len(spanning_rows):
            result.append((0, spanning_rows[index]))
            start = edge
    return result


def _gutter(words: list[Word], x_lo: float, x_hi: float) -> float | None:
    """The x of a white vertical strip splitting ``words`` into columns of running text."""
    if len(words) < 2 * _MIN_COLUMN_ROWS * _MIN_WORDS_PER_ROW:
        return None
    lo, hi = int(x_lo + 0.2 * (x_hi - x_lo)), int(x_lo + 0.8 * (x_hi - x_lo))
    if hi - lo < _MIN_GUTTER:
        return None
    crossing = [0] * (hi - lo + 2)
    for w in words:
        first, last = max(lo, int(w.bbox[0]) + 1), min(hi, int(w.bbox[2] + 0.999) - 1)
        if first <= last:
            crossing[first - lo] += 1
            crossing[last - lo + 1] -= 1
    rows = len({round(w.bbox[3]) for w in words})  # about the number of text rows
    limit = max(2, int(0.08 * rows))
    runs: list[tuple[int, float]] = []  # (width, centre) of white strips
    running, run_start = 0, -1
    for x in range(lo, hi + 2):
        running += crossing[x - lo] if x <= hi else 0
        white = x <= hi and running <= limit
        if white and run_start < 0:
            run_start = x
        elif not white and run_start >= 0:
            if x - run_start >= _MIN_GUTTER:
                runs.append((x - run_start, (run_start + x - 1) / 2))
            run_start = -1
    centre = (x_lo + x_hi) / 2
    for _width, gutter in sorted(runs, key=lambda r: (-r[0], abs(r[1] - centre)))[:3]:
        if _splits_columns(words, gutter):
            return gutter
    return None


def _splits_columns(words: list[Word], gutter: float) -> bool:
    """Both sides hold running text, side by side."""
    left = [w for w in words if w.bbox[2] <= gutter]
    right = [w for w in words if w.bbox[0] >= gutter]
    if not (_is_text_column(left) and _is_text_column(right)):
        return False
    (l_top, l_bottom), (r_top, r_bottom) = _extent(left), _extent(right)
    shared = min(l_bottom, r_bottom) - max(l_top, r_top)
    return shared >= 0.4 * min(l_bottom - l_top, r_bottom - r_top)


def _is_text_column(words: list[Word]) -> bool:
    """At least four rows of running text (dots and numbers are not words), most of them starting
    at the same x (the column's left edge)."""
    rows = _rows(words)
    if len(rows) < _MIN_COLUMN_ROWS:
        return False
    wordy = sum(1 for w in words if sum(c.isalpha() for c in w.text) >= 2)
    starts = [row[0].bbox[0] for row in rows]
    aligned = max(sum(1 for x in starts if abs(x - edge) <= 3) for edge in starts)
    return wordy / len(rows) >= _MIN_WORDS_PER_ROW and aligned >= 0.6 * len(rows)


def _extent(words: list[Word]) -> tuple[float, float]:
    return min(w.bbox[1] for w in words), max(w.bbox[3] for w in words)


def _rows(words: list[Word]) -> list[list[Word]]:
    """Group words sharing a baseline, top to bottom; each row left to right."""
    rows: list[list[Word]] = []
    band = (0.0, 0.0)
    for word in sorted(words, key=lambda w: (_middle(w), w.bbox[0])):
        middle = _middle(word)
        if rows and band[0] - 1 <= middle <= band[1] + 1:
            rows[-1].append(word)
            band = (min(band[0], word.bbox[1]), max(band[1], word.bbox[3]))
        else:
            rows.append([word])
            band = (word.bbox[1], word.bbox[3])
    return [sorted(row, key=lambda w: w.bbox[0]) for row in rows]


def _line(page: int, row: list[Word], column: int) -> Line:
    return Line(
        page, 0, " ".join(w.text for w in row), _union([w.bbox for w in row]), column, tuple(row)
    )


def fill_table(
    page: int, grid: Sequence[Sequence[BBox | None]], words: Sequence[Word]
) -> Table | None:
    """A :class:`Table` from its cell boxes, row by row (None for a merged cell), the text of each
    cell made of the words whose centre lies in it. None when the grid is not a table (fewer than
    two rows or two columns, or no text)."""
    rows, boxes = [], []
    for cells in grid:
        present = [c for c in cells if c is not None]
        if not present:
            continue
        texts = [
            _cell_text(_rows([w for w in words if _centre_in(w.bbox, cell)])) if cell else ""
            for cell in cells
        ]
        rows.append(texts)
        boxes.append(_union(present))
    if len(rows) < 2 or max(len(r) for r in rows) < 2 or not any(any(r) for r in rows):
        return None
    return Table(page, _union(boxes), rows, boxes)


def _cell_text(rows: list[list[Word]]) -> str:
    text = ""
    for row in rows:
        line = " ".join(w.text for w in row)
        text += line if not text or text.endswith("-") else " " + line
    return text


def _table_lines(table: Table, words: list[Word]) -> list[Line]:
    lines = []
    for cells, box in zip(table.rows, table.row_boxes, strict=True):
        text = " | ".join(c for c in cells if c)
        if text:
            inside = tuple(w for w in words if _centre_in(w.bbox, box))
            lines.append(Line(table.page, 0, text, box, 0, inside))
    return lines


def _middle(word: Word) -> float:
    return (word.bbox[1] + word.bbox[3]) / 2


def _union(boxes: Sequence[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _centre_in(box: BBox, outer: BBox) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= x <= outer[2] and outer[1] <= y <= outer[3]


def _overlap_x(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0])


# --- the whole document -------------------------------------------------------------------------


def _key(text: str) -> str:
    """Lower case, no accents, digits blanked, spaces squeezed: the same header on every page."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"\d+", "#", plain).split())


def is_page_number(text: str) -> bool:
    """« 3 », « - 3 - », « Page 3 », « page 3 / 7 », « 3 sur 7 », « p. 3 of 7 »."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def _edges(lines: list[Line]) -> list[Line]:
    """The two top-most and two bottom-most lines of a page."""
    ordered = sorted(lines, key=lambda line: line.bbox[1])
    return ordered[:2] + ordered[2:][-2:]


def running_texts(document: Document) -> set[str]:
    """Keys (see :func:`_key`) of lines found at the top or bottom of at least half the pages
    (every page of a two-page document)."""
    pages = [p for p in document.pages if p.lines]
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(line.text) for line in _edges(page.lines)})
    threshold = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= threshold and key.strip("# ")}


def body_lines(document: Document) -> list[Line]:
    """Every line in reading order except running headers/footers (among the two top-most and
    two bottom-most lines of a page) and page numbers (the top-most or bottom-most line),
    hyphenated line ends rejoined."""
    running = running_texts(document)
    kept = []
    for page in document.pages:
        edges = _edges(page.lines)
        ends = {id(edges[0]), id(edges[-1])} if edges else set()
        for line in page.lines:
            if id(line) in ends and is_page_number(line.text):
                continue
            if any(line is edge for edge in edges) and _key(line.text) in running:
                continue
            kept.append(line)
    return rejoin_hyphens(kept)


def rejoin_hyphens(lines: list[Line]) -> list[Line]:
    """Move the end of a word cut at a line end back onto its line: ``"héber-"`` + ``"gement
    des"`` → ``"hébergement"`` + ``"des"``. The hyphen stays when the document writes the word
    with it elsewhere, or when it follows a prefix such as « sous » or « non » and the second part
    is a word of the document; a soft hyphen never stays. A line left empty is dropped."""
    cuts: list[tuple[int, str, str]] = []  # line index, the two halves of the word
    for i, (line, following) in enumerate(pairwise(lines)):
        end, start = _HYPHEN_END.search(line.text), _WORD_START.match(following.text)
        if end and start:
            cuts.append((i, end.group(1).lower(), start.group(1).lower()))
    if not cuts:
        return lines
    whole = Counter(_TOKEN.findall("\n".join(line.text for line in lines).lower()))
    for _i, left, right in cuts:  # the two halves of a cut word are not words of the document
        whole[left] -= 1
        whole[right] -= 1
    parts: Counter[str] = Counter()
    for token, n in whole.items():
        for part in re.split(r"[-‐]", token):
            parts[part] += n
    texts = [line.text for line in lines]
    for i, _left, _right in cuts:
        end = _HYPHEN_END.search(texts[i])
        start = _WORD_START.match(texts[i + 1])
        if not end or not start or not start.group(1)[0].islower():
            continue
        if len(end.group(1)) == 1:
            continue  # a lone letter and a dash: a list marker or a range, not a cut word
        left, right = end.group(1), start.group(1)
        keep = end.group(2) != "\u00ad" and _keeps_hyphen(left, right, whole, parts)
        word = f"{left}-{right}" if keep else left + right
        texts[i] = texts[i][: end.start()] + word + start.group(2)
        texts[i + 1] = texts[i + 1][start.end() :]
    return [
        replace(line, text=text) if text != line.text else line
        for line, text in zip(lines, texts, strict=True)
        if text.strip()
    ]


def _keeps_hyphen(left: str, right: str, whole: Counter[str], parts: Counter[str]) -> bool:
    joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
    if whole[hyphenated] != whole[joined]:
        return whole[hyphenated] > whole[joined]
    return left.lower() in _HYPHEN_PREFIXES and parts[right.lower()] > 0


# --- paragraphs ---------------------------------------------------------------------------------


@dataclass
class Paragraph:
    """Lines joined into one text; ``starts[i]`` is where ``lines[i]`` begins in ``text``."""

    lines: list[Line]
    text: str = ""
    starts: list[int] = field(default_factory=list)

    def line_at(self, offset: int) -> Line:
        """The line holding character ``offset`` of :attr:`text`."""
        return self.lines[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Join consecutive body lines into paragraphs (line breaks repaired). A paragraph ends at a
    wider gap than the usual line spacing, before a list item or an article, after a line that ends
    a sentence short of the column's right edge, and at a page or column change unless the sentence
    goes on."""
    if not lines:
        return []
    gaps = [
        b.bbox[1] - a.bbox[3]
        for a, b in pairwise(lines)
        if (a.page, a.column) == (b.page, b.column) and b.bbox[1] > a.bbox[3] - 1
    ]
    usual = statistics.median(gaps) if gaps else 0.0
    right_edge: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, line.column)
        right_edge[key] = max(right_edge.get(key, 0.0), line.bbox[2])
    result: list[Paragraph] = []
    current: list[Line] = [lines[0]]
    for a, b in pairwise(lines):
        if _breaks(a, b, usual, right_edge[(a.page, a.column)]):
            result.append(_paragraph(current))
            current = []
        current.append(b)
    result.append(_paragraph(current))
    return result


def _breaks(a: Line, b: Line, usual: float, right: float) -> bool:
    ends_sentence = a.text.rstrip().endswith((".", ":", ";", "!", "?", "»", '"'))
    if _LIST_START.match(b.text) or " | " in a.text or " | " in b.text:
        return True
    if (a.page, a.column) != (b.page, b.column):
        return ends_sentence
    if b.bbox[1] - a.bbox[3] > max(usual * 1.8, usual + 3.0):
        return True
    return ends_sentence and a.bbox[2] < right - 0.12 * (right - a.bbox[0])


def _paragraph(lines: list[Line]) -> Paragraph:
    starts, text = [], ""
    for line in lines:
        text += " " if text else ""
        starts.append(len(text))
        text += line.text.strip()
    return Paragraph(lines, text, starts)
