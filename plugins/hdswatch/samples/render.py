"""Write a :class:`~hdswatch.samples.spec.ContractSpec` as a PDF contract, and the demo inbox.

In: a spec (and a target path or folder). Out: an A4 PDF (reportlab platypus) of the blocks that
``compose`` lays out: title, optional table of contents, parties, numbered articles, signatures,
annex tables and an optional amendment; a running header (« Confidentiel — <host> ») and footer
(« Page 3 / 7 ») on every page, in one or two columns and a standard font. Pages listed in
``scanned_pages`` are replaced by an image of themselves (``scan``), with no text layer.
:func:`render_contract` also says on which pages each clause is printed. The same spec gives the
same bytes (``invariant`` mode); reportlab is imported only to write.

>>> from datetime import date
>>> [s.name for s in demo_specs(date(2026, 11, 29))]
['c01_clinique_saint_roch', 'c02_centre_hospitalier_bellecombe', 'c03_polyclinique_des_tilleuls']
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from hdswatch.samples.compose import OUTLINE, Block, Composition, compose, contract_blocks
from hdswatch.samples.spec import ContractSpec, Layout, add_months

__all__ = ["OUTLINE", "RenderedContract", "contract_blocks", "contract_pdf_bytes", "demo_specs",
           "render_contract", "write_contract_pdf", "write_demo_inbox"]  # fmt: skip

_FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times-Roman": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}


@dataclass(frozen=True)
class RenderedContract:
    """A written contract: its bytes, page count, the 1-based pages on which each clause present
    in it is printed (article and annex parts), the pages printed as images, and the
    composition it was made from."""

    data: bytes
    pages: int
    clause_pages: dict[str, list[int]]
    scanned_pages: tuple[int, ...]
    composition: Composition


class _Built(NamedTuple):
    data: bytes
    pages: int
    clause_pages: dict[str, list[int]]


@dataclass(frozen=True)
class _Look:
    header: str
    footer: str = "Page {n} / {total}"
    font: str = "Helvetica"
    columns: int = 1


def render_contract(spec: ContractSpec) -> RenderedContract:
    """Lay out and write ``spec``; with ``pages_hint``, neutral articles are added (up to 8)
    until the document has that many pages; then the ``scanned_pages`` become images."""
    for extra in range(9):
        composition = compose(spec, extra)
        words = composition.words
        header, footer = words.header_footer()
        look = _Look(
            header.format(host=spec.host, ref=composition.ctx["ref"], client=spec.client),
            footer, spec.layout.font, spec.layout.columns,
        )  # fmt: skip
        meta = {"author": spec.host, "title": words.title()}
        built = _build_pdf(composition.blocks, look, words.contents(), meta, composition.tags)
        if not spec.pages_hint or built.pages >= spec.pages_hint:
            break
        if extra >= len(words.boilerplate()):
            break
    scanned = tuple(sorted({n if n > 0 else built.pages + 1 + n for n in spec.scanned_pages}))
    if any(not 1 <= n <= built.pages for n in scanned):
        raise ValueError(
            f"{spec.name}: scanned_pages {spec.scanned_pages} outside 1..{built.pages}"
        )
    if scanned:
        from hdswatch.samples.scan import page_images

        images = page_images(built.data, scanned, spec.style_seed)
        built = _build_pdf(composition.blocks, look, words.contents(), meta, composition.tags,
                           images)  # fmt: skip
    return RenderedContract(built.data, built.pages, built.clause_pages, scanned, composition)


def contract_pdf_bytes(spec: ContractSpec) -> bytes:
    """The PDF of ``spec``; with ``pages_hint``, neutral articles are added (up to 8) until the
    document has that many pages."""
    return render_contract(spec).data


def _build_pdf(
    blocks: list[Block],
    look: _Look,
    contents: str,
    meta: dict[str, str],
    tags: list[str | None] | None = None,
    page_images: dict[int, bytes] | None = None,
) -> _Built:
    """Lay the blocks out on A4 pages; returns the PDF bytes, the page count and the pages of
    each tagged clause. Pages in ``page_images`` are drawn as that JPEG image alone."""
    from reportlab import platypus as pl
    from reportlab.lib import colors, enums
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus.tableofcontents import TableOfContents

    regular, bold_font, italic = _FONTS[look.font]
    base = ParagraphStyle(
        "para",
        fontName=regular,
        fontSize=10,
        leading=13.5,
        spaceAfter=5,
        alignment=enums.TA_JUSTIFY,
    )
    bold = ParagraphStyle("bold", base, fontName=bold_font, alignment=enums.TA_LEFT)
    styles = {
        "para": base,
        "right": ParagraphStyle("right", base, alignment=enums.TA_RIGHT),
        "title": ParagraphStyle(
            "title", bold, fontSize=14, leading=18, alignment=enums.TA_CENTER, spaceAfter=10
        ),
        "center": ParagraphStyle("center", base, alignment=enums.TA_CENTER, spaceAfter=12),
        "caps": ParagraphStyle("caps", bold, spaceBefore=6),
        "item": ParagraphStyle("item", base, leftIndent=18, firstLineIndent=-9),
        "h0": ParagraphStyle("h0", bold, fontSize=11, leading=14, spaceBefore=10, keepWithNext=1),
        "h1": ParagraphStyle("h1", bold, spaceBefore=4, keepWithNext=1),
        "cell": ParagraphStyle(
            "cell", base, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=enums.TA_LEFT
        ),
    }
    margin, width = 2.2 * cm, A4[0] - 4.4 * cm
    gap = 0.8 * cm
    column = (width - gap) / 2 if look.columns == 2 else width
    page_count = [0]
    found: dict[str, set[int]] = {}
    images = page_images or {}

    class PagedCanvas(Canvas):  # type: ignore[misc]  # pages kept to write "Page n / N"
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            page_count[0] = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if number in images:  # a scanned page: the picture of the page, nothing else
                    self._code = list[str]()
                    picture = ImageReader(io.BytesIO(images[number]))
                    self.drawImage(picture, 0, 0, width=A4[0], height=A4[1])
                    super().showPage()
                    continue
                self.setFont(italic, 8)
                self.setFillColor(colors.grey)
                self.setStrokeColor(colors.grey)
                if look.header:
                    self.drawString(margin, A4[1] - 1.5 * cm, look.header)
                    self.line(margin, A4[1] - 1.65 * cm, A4[0] - margin, A4[1] - 1.65 * cm)
                footer = look.footer.format(n=number, total=len(self._pages))
                self.drawRightString(A4[0] - margin, 1.2 * cm, footer)
                super().showPage()
            super().save()

    class Document(pl.BaseDocTemplate):  # type: ignore[misc]
        def beforeDocument(self) -> None:
            found.clear()  # multiBuild lays the story out more than once: keep the last pass

        def afterFlowable(self, flowable: Any) -> None:
            if getattr(flowable, "toc_level", None) == 0:
                self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))
            tag = getattr(flowable, "hds_clause", None)
            if tag:
                found.setdefault(tag, set()).add(self.page)

    class Tagged(pl.Paragraph):  # type: ignore[misc]  # keeps its clause tag when split
        def split(self, aW: float, aH: float) -> list[Any]:
            parts: list[Any] = super().split(aW, aH)
            for part in parts:
                part.hds_clause = getattr(self, "hds_clause", None)
            return parts

    class TaggedTable(pl.Table):  # type: ignore[misc]
        def split(self, aW: float, aH: float) -> list[Any]:
            parts: list[Any] = super().split(aW, aH)
            for part in parts:
                part.hds_clause = getattr(self, "hds_clause", None)
            return parts

    def table(rows: list[list[str]], avail: float) -> pl.Table:
        cells = [
            [
                Tagged(("<b>%s</b>" if i == 0 else "%s") % escape(text), styles["cell"])
                for text in row
            ]
            for i, row in enumerate(rows)
        ]
        share = avail / (len(rows[0]) + 0.5)
        grid = TaggedTable(
            cells, colWidths=[share * 1.5] + [share] * (len(rows[0]) - 1), repeatRows=1
        )
        grid.setStyle(
            pl.TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e9ef")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    story: list[Any] = []
    avail = column
    for index, block in enumerate(blocks):
        kind, before = block[0], len(story)
        if kind == "heading":
            story.append(Tagged(escape(block[1]), styles[f"h{block[2]}"]))
            story[-1].toc_level = block[2]
        elif kind == "toc":
            toc = TableOfContents(dotsMinLevel=0)
            toc.levelStyles = [ParagraphStyle("toc", base, fontSize=9.5, leading=12, spaceAfter=1)]
            story += [Tagged(contents, styles["caps"]), toc, pl.PageBreak()]
        elif kind == "table":
            story.append(table(block[1], avail))
        elif kind == "signature":
            sides = [
                Tagged("<br/>".join(escape(x) for x in side) + "<br/><br/><br/>", base)
                for side in block[1]
            ]
            signature = pl.Table([sides], colWidths=[avail / 2] * 2)
            story.append(pl.KeepTogether([story.pop(), signature]))
        elif kind == "pagebreak":
            if look.columns == 2:  # annexes and amendment: one column, for the tables
                story.append(pl.NextPageTemplate("one"))
                avail = width
            story.append(pl.PageBreak())
        else:
            story.append(Tagged(escape(block[1]), styles[kind]))
        if tags and tags[index]:
            for flowable in story[before:]:
                flowable.hds_clause = tags[index]
    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=2.4 * cm,
        bottomMargin=2.2 * cm,
        invariant=1,
        creator="hdswatch samples",
        **meta,
    )
    height = A4[1] - 4.6 * cm
    one = pl.PageTemplate("one", [pl.Frame(margin, 2.2 * cm, width, height)])
    if look.columns == 2:
        left = pl.Frame(margin, 2.2 * cm, column, height, id="left")
        right = pl.Frame(margin + column + gap, 2.2 * cm, column, height, id="right")
        doc.addPageTemplates([pl.PageTemplate("two", [left, right]), one])
    else:
        doc.addPageTemplates([one])
    build = doc.multiBuild if any(block[0] == "toc" for block in blocks) else doc.build
    build(story, canvasmaker=PagedCanvas)
    pages = {tag: sorted(numbers) for tag, numbers in found.items()}
    return _Built(buffer.getvalue(), page_count[0], pages)


def write_contract_pdf(spec: ContractSpec, path: str | Path) -> Path:
    """Write the PDF of ``spec`` at ``path`` (parent folders created); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(contract_pdf_bytes(spec))
    return target


