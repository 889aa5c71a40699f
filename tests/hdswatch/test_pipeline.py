"""The DAG steps end to end without Airflow, on SQLite and on PostgreSQL, with a real SMTP server
on loopback: what reaches each mailbox, night after night."""

from __future__ import annotations

import json
import re
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hdswatch import pipeline
from hdswatch.mail import MailCatcher, read_mailbox
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import (
    AnalysisRun,
    Contract,
    Email,
    EmailFinding,
    Establishment,
    Finding,
)
from hdswatch.samples import demo_specs, write_contract_pdf
from hdswatch.settings import Settings

TODAY = date(2026, 11, 29)
RSSI = "rssi@ght.example"
ESTABLISHMENTS = """
establishments:
  - code: CHB
    name: Centre hospitalier de Bellecombe
    dpo: {name: Claire Martin, email: dpo@chb.example}
    contacts:
      - {name: Legal team, email: legal@chb.example, role: legal, digest: true, lang: en}
  - code: CSR
    name: Clinique Saint-Roch
    dpo: {email: dpo@csr.example}
  - code: PDT
    name: Polyclinique des Tilleuls
    dpo: {email: dpo@pdt.example}
"""


@pytest.fixture(scope="module")
def extractions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The three demo contracts, read once: establishment code → (file, extraction)."""
    from hdswatch.report import extract_file

    folder = tmp_path_factory.mktemp("samples")
    out = {}
    for spec in demo_specs(TODAY):
        pdf = write_contract_pdf(spec, folder / f"{spec.name}.pdf")
        out[spec.establishment] = {"path": pdf, "extraction": extract_file(pdf).to_dict()}
    return out


@pytest.fixture
def world(registry_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "establishments.yaml").write_text(ESTABLISHMENTS, "utf-8")
    with MailCatcher(tmp_path / "mailbox") as catcher:
        settings = Settings.from_env(
            {
                "HDSWATCH_HOME": str(tmp_path),
                "HDSWATCH_DB_URL": registry_url,
                "HDSWATCH_SMTP_PORT": str(catcher.port),
                "HDSWATCH_RSSI_EMAIL": RSSI,
                "HDSWATCH_MAIL_FROM": "hdswatch@ght.example",
                "HDSWATCH_BASE_URL": "https://hdswatch.ght.example/",
                "HDSWATCH_ESTABLISHMENTS": str(tmp_path / "establishments.yaml"),
            }
        )
        pipeline.prepare(settings)
        yield settings, catcher


def ingest(settings: Settings, extractions: dict[str, Any], *codes: str, day: date = TODAY) -> int:
    """The ingest steps for these establishments' contracts; returns e-mails sent."""
    ids = []
    for code in codes:
        staged = settings.home / "staging" / f"{code}.extraction.json"
        staged.parent.mkdir(parents=True, exist_ok=True)
        source = extractions[code]
        payload = {
            "path": str(source["path"]),
            "establishment": code,
            "folder": None,
            "size_bytes": source["path"].stat().st_size,
            "extraction": source["extraction"],
        }
        staged.write_text(json.dumps(payload), "utf-8")
        ids.append(pipeline.store(pipeline.validate(str(staged), day, settings), day, settings))
    return pipeline.alert_new(ids, settings)


def night(settings: Settings, day: date) -> tuple[dict[str, int], int]:
    return pipeline.audit(day, settings), pipeline.digest(day, settings)


def title(clause_id: str, lang: str = "fr") -> str:
    from expectations.catalogue import load_catalogue

    return load_catalogue().get(clause_id).title(lang)


def mail(catcher: MailCatcher) -> list[EmailMessage]:
    return read_mailbox(catcher.directory)


