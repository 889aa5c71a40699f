"""Rendering of the alert and digest e-mails, the words of alert codes, and the package's face."""

from __future__ import annotations

import doctest
import subprocess
import sys
from datetime import date

import pytest

import hdswatch.mail as mail
from hdswatch.mail import MailItem, Message, describe, render_alert, render_digest
from hdswatch.mail import items as items_module
from hdswatch.mail import render as render_module
from hdswatch.mail import wording as wording_module

SENDER = "hdswatch <hdswatch@ght.example>"
RSSI = "rssi@ght.example"
AS_OF = date(2026, 11, 29)
NB = "\u00a0"  # French typography: no-break space before ":" and inside « »


def missing_reversibility(**changes: object) -> MailItem:
    fields: dict[str, object] = {
        "contract": "c02.pdf",
        "establishment": "CSR",
        "host": "Nuage Santé",
        "code": "missing:reversibility",
        "clause_id": "reversibility",
        "title_fr": "Réversibilité en fin de contrat",
        "title_en": "Reversibility at the end of the contract",
        "severity": "critical",
        "legal_ref": "CSP R.1111-11 I 7°",
    }
    return MailItem(**{**fields, **changes})  # type: ignore[arg-type]


def expiring_certificate(**changes: object) -> MailItem:
    fields: dict[str, object] = {
        "contract": "c02.pdf",
        "establishment": "CSR",
        "host": "Nuage Santé",
        "code": "expiring_30d:hds_certificate",
        "title_fr": "Certificat HDS",
        "title_en": "HDS certificate",
        "severity": "high",
        "legal_ref": "CSP L.1111-8",
        "page": 5,
        "quote": "Certificat n° 2023-117 valable jusqu'au 19 décembre 2026",
        "due_date": "2026-12-19",
    }
    return MailItem(**{**fields, **changes})  # type: ignore[arg-type]


def locations_elsewhere(**changes: object) -> MailItem:
    fields: dict[str, object] = {
        "contract": "c07.pdf",
        "establishment": "CHU Nord",
        "code": "non_compliant:hosting_locations",
        "clause_id": "hosting_locations",
        "title_fr": "Lieux d’hébergement",
        "title_en": "Hosting locations",
        "severity": "critical",
        "legal_ref": "CSP R.1111-11 I 3°",
        "page": 3,
        "quote": "Les données peuvent être répliquées <script>alert(1)</script> hors de l’EEE.",
    }
    return MailItem(**{**fields, **changes})  # type: ignore[arg-type]


def alert(items: list[MailItem], lang: str = "fr", **kwargs: object) -> Message:
    return render_alert(
        items,
        establishment="CSR",
        contract="c02.pdf",
        lang=lang,
        sender=SENDER,
        recipients=[RSSI],
        **kwargs,  # type: ignore[arg-type]
    )


def digest(items: list[MailItem], lang: str = "fr") -> Message:
    return render_digest(items, as_of=AS_OF, lang=lang, sender=SENDER, recipients=[RSSI])


# --- the immediate alert -------------------------------------------------------------------------


def test_alert_in_french_reads_exactly_so() -> None:
    message = alert([expiring_certificate(), missing_reversibility()])

    assert message.subject == "[hdswatch] Clause manquante ou non conforme — c02.pdf (CSR)"
    assert message.text == (
        "Bonjour,\n"
        "\n"
        "Le contrat c02.pdf de l’établissement CSR vient d’être analysé.\n"
        f"2 alertes à traiter{NB}:\n"
        "\n"
        f"1. [Critique] Clause manquante{NB}: Réversibilité en fin de contrat\n"
        f"   Hébergeur{NB}: Nuage Santé\n"
        f"   Base légale{NB}: CSP R.1111-11 I 7°\n"
        f"   Preuve{NB}: aucune clause trouvée dans le document\n"
        "\n"
        "2. [Élevée] Le certificat HDS de l’hébergeur expire dans les 30 jours\n"
        f"   Hébergeur{NB}: Nuage Santé\n"
        f"   Base légale{NB}: CSP L.1111-8\n"
        f"   Échéance{NB}: 19 décembre 2026\n"
        f"   Preuve{NB}: page 5 — «{NB}Certificat n° 2023-117 valable jusqu'au"
        f" 19 décembre 2026{NB}»\n"
        "\n"
        "-- \n"
        "Message automatique envoyé par hdswatch, qui surveille les contrats d’hébergement"
        " de données de santé. Merci de ne pas y répondre.\n"
    )
    assert message.recipients == (RSSI,)
    assert message.sender == SENDER
    assert message.headers["Content-Language"] == "fr"
    assert message.headers["Auto-Submitted"] == "auto-generated"