def _certificate(issue: date) -> dict[str, Any]:
    """Issue date, expiry (3 years later) and the referential in force at issue."""
    expiry = add_months(issue, 36) - timedelta(days=1)
    referential = "v2" if issue >= date(2024, 5, 16) else "v1.1"
    return {"certificate_issue": issue, "certificate_expiry": expiry, "referential": referential}


def demo_specs(today: date) -> list[ContractSpec]:
    """Three contracts dated relative to ``today``: (a) French, complete and compliant, certificate
    valid for more than a year, notice deadline more than two years ahead; (b) French, reversibility
    and DPO audit missing, storage in the United States, certificate expiring in 20 days; (c)
    English, complete, tacit renewal whose notice deadline falls 20 to 23 days ahead."""
    day = timedelta(days=1)
    start_a = (today - 200 * day).replace(day=1)
    a = ContractSpec(
        name="c01_clinique_saint_roch",
        language="fr",
        host="Nuagesanté SAS",
        client="Clinique Saint-Roch",
        establishment="CSR",
        signature_date=start_a - 21 * day,
        effective_date=start_a,
        term_months=36,
        tacit_renewal=True,
        renewal_term_months=12,
        notice_amount=3,
        notice_unit="months",
        certifier="AFNOR Certification",
        certificate_number=f"HDS-{(start_a - 80 * day).year}-0457",
        **_certificate(start_a - 80 * day),
        storage_countries=["FR", "DE"],
        breach_hours=48,
        layout=Layout(heading_style="article_dash", toc=True),
        style_seed=0,
    )
    start_b, expiry_b = (today - 400 * day).replace(day=1), today + 20 * day
    issue_b = add_months(expiry_b + day, -36)
    b = ContractSpec(
        name="c02_centre_hospitalier_bellecombe",
        language="fr",
        host="DataSoin Hébergement SA",
        client="Centre hospitalier de Bellecombe",
        establishment="CHB",
        signature_date=start_b - 12 * day,
        effective_date=start_b,
        term_months=48,
        tacit_renewal=False,
        certificate_number=f"HDS-{issue_b.year}-0112",
        certifier="Bureau Veritas Certification",
        **_certificate(issue_b),
        storage_countries=["FR", "US"],
        non_eea_access=True,
        breach_hours=24,
        omit=frozenset({"reversibility", "dpo_audit"}),
        non_compliant=frozenset({"hosting_locations"}),
        layout=Layout("roman", upper_case=True, date_style="mixed", duration_style="digits"),
        style_seed=1,
    )
    end_c = today + 110 * day  # notice deadline = end - 90 days = today + 20 days (up to + 23)
    while (start_c := add_months(end_c + day, -24)).day > 28:
        end_c += day
    c = ContractSpec(
        name="c03_polyclinique_des_tilleuls",
        language="en",
        host="Cirrus Medica Hosting B.V.",
        client="Polyclinique des Tilleuls",
        establishment="PDT",
        signature_date=start_c - 10 * day,
        effective_date=start_c,
        term_months=12,
        tacit_renewal=True,
        renewal_term_months=12,
        notice_amount=90,
        notice_unit="days",
        certifier="LNE",
        certificate_number=f"HDS-{(start_c - 40 * day).year}-0931",
        **_certificate(start_c - 40 * day),
        storage_countries=["NL", "FR"],
        non_eea_access=True,
        breach_hours=72,
        layout=Layout(heading_style="numeric"),
        style_seed=2,
    )
    return [a, b, c]


def write_demo_inbox(directory: str | Path, today: date) -> list[Path]:
    """Write the three :func:`demo_specs` as ``<name>.pdf`` into ``directory``."""
    folder = Path(directory)
    return [write_contract_pdf(spec, folder / f"{spec.name}.pdf") for spec in demo_specs(today)]
