"""The dashboard: findings by severity and establishment, the next 12 months of deadlines as
an SVG chart with its table, hosts with their certificate status; scoped like everything else."""

from __future__ import annotations

import doctest
import re
from datetime import date
from xml.etree import ElementTree

from sqlalchemy import select

from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Contract, Establishment
from hdswatch.web import chart as chart_module
from hdswatch.web import dashboard as dashboard_module

from .conftest import TODAY, World
from .test_app import client, log_in

SVG = "{http://www.w3.org/2000/svg}"


def deadlines(page: str) -> list[tuple[str, str, str]]:
    table = page.split('id="deadlines"', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r'data-kind="(\w+)"><td><time datetime="([\d-]+)">.*?<a href="/contracts/\d+">([^<]+)</a>',
        table,
        re.S,
    )


def register(world: World) -> dict[str, dict[str, date | None]]:
    with session_scope(world.settings.db_url) as s:
        rows = s.execute(select(Establishment.code, Contract).join(Contract.establishment))
        return {
            code: {
                k: getattr(c, k) for k in ("hds_certificate_expiry", "end_date", "notice_deadline")
            }
            for code, c in rows
        }


def test_the_deadline_timeline_is_an_accessible_svg_with_its_table(world: World) -> None:
    c = client(world)
    log_in(c, "rssi")
    page = c.get("/dashboard").text
    until = date(2027, 11, 29)
    expected = sorted(
        (day, kind, code)
        for code, dates in register(world).items()
        for kind, day in dates.items()
        if day is not None and TODAY <= day <= until
    )
    shown = deadlines(page)
    assert len(expected) > 0
    assert [(day, kind) for kind, day, _ in shown] == [(d.isoformat(), k) for d, k, _ in expected]
    svg_text = page.split('<figure class="figure">', 1)[1].split("</figure>", 1)[0].strip()
    svg = ElementTree.fromstring(svg_text)
    assert svg.get("role") == "img"
    assert (
        svg.find(f"{SVG}title").text == "Échéances des 12 prochains mois (29/11/2026 – 29/11/2027)"
    )
    assert svg.find(f"{SVG}desc").text.startswith(f"{len(expected)} échéances — ")
    markers = svg.findall(f".//{SVG}circle[@class='marker']")
    assert len(markers) == len(expected)
    assert sorted(m.find(f"{SVG}title").text[:10] for m in markers) == sorted(
        d.strftime("%d/%m/%Y") for d, _, _ in expected
    )
    assert "cdn" not in page.lower() and "<script" not in page


def test_findings_by_severity_and_establishment_and_host_certificates(world: World) -> None:
    c = client(world)
    log_in(c, "rssi")
    page = c.get("/dashboard").text
    queue = c.get("/api/contracts").json()["contracts"]
    by_code = {row["establishment"]: row["open_findings"] for row in queue}
    table = page.split('id="by-establishment"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'data-establishment="(\w+)">.*?</td>((?:<td>\d+</td>)+)</tr>', table)
    totals = {code: sum(map(int, re.findall(r"\d+", cells))) for code, cells in rows}
    assert totals == {"CHB": by_code["CHB"], "CSR": 0, "PDT": by_code["PDT"]}
    hosts = re.findall(r'<tr data-status="(\w+)"><td>([^<]+)</td>', page)
    # Bellecombe's host: certificate ending in 20 days; the others valid for over 90 days
    assert hosts == [
        ("expiring", "DataSoin Hébergement SA"),
        *[h for h in hosts if h[0] == "valid"],
    ]
    assert len(hosts) == 3


def test_a_dpo_sees_only_the_dashboard_of_their_establishment(world: World) -> None:
    c = client(world)
    log_in(c, "dpo.pdt")
    page = c.get("/dashboard").text
    assert {row[2] for row in deadlines(page)} == {"c03_polyclinique_des_tilleuls.pdf"}
    assert re.findall(r'data-establishment="(\w+)"', page) == ["PDT"]
    assert "DataSoin" not in page and "Bellecombe" not in page


def test_docstring_examples_hold() -> None:
    for module in (chart_module, dashboard_module):
        failures, tried = doctest.testmod(module)
        assert (tried > 0, failures) == (True, 0)