def test_alert_in_english() -> None:
    message = alert([expiring_certificate(), missing_reversibility()], lang="en")

    assert message.subject == "[hdswatch] Missing or non-compliant clause — c02.pdf (CSR)"
    assert (
        "1. [Critical] Missing clause: Reversibility at the end of the contract\n" in message.text
    )
    assert "   Evidence: no such clause found in the document\n" in message.text
    assert "   Due: 19 December 2026\n" in message.text
    assert (
        "   Evidence: page 5 — “Certificat n° 2023-117 valable jusqu'au 19 décembre 2026”\n"
        in message.text
    )
    assert '<html lang="en">' in message.html


def test_alert_lists_critical_before_high_whatever_the_input_order() -> None:
    message = alert([expiring_certificate(), missing_reversibility()])

    for body in (message.text, message.html):
        assert body.index("Réversibilité") < body.index("Le certificat HDS")
        assert body.index("Critique") < body.index("Élevée")


def test_alert_subject_names_deadlines_when_no_clause_is_at_fault() -> None:
    assert alert([expiring_certificate()]).subject == (
        "[hdswatch] Échéance à traiter — c02.pdf (CSR)"
    )
    assert alert([expiring_certificate()], lang="en").subject == (
        "[hdswatch] Deadline to act on — c02.pdf (CSR)"
    )


def test_html_escapes_the_quote_and_keeps_it_whole_in_text() -> None:
    message = alert([locations_elsewhere()])

    assert "<script>" not in message.html
    assert "répliquées &lt;script&gt;alert(1)&lt;/script&gt; hors" in message.html
    assert "répliquées <script>alert(1)</script> hors de l’EEE." in message.text
    assert f"Preuve{NB}: page 3 — «" in message.text


def test_html_has_inline_style_only() -> None:
    html = alert([expiring_certificate()]).html

    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "<link" not in html
    assert "<img" not in html
    assert "<style" not in html
    assert "http" not in html


def test_long_quote_is_cut_at_a_word_with_an_ellipsis() -> None:
    quote = "Le prestataire restitue l’intégralité des données de santé " * 10
    message = alert([expiring_certificate(quote=quote)])

    shown = message.text.split(f"«{NB}")[1].split(f"{NB}»")[0]
    assert shown == (
        "Le prestataire restitue l’intégralité des données de santé " * 3 + "Le prestataire…"
    )
    assert len(shown) <= 200
    assert quote.startswith(shown[:-1])


def test_review_link_is_completed_by_base_url_and_only_http_is_linked() -> None:
    relative = alert(
        [expiring_certificate(review_url="contracts/c02")], base_url="https://rev.example/app"
    )
    assert '<a href="https://rev.example/app/contracts/c02"' in relative.html
    assert "   Vérifier dans hdswatch <https://rev.example/app/contracts/c02>\n" in relative.text

    script = alert([expiring_certificate(review_url="javascript:alert(1)")])
    assert "javascript" not in script.html
    assert "Vérifier dans hdswatch" not in script.text


def test_an_alert_needs_items() -> None:
    with pytest.raises(ValueError, match="at least one item"):
        alert([])