def plain(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def items(message: EmailMessage) -> list[str]:
    """The numbered items of an e-mail: ``[Élevée] Clause manquante : …``."""
    return [
        line.split(". ", 1)[1]
        for line in plain(message).splitlines()
        if line[:1].isdigit() and ". [" in line
    ]


def findings(settings: Settings) -> list[tuple[int, str, str, str]]:
    """``(id, code, severity, establishment)`` of every open finding."""
    with session_scope(settings.db_url) as session:
        rows = session.execute(
            select(Finding.id, Finding.code, Finding.severity, Establishment.code)
            .join(Contract, Contract.id == Finding.contract_id)
            .join(Establishment, Establishment.id == Contract.establishment_id)
            .where(Finding.state != "resolved")
            .order_by(Finding.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def links(message: EmailMessage) -> list[int]:
    """The finding ids an e-mail links to, in order."""
    return [int(n) for n in re.findall(r"/findings/(\d+)>", plain(message))]


def test_the_critical_findings_of_a_new_contract_go_out_at_once(world, extractions) -> None:  # type: ignore[no-untyped-def]
    settings, catcher = world
    ingest(settings, extractions, "CSR", "CHB", "PDT")
    critical = [f for f in findings(settings) if f[2] == "critical"]
    by_lang = {str(m["Content-Language"]): m for m in mail(catcher) if "CHB" in str(m["Subject"])}
    french, english = by_lang["fr"], by_lang["en"]
    assert str(french["To"]) == "rssi@ght.example, dpo@chb.example"
    assert str(french["Subject"]) == (
        "[hdswatch] Clause manquante ou non conforme — c02_centre_hospitalier_bellecombe.pdf"
        " (Centre hospitalier de Bellecombe (CHB))"
    )
    assert sorted(links(french)) == sorted(f[0] for f in critical if f[3] == "CHB")
    assert set(items(french)) >= {
        f"[Critique] Clause manquante\u00a0: {title('reversibility')}",
        f"[Critique] Clause non conforme\u00a0: {title('hosting_locations')}",
    }
    assert all(item.startswith("[Critique]") for item in items(french))
    text = plain(french)
    # the rules' reason for the non-compliant clause, as the report words it
    assert re.search(r"\n   Motif\u00a0: [^\n]*\bUS\b", text), text
    assert "   Vérifier dans hdswatch <https://hdswatch.ght.example/findings/" in text
    assert (str(english["To"]), str(english["Content-Language"])) == ("legal@chb.example", "en")
    assert f"[Critical] Missing clause: {title('reversibility', 'en')}" in items(english)
    # one alert per contract with critical findings (in each language of its recipients)
    alerted = {str(m["Subject"]).rsplit("(", 1)[1].rstrip(")") for m in mail(catcher)}
    assert alerted == {code for _, _, severity, code in critical}
    assert len(mail(catcher)) == sum(2 if c == "CHB" else 1 for c in alerted)


def test_two_nights_on_unchanged_data_send_one_digest_item_not_two(world, extractions) -> None:  # type: ignore[no-untyped-def]
    settings, catcher = world
    ingest(settings, extractions, "CSR", "CHB", "PDT")
    first = len(mail(catcher))
    audit, sent = night(settings, date(2026, 11, 30))
    assert audit == {
        "contracts": 3,
        "new_findings": 0,
        "opened": 0,
        "escalated": 0,
        "reopened": 0,
        "resolved": 0,
    }
    digests = {str(m["To"]): m for m in mail(catcher)[first:]}
    waiting = [f for f in findings(settings) if f[2] != "critical"]  # not in the alerts
    # every finding not announced yet, once, in the RSSI's digest
    assert sorted(links(digests[RSSI])) == [f[0] for f in waiting]
    assert "[Élevée] Le certificat HDS de l’hébergeur expire dans les 30 jours" in items(
        digests[RSSI]
    )
    assert (
        "[Élevée] Date limite de préavis dans les 30 jours\u00a0: sans dénonciation, le contrat"
        " sera reconduit tacitement"
    ) in items(digests[RSSI])
    # each DPO (and contact) their establishment's only; none for a DPO with nothing new
    for address, code in (
        ("dpo@chb.example", "CHB"),
        ("legal@chb.example", "CHB"),
        ("dpo@pdt.example", "PDT"),
        ("dpo@csr.example", "CSR"),
    ):
        mine = [f[0] for f in waiting if f[3] == code]
        if mine:
            assert sorted(links(digests[address])) == mine
        else:
            assert address not in digests
    assert "Établissements\u00a0: Polyclinique des Tilleuls (PDT)." in plain(
        digests["dpo@pdt.example"]
    )
    assert sent == len(digests)
    second = len(mail(catcher))
    audit, sent = night(settings, date(2026, 12, 1))
    assert (audit["opened"], audit["escalated"], sent) == (0, 0, 1)
    [quiet] = mail(catcher)[second:]
    assert str(quiet["To"]) == RSSI
    assert str(quiet["Subject"]) == "[hdswatch] Synthèse du 1 décembre 2026 — rien à signaler"
    assert items(quiet) == []
    with session_scope(settings.db_url) as session:
        # every finding was announced exactly once to the RSSI
        announced = session.execute(
            select(EmailFinding.finding_id, Email.recipients).join(Email)
        ).all()
        to_rssi = sorted(fid for fid, who in announced if RSSI in who)
        assert to_rssi == [f[0] for f in findings(settings)]


def test_an_escalation_is_announced_again(world, extractions) -> None:  # type: ignore[no-untyped-def]
    settings, catcher = world
    ingest(settings, extractions, "CHB", "PDT")
    night(settings, date(2026, 11, 30))
    before = len(mail(catcher))
    # 13 December: the certificate (19 Dec) and the notice deadline (19 Dec) are 6 days away
    audit, _ = night(settings, date(2026, 12, 13))
    assert audit["escalated"] == 2
    digests = {str(m["To"]): m for m in mail(catcher)[before:]}
    assert items(digests[RSSI]) == [
        "[Critique] Le certificat HDS de l’hébergeur expire dans les 7 jours",
        "[Critique] Date limite de préavis dans les 7 jours\u00a0: sans dénonciation, le contrat"
        " sera reconduit tacitement",
    ]
    assert "Échéance\u00a0: 19 décembre 2026 (dans 6 jours)" in plain(digests[RSSI])
    after = len(mail(catcher))
    night(settings, date(2026, 12, 14))  # still within 7 days: nothing new
    [quiet] = mail(catcher)[after:]
    assert items(quiet) == []
    with session_scope(settings.db_url) as session:
        due = session.scalars(select(Finding).where(Finding.key == "due:hds_certificate")).one()
        assert (due.code, due.revision, due.announced_revision) == (
            "expiring_7d:hds_certificate",
            2,
            2,
        )
        runs = [
            (r.kind, r.as_of) for r in session.scalars(select(AnalysisRun).order_by(AnalysisRun.id))
        ]
        assert runs == [
            ("ingest", TODAY),
            ("ingest", TODAY),
            ("audit", date(2026, 11, 30)),
            ("audit", date(2026, 12, 13)),
            ("audit", date(2026, 12, 14)),
        ]


def test_the_register_keeps_the_dates_and_the_host(world, extractions) -> None:  # type: ignore[no-untyped-def]
    settings, _ = world
    ingest(settings, extractions, "PDT")
    with session_scope(settings.db_url) as session:
        contract = session.scalars(select(Contract)).one()
        assert (
            contract.reference,
            contract.end_date,
            contract.tacit_renewal,
            contract.notice_deadline,
            contract.hds_certificate_expiry,
            contract.host.name if contract.host else None,
        ) == (
            "c03_polyclinique_des_tilleuls.pdf",
            date(2027, 3, 19),
            True,
            date(2026, 12, 19),
            date(2028, 2, 7),
            "Cirrus Medica Hosting B.V.",
        )


def test_the_digest_step_run_twice_the_same_night_sends_once(world, extractions) -> None:  # type: ignore[no-untyped-def]
    settings, catcher = world
    ingest(settings, extractions, "PDT")
    before = len(mail(catcher))
    night(settings, date(2026, 11, 30))
    assert pipeline.digest(date(2026, 11, 30), settings) == 0
    assert len(mail(catcher)) - before == 2  # the RSSI and PDT's DPO, once each


# --- analyse and store: sandboxed reading, idempotence, quarantine -------------------------------


@pytest.fixture
def local(tmp_path: Path) -> Settings:
    """A registry on SQLite, no mail server needed."""
    settings = Settings.from_env(
        {"HDSWATCH_HOME": str(tmp_path), "HDSWATCH_PARSE_TIMEOUT_S": "120"}
    )
    pipeline.prepare(settings)
    return settings


def stored(settings: Settings) -> list[tuple[str, str | None, str | None, int]]:
    """``(file, kind, quarantine reason, analyses)`` of every document."""
    from hdswatch.registry.models import Document

    with session_scope(settings.db_url) as session:
        return [
            (d.file_name, d.kind, d.quarantine_reason, len(d.analyses))
            for d in session.scalars(select(Document).order_by(Document.id))
        ]


def test_store_twice_on_the_same_staged_file_records_one_analysis(
    local: Settings, extractions
) -> None:  # type: ignore[no-untyped-def]
    source = extractions["CSR"]["path"]
    staged = pipeline.validate(pipeline.analyse(str(source), local), TODAY, local)
    first = pipeline.store(staged, TODAY, local)
    assert pipeline.store(staged, TODAY, local) == first
    assert stored(local) == [(source.name, "contract", None, 1)]
    with session_scope(local.db_url) as session:
        runs = list(session.scalars(select(AnalysisRun)))
    assert len(runs) == 1


def test_an_unreadable_file_is_quarantined_and_released_when_it_reads(
    local: Settings, extractions, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from hdswatch.quarantine import quarantined, retry

    path = tmp_path / "inbox" / "CSR" / "contrat.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(extractions["CSR"]["path"].read_bytes())
    strict = Settings.from_env({"HDSWATCH_HOME": str(tmp_path), "HDSWATCH_PARSE_TIMEOUT_S": "0.01"})
    staged = pipeline.validate(pipeline.analyse(str(path), strict), TODAY, strict)
    report = json.loads(Path(staged).read_text("utf-8"))["report"]
    assert (report["kind"], [e["code"] for e in report["errors"]]) == (
        "unreadable",
        ["parse_timeout"],
    )
    document_id = pipeline.store(staged, TODAY, strict)
    assert stored(local) == [("contrat.pdf", "unreadable", "parse_timeout", 1)]
    [held] = quarantined(local.db_url)
    assert (held.id, held.reason, held.intact, held.establishment) == (
        document_id,
        "parse_timeout",
        True,
        "CSR",
    )
    assert retry(document_id, TODAY, local) == "contract"  # limits raised: read this time
    assert stored(local) == [("contrat.pdf", "contract", None, 2)]
    assert quarantined(local.db_url) == []
    assert retry(document_id, TODAY, local) is None


def test_a_file_changing_while_it_is_read_fails_the_step(
    local: Settings, extractions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import hdswatch.sandbox
    from hdswatch.errors import InputError

    path = tmp_path / "growing.pdf"
    path.write_bytes(extractions["CSR"]["path"].read_bytes())
    real = hdswatch.sandbox.extract_limited

    def read_then_append(source: Path, limits: Any = None) -> Any:
        extraction = real(source, limits)
        with source.open("ab") as handle:  # the writer was not done
            handle.write(b"%% more\n")
        return extraction

    monkeypatch.setattr(hdswatch.sandbox, "extract_limited", read_then_append)
    with pytest.raises(InputError, match="changed while being read"):
        pipeline.analyse(str(path), local)


def test_report_names_are_safe_on_any_file_system() -> None:
    sha = "ab" * 32
    name = pipeline.report_name
    assert name({"sha256": sha, "file": "contrat 2024.pdf"}) == f"{sha[:16]}_contrat 2024.json"
    assert name({"sha256": sha, "file": "a\nb\\c:d.pdf"}) == f"{sha[:16]}_c_d.json"
    assert name({"sha256": sha, "file": "..pdf"}) == f"{sha[:16]}_document.json"
    long = name({"sha256": sha, "file": "é" * 200 + ".pdf"})
    assert long == f"{sha[:16]}_{'é' * 60}.json" and len(long.encode()) <= 160


def test_a_batch_is_cut_into_task_groups_spread_first_then_grown() -> None:
    def sizes(count: int, per_task: int = 20) -> list[int]:
        return [len(g) for g in pipeline.task_groups([f"{n}.pdf" for n in range(count)], per_task)]

    assert pipeline.task_groups([], 20) == []
    assert pipeline.task_groups(["a.pdf", "b.pdf"], 20) == [["a.pdf"], ["b.pdf"]]
    assert sizes(8) == [1] * 8
    assert sizes(9) == [2, 2, 2, 2, 1]
    assert sizes(20) == [3, 3, 3, 3, 3, 3, 2]
    assert sizes(500) == [20] * 25
    assert sizes(501) == [20] * 25 + [1]
    assert sizes(500, per_task=1) == [1] * 500
    flat = [p for g in pipeline.task_groups([f"{n}.pdf" for n in range(77)], 5) for p in g]
    assert flat == [f"{n}.pdf" for n in range(77)]  # every file once, in order
    assert pipeline.group_label(["/inbox/CSR/a.pdf"]) == "a.pdf"
    assert pipeline.group_label(["/inbox/CSR/a.pdf", "/inbox/CSR/b.pdf"]) == "a.pdf +1"


def test_the_documents_per_task_setting_is_a_positive_count() -> None:
    from hdswatch.errors import ConfigError

    assert Settings.from_env({}).documents_per_task == 20
    assert Settings.from_env({"HDSWATCH_DOCUMENTS_PER_TASK": "5"}).documents_per_task == 5
    for bad in ("0", "-3", "many", "inf", "nan"):
        with pytest.raises(ConfigError, match="HDSWATCH_DOCUMENTS_PER_TASK"):
            Settings.from_env({"HDSWATCH_DOCUMENTS_PER_TASK": bad})


def test_a_group_goes_on_past_a_file_gone_or_changing_and_stores_the_rest(
    local: Settings, extractions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import hdswatch.sandbox

    folder = tmp_path / "inbox" / "CSR"
    folder.mkdir(parents=True)
    first, growing, last = (folder / f"{n}.pdf" for n in ("first", "growing", "last"))
    first.write_bytes(extractions["CSR"]["path"].read_bytes())
    growing.write_bytes(extractions["CHB"]["path"].read_bytes())
    last.write_bytes(extractions["PDT"]["path"].read_bytes())
    real = hdswatch.sandbox.extract_limited

    def append_to_growing(source: Path, limits: Any = None) -> Any:
        extraction = real(source, limits)
        if source.name == "growing.pdf":
            with source.open("ab") as handle:
                handle.write(b"%% more\n")
        return extraction

    monkeypatch.setattr(hdswatch.sandbox, "extract_limited", append_to_growing)
    group = [str(first), str(folder / "gone.pdf"), str(growing), str(last)]

    staged = pipeline.analyse_group(group, local)

    sources = [json.loads(Path(p).read_text("utf-8"))["path"] for p in staged]
    assert sources == [str(first), str(last)]
    validated = pipeline.validate_group(staged, TODAY, local)
    together = [json.loads(Path(p).read_text("utf-8"))["report"] for p in validated]
    alone = [pipeline.validate(p, TODAY, local) for p in staged]
    assert alone == validated
    assert [json.loads(Path(p).read_text("utf-8"))["report"] for p in alone] == together
    assert [r["file"] for r in together] == ["first.pdf", "last.pdf"]
    ids = pipeline.store_group(validated, TODAY, local)
    assert len(set(ids)) == 2
    assert pipeline.store_group(validated, TODAY, local) == ids  # a retried task: nothing new
    assert sorted(row[0] for row in stored(local)) == ["first.pdf", "last.pdf"]
