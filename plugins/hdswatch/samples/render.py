"""Write a :class:`~hdswatch.samples.spec.ContractSpec` as a PDF contract, and the demo inbox.

In: a spec (and a target path or folder). Out: an A4 PDF in Helvetica (reportlab platypus): title,
optional table of contents, parties, numbered articles (``OUTLINE``), signatures, annex tables and
an optional amendment; header « Confidentiel — <host> » and footer « Page 3 / 7 » on every page.
The same spec gives the same bytes (``invariant`` mode); reportlab is imported only to write.

>>> from datetime import date
>>> [s.name for s in demo_specs(date(2026, 11, 29))]
['c01_clinique_saint_roch', 'c02_centre_hospitalier_bellecombe', 'c03_polyclinique_des_tilleuls']
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.sax.saxutils import escape

from hdswatch.samples import texts_en, texts_fr
from hdswatch.samples.spec import EEA, ContractSpec, Layout, add_months

__all__ = ["OUTLINE", "contract_blocks", "contract_pdf_bytes", "demo_specs", "write_contract_pdf",
           "write_demo_inbox"]  # fmt: skip

#: Order of the articles: neutral ones ("filler"), the term, one clause, or a group of sub-clauses.
OUTLINE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("filler", "definitions", ()), ("filler", "purpose", ()), ("term", "", ()),
    *[("clause", cid, ()) for cid in ("hds_certificate_scope", "service_description",
      "hosting_locations", "quality_performance_indicators", "technical_changes_obligations")],
    ("group", "security", ("access_control", "gdpr_security_measures",
                           "gdpr_personnel_confidentiality")),
    ("group", "data_protection", ("gdpr_processing_details", "gdpr_documented_instructions",
     "purpose_limitation", "data_subject_rights", "patient_information",
     "breach_notification_to_controller", "gdpr_assist_art32_36", "dpo_audit")),
    ("clause", "subcontracting_external_providers", ()),
    ("group", "transfers", ("non_eea_access_safeguards", "extraterritorial_law_exposure",
                            "transfer_mapping_public_url")),
    ("clause", "contractual_contact", ()), ("clause", "default_guarantees", ()),
    ("filler", "price", ()), ("filler", "liability", ()), ("filler", "insurance", ()),
    ("clause", "reversibility", ()), ("filler", "termination", ()), ("boilerplate", "", ()),
    ("filler", "law", ()),
)  # fmt: skip

Block = tuple[Any, ...]
_TEXTS: dict[str, ModuleType] = {"fr": texts_fr, "en": texts_en}


def _clause(spec: ContractSpec, texts: ModuleType, cid: str) -> tuple[str, str]:
    """Heading and body of a clause: rule-breaking or not, matching the facts (non-EEA storage,
    remote access from a third country), the variant picked by ``style_seed``."""
    outside, key = any(code not in EEA for code in spec.storage_countries), cid
    if cid == "non_eea_access_safeguards" and (outside or spec.non_eea_access):
        key += "+stored" if outside else "+access"
    elif cid == "extraterritorial_law_exposure" and outside:
        key += "+exposed"
    variants: tuple[tuple[str, str], ...] = (
        texts.NON_COMPLIANT if cid in spec.non_compliant else texts.CLAUSES
    )[key]
    return variants[(spec.style_seed + len(cid)) % len(variants)]


def contract_blocks(spec: ContractSpec, extra_articles: int = 0) -> list[Block]:
    """The document as blocks (``("heading", text, level)``, ``("para", text)``, ``("table", rows)``
    ...); ``extra_articles`` neutral articles go before the governing-law article."""
    texts, layout = _TEXTS[spec.language], spec.layout
    ctx: dict[str, str] = texts.context(spec)

    def text(template: str, **more: str) -> str:
        return str(texts.polish(template.format(**ctx, **more)))

    def article(number: int, title: str, body: str, level: int = 0) -> list[Block]:
        head = layout.heading(texts.ARTICLE, number, title) if level == 0 else title
        lines = text(body).split("\n") if body else []
        return [("heading", head, level)] + [
            ("item" if line.startswith("– ") else "para", line) for line in lines
        ]

    blocks: list[Block] = [("title", texts.TITLE), *([("toc",)] if layout.toc else [])]
    blocks += [(style, text(template)) for style, template in texts.PREAMBLE]
    number, term = 0, ("", "")
    for kind, key, members in OUTLINE:
        if kind == "group":
            items = [_clause(spec, texts, cid) for cid in members if cid not in spec.omit]
            if items:
                number += 1
                blocks += article(number, texts.GROUPS[key][spec.style_seed % 2], "")
                for sub, (title, body) in enumerate(items, start=1):
                    blocks += article(number, f"{number}.{sub} {title}", body, level=1)
            continue
        if kind == "boilerplate":
            items = list(texts.BOILERPLATE[:extra_articles])
        elif kind == "clause":
            items = [] if key in spec.omit else [_clause(spec, texts, key)]
        else:
            variants = (
                texts.FILLERS[key]
                if kind == "filler"
                else texts.TERM_TACIT
                if spec.tacit_renewal
                else texts.TERM_FIXED
            )
            items = [variants[spec.style_seed % len(variants)]]
        for title, body in items:
            number += 1
            term = (str(number), title) if kind == "term" else term
            blocks += article(number, title, body)
    sides = [[text(line) for line in side] for side in texts.SIGNATURE_BLOCKS]
    blocks += [("para", text(texts.SIGNATURE_LINE)), ("signature", sides)]
    annexes: list[tuple[str, list[Block]]] = []
    if "quality_performance_indicators" not in spec.omit:
        sla = [("para", text(texts.SLA_INTRO)), ("table", [list(row) for row in texts.SLA_TABLE])]
        annexes.append((texts.SLA_ANNEX_TITLE, sla))
    if "subcontracting_external_providers" not in spec.omit:
        rows = [list(texts.SUBPROC_HEADER)] + [list(r) for r in texts.subprocessor_rows(spec)]
        annexes.append((texts.SUBPROC_ANNEX_TITLE, [("table", rows)]))
    for n, (title, content) in enumerate(annexes, start=1):
        blocks += [("pagebreak",)] * (n == 1)
        blocks += [("heading", f"{texts.ANNEX} {n} – {title}".upper(), 0), *content]
    change = spec.amendment
    if change:
        notice = change.new_notice_amount, change.new_notice_unit
        values = {
            "term_article": term[0],
            "term_heading": term[1],
            "amendment_date": texts.long_date(change.date),
            "new_end": texts.long_date(change.new_end_date) if change.new_end_date else "",
            "new_notice": texts.quantity(*notice) if notice[1] is not None else "",
        }
        lines = [("pagebreak", ""), ("title", change.title.upper()), *texts.AMENDMENT_BODY]
        lines += [("para", texts.AMENDMENT_END)] if change.new_end_date else []
        lines += [("para", texts.AMENDMENT_NOTICE)] if notice[1] is not None else []
        lines += texts.AMENDMENT_CLOSE
        blocks += [(kind, text(line, **values), 1) for kind, line in lines]
    return blocks


def contract_pdf_bytes(spec: ContractSpec) -> bytes:
    """The PDF of ``spec``; with ``pages_hint``, neutral articles are added (up to 8) until the
    document has that many pages."""
    texts = _TEXTS[spec.language]
    header, meta = texts.HEADER.format(host=spec.host), {"author": spec.host, "title": texts.TITLE}
    for extra in range(len(texts.BOILERPLATE) + 1):
        data, pages = _build_pdf(contract_blocks(spec, extra), header, texts.CONTENTS, meta)
        if not spec.pages_hint or pages >= spec.pages_hint:
            break
    return data


def _build_pdf(
    blocks: list[Block], header: str, contents: str, meta: dict[str, str]
) -> tuple[bytes, int]:
    """Lay the blocks out on A4 pages; returns the PDF bytes and the page count."""
    from reportlab import platypus as pl
    from reportlab.lib import colors, enums
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus.tableofcontents import TableOfContents

    base = ParagraphStyle(
        "para",
        fontName="Helvetica",
        fontSize=10,
        leading=13.5,
        spaceAfter=5,
        alignment=enums.TA_JUSTIFY,
    )
    bold = ParagraphStyle("bold", base, fontName="Helvetica-Bold", alignment=enums.TA_LEFT)
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
    page_count = [0]

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
                self.setFont("Helvetica-Oblique", 8)
                self.setFillColor(colors.grey)
                self.setStrokeColor(colors.grey)
                self.drawString(margin, A4[1] - 1.5 * cm, header)
                self.line(margin, A4[1] - 1.65 * cm, A4[0] - margin, A4[1] - 1.65 * cm)
                footer = f"Page {number} / {len(self._pages)}"
                self.drawRightString(A4[0] - margin, 1.2 * cm, footer)
                super().showPage()
            super().save()

    class Document(pl.BaseDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:
            if getattr(flowable, "toc_level", None) == 0:
                self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))

    def table(rows: list[list[str]]) -> pl.Table:
        cells = [
            [
                pl.Paragraph(("<b>%s</b>" if i == 0 else "%s") % escape(text), styles["cell"])
                for text in row
            ]
            for i, row in enumerate(rows)
        ]
        share = width / (len(rows[0]) + 0.5)
        grid = pl.Table(cells, colWidths=[share * 1.5] + [share] * (len(rows[0]) - 1), repeatRows=1)
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
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            story.append(pl.Paragraph(escape(block[1]), styles[f"h{block[2]}"]))
            story[-1].toc_level = block[2]
        elif kind == "toc":
            toc = TableOfContents(dotsMinLevel=0)
            toc.levelStyles = [ParagraphStyle("toc", base, fontSize=9.5, leading=12, spaceAfter=1)]
            story += [pl.Paragraph(contents, styles["caps"]), toc, pl.PageBreak()]
        elif kind == "table":
            story.append(table(block[1]))
        elif kind == "signature":
            sides = [
                pl.Paragraph("<br/>".join(escape(x) for x in side) + "<br/><br/><br/>", base)
                for side in block[1]
            ]
            signature = pl.Table([sides], colWidths=[width / 2] * 2)
            story.append(pl.KeepTogether([story.pop(), signature]))
        else:
            paragraph = kind != "pagebreak" and pl.Paragraph(escape(block[1]), styles[kind])
            story.append(paragraph or pl.PageBreak())
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
    frame = pl.Frame(margin, 2.2 * cm, width, A4[1] - 4.6 * cm)
    doc.addPageTemplates([pl.PageTemplate("page", [frame])])
    build = doc.multiBuild if any(block[0] == "toc" for block in blocks) else doc.build
    build(story, canvasmaker=PagedCanvas)
    return buffer.getvalue(), page_count[0]


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