def test_message_id_is_stable_for_the_same_alert_to_the_same_people() -> None:
    first = alert([missing_reversibility()]).headers["Message-ID"]
    again = alert([missing_reversibility()]).headers["Message-ID"]
    other = render_alert(
        [missing_reversibility()],
        establishment="CSR",
        contract="c02.pdf",
        sender=SENDER,
        recipients=["dpo@csr.example"],
    ).headers["Message-ID"]

    assert first == again
    assert first != other
    assert first.startswith("<hdswatch.alert.")
    assert first.endswith("@ght.example>")


# --- the nightly digest --------------------------------------------------------------------------


def test_digest_in_french_groups_by_severity_then_due_date() -> None:
    later = expiring_certificate(
        contract="c09.pdf", establishment="CHU Nord", due_date="2027-01-10"
    )
    message = digest(
        [later, expiring_certificate(), missing_reversibility(), locations_elsewhere()]
    )

    assert message.subject == (
        "[hdswatch] Synthèse du 29 novembre 2026 — 4 alertes, dont 2 critiques"
    )
    text = message.text
    assert f"Au 29 novembre 2026{NB}: 4 alertes sur 3 contrats.\n" in text
    assert text.index("== Critique (2) ==") < text.index("== Élevée (2) ==")
    assert text.index(f"Échéance{NB}: 19 décembre 2026 (dans 20 jours)") < text.index(
        f"Échéance{NB}: 10 janvier 2027 (dans 42 jours)"
    )
    assert f"   Contrat{NB}: c07.pdf\n   Établissement{NB}: CHU Nord\n" in text
    assert f"   Preuve{NB}: page 5 — «{NB}Certificat n° 2023-117" in text
    assert f"   Preuve{NB}: aucune clause trouvée dans le document\n" in text
    assert "Moyenne" not in text
    assert message.headers["Message-ID"].startswith("<hdswatch.digest.")


def test_digest_in_english() -> None:
    message = digest([expiring_certificate(due_date="2026-11-28"), missing_reversibility()], "en")

    assert message.subject == "[hdswatch] Digest for 29 November 2026 — 2 alerts, 1 critical"
    assert "As of 29 November 2026: 2 alerts across 1 contract.\n" in message.text
    assert "   Due: 28 November 2026 (yesterday)\n" in message.text
    assert "== Critical (1) ==" in message.text


def test_empty_digest_says_nothing_to_report() -> None:
    french, english = digest([]), digest([], "en")

    assert french.subject == "[hdswatch] Synthèse du 29 novembre 2026 — rien à signaler"
    assert french.text.startswith("Bonjour,\n\nRien à signaler au 29 novembre 2026.\n")
    assert "Rien à signaler au 29 novembre 2026." in french.html
    assert english.subject == "[hdswatch] Digest for 29 November 2026 — nothing to report"
    assert "Nothing to report as of 29 November 2026." in english.text


# --- words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "french", "english"),
    [
        (
            "missing:reversibility",
            f"Clause manquante{NB}: reversibility",
            "Missing clause: reversibility",
        ),
        (
            "non_compliant:hosting_locations",
            f"Clause non conforme{NB}: hosting_locations",
            "Non-compliant clause: hosting_locations",
        ),
        (
            "expired:hds_certificate",
            "Le certificat HDS de l’hébergeur a expiré",
            "The host’s HDS certificate has expired",
        ),
        (
            "expired:contract",
            "Le contrat est arrivé à son terme (pas de reconduction tacite)",
            "The contract term has ended (no tacit renewal)",
        ),
        (
            "expiring_7d:hds_certificate",
            "Le certificat HDS de l’hébergeur expire dans les 7 jours",
            "The host’s HDS certificate expires within 7 days",
        ),
        (
            "expiring_180d:contract",
            "Le contrat arrive à son terme dans les 180 jours (pas de reconduction tacite)",
            "The contract term ends within 180 days (no tacit renewal)",
        ),
        (
            "notice_deadline_within_90d",
            f"Date limite de préavis dans les 90 jours{NB}: sans dénonciation, le contrat sera"
            " reconduit tacitement",
            "Notice deadline within 90 days: without notice, the contract renews tacitly",
        ),
        (
            "notice_deadline_passed",
            f"Date limite de préavis dépassée{NB}: le contrat sera reconduit tacitement pour une"
            " nouvelle période",
            "Notice deadline passed: the contract will renew tacitly for a new term",
        ),
        (
            "outdated_referential:hds_certificate",
            "Le certificat HDS cité relève d’un référentiel qui n’est plus accepté"
            " (v1.x après le 16 mai 2026)",
            "The HDS certificate cited is under a referential no longer accepted"
            " (v1.x after 16 May 2026)",
        ),
        (
            "subprocessor_not_hds_certified",
            "Un sous-traitant qui héberge les données de santé ou y accède n’est pas déclaré"
            " certifié HDS",
            "A sub-processor that hosts or accesses health data is not stated to be HDS-certified",
        ),
        (
            "unknown:hds_certificate_expiry",
            f"Information introuvable dans le document{NB}: date d’expiration du certificat HDS",
            "Information not found in the document: HDS certificate expiry date",
        ),
        (
            "unknown:notice_deadline",
            f"Information introuvable dans le document{NB}: date limite de préavis",
            "Information not found in the document: notice deadline",
        ),
        (
            "unknown:some_new_field",
            f"Information introuvable dans le document{NB}: some new field",
            "Information not found in the document: some new field",
        ),
        (
            "expiring_30d:end_date",
            f"Échéance dans les 30 jours{NB}: date de fin du contrat",
            "Due within 30 days: contract end date",
        ),
        (
            "not_listed:hds_host",
            "L’hébergeur ne figure pas dans la liste des hébergeurs certifiés HDS publiée par "
            "l’ANS",
            "The host is not in the ANS list of HDS-certified hosts",
        ),
        (
            "dates_differ:hds_certificate",
            "Les dates du certificat HDS diffèrent entre le contrat et la liste de l’ANS",
            "The HDS certificate dates differ between the contract and the ANS list",
        ),
        (
            "activities_narrower:hds_certificate",
            "Le certificat HDS de l’hébergeur ne couvre pas toutes les activités du contrat "
            "(liste de l’ANS)",
            "The host’s HDS certificate does not cover every activity of the contract (ANS list)",
        ),
        (
            "unknown:renewal_term_months",
            f"Information introuvable dans le document{NB}: durée de reconduction",
            "Information not found in the document: renewal term",
        ),
        ("brand_new_code:x", "brand_new_code:x", "brand_new_code:x"),
        ("missing", "missing", "missing"),
    ],
)
def test_describe_says_every_code_family_in_both_languages(
    code: str, french: str, english: str
) -> None:
    assert describe(code, "fr") == french
    assert describe(code, "en") == english


def test_describe_uses_the_clause_title_when_given() -> None:
    assert describe("missing:reversibility", "fr", title="Réversibilité") == (
        f"Clause manquante{NB}: Réversibilité"
    )


def test_unknown_language_and_severity_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown language: 'de'"):
        describe("missing:reversibility", "de")
    with pytest.raises(ValueError, match="unknown severity: 'urgent'"):
        missing_reversibility(severity="urgent")
    with pytest.raises(ValueError, match="invalid date: '2026-13-01'"):
        expiring_certificate(due_date="2026-13-01")


@pytest.mark.parametrize("module", [items_module, render_module, wording_module])
def test_docstring_examples_hold(module: object) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert tried > 0
    assert failures == 0


# --- the e-mail itself -------------------------------------------------------------------------


def test_to_email_is_multipart_alternative_in_utf8() -> None:
    email = alert([missing_reversibility()]).to_email()

    assert email.get_content_type() == "multipart/alternative"
    parts = list(email.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert [p.get_content_charset() for p in parts] == ["utf-8", "utf-8"]
    assert [p["Content-Transfer-Encoding"] for p in parts] == ["quoted-printable"] * 2
    assert email["Subject"] == "[hdswatch] Clause manquante ou non conforme — c02.pdf (CSR)"
    assert "=?utf-8?" in email.as_string().split("\n\n")[0]  # the subject travels encoded
    assert email["To"] == RSSI
    assert email["Date"] is not None
    assert email["Message-ID"].startswith("<hdswatch.alert.")


def test_a_message_needs_recipients() -> None:
    with pytest.raises(ValueError, match="no recipient"):
        Message(subject="s", text="t", html="h", recipients=(), sender=SENDER)


# --- the package's public face -------------------------------------------------------------------


def test_all_names_the_public_api_and_each_name_resolves() -> None:
    assert sorted(mail.__all__) == [
        "MailCatcher",
        "MailItem",
        "Message",
        "SmtpSettings",
        "describe",
        "read_mailbox",
        "render_alert",
        "render_digest",
        "send",
    ]
    for name in mail.__all__:
        assert getattr(mail, name).__name__ == name


def test_importing_the_package_stays_light() -> None:
    code = (
        "import sys, hdswatch.mail; "
        "print(sorted(m for m in ('jinja2', 'aiosmtpd', 'babel', 'hdswatch.mail.catcher')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == "[]\n"


# --- the reason of a non-compliant clause, a DPO's scope, the alerts left out --------------------


def test_the_reason_of_a_non_compliant_clause_is_shown() -> None:
    why = "Stockage hors de l'Espace économique européen : US"
    message = alert([locations_elsewhere(why=why)])
    assert f"   Base légale{NB}: CSP R.1111-11 I 3°\n   Motif{NB}: {why}\n" in message.text
    assert f"Motif{NB}:</td><td" in message.html
    english = alert([locations_elsewhere(why=why)], lang="en")
    assert f"   Reason: {why}\n" in english.text


def test_a_dpo_digest_names_its_establishments_and_counts_what_is_left_out() -> None:
    message = render_digest(
        [missing_reversibility()],
        as_of=AS_OF,
        sender=SENDER,
        recipients=["dpo@csr.example"],
        base_url="https://hdswatch.ght.example/",
        scope=["Clinique Saint-Roch (CSR)"],
        more=12,
    )
    assert message.subject == (
        "[hdswatch] Synthèse du 29 novembre 2026 — 13 alertes, dont 1 critique"
    )
    assert message.text.startswith(
        "Bonjour,\n\n"
        f"Au 29 novembre 2026{NB}: 1 alerte sur 1 contrat.\n"
        f"Établissements{NB}: Clinique Saint-Roch (CSR).\n\n"
    )
    assert (
        f"Autres alertes, moins urgentes, non détaillées ici{NB}: 12. "
        "Toutes sont dans le registre (hdswatch export xlsx).\n"
        "Ouvrir le registre <https://hdswatch.ght.example/>\n\n-- \n"
    ) in message.text
    assert '<a href="https://hdswatch.ght.example/"' in message.html


def test_without_scope_or_leftovers_the_digest_is_unchanged() -> None:
    plain = digest([missing_reversibility()])
    same = render_digest(
        [missing_reversibility()], as_of=AS_OF, sender=SENDER, recipients=[RSSI], scope=(), more=0
    )
    assert (plain.text, plain.html) == (same.text, same.html)
    assert "Établissements" not in plain.text


def test_every_code_a_rule_can_raise_is_worded_in_both_languages() -> None:
    from expectations.catalogue import chronology
    from expectations.rules import contract_rules

    codes = {rule.code for catalogue in chronology() for rule in contract_rules(catalogue)}
    assert "not_listed:hds_host" in codes
    for code in sorted(codes):
        for lang in ("fr", "en"):
            assert describe(code, lang) != code, (code, lang)
