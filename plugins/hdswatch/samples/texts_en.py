"""English wording of the synthetic HDS hosting contracts (the English version that international
hosts sign with French health establishments).

In: a :class:`~hdswatch.samples.spec.ContractSpec`. Out: the values written in English
(:func:`context`: dates "1 January 2025" or "01/01/2025", durations "three (3) years", countries,
parties) and the same text data as ``texts_fr``: ``CLAUSES``, ``NON_COMPLIANT``, ``FILLERS``,
preamble, term article, signatures, annex tables and amendment. Bodies are ``str.format`` templates;
one line per paragraph, lines starting with "– " are list items.

>>> quantity(90, "days"), quantity(1, "years"), long_date(date(2025, 1, 1))
('ninety (90) days', 'one (1) year', '1 January 2025')
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hdswatch.samples.spec import ContractSpec

Variant = tuple[str, str]

_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = (
    "_",
    "_",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_UNIT_WORDS = {
    "days": ("day", "days"),
    "months": ("month", "months"),
    "years": ("year", "years"),
    "hours": ("hour", "hours"),
}


def number_words(n: int) -> str:
    """0–999 in English words: 90 → "ninety", 125 → "one hundred and twenty-five"."""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = f"{_UNITS[hundreds]} hundred"
        return head if not rest else f"{head} and {number_words(rest)}"
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] if unit == 0 else f"{_TENS[tens]}-{_UNITS[unit]}"


def quantity(n: int, unit: str) -> str:
    """ "ninety (90) days"; ``unit`` is days, months, years or hours."""
    one, many = _UNIT_WORDS[unit]
    return f"{number_words(n)} ({n}) {one if n == 1 else many}"


def long_date(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def numeric_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def polish(text: str) -> str:
    """English needs no typographic changes (French adds no-break spaces)."""
    return text


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


COUNTRY_NAMES = {
    "FR": "France",
    "DE": "Germany",
    "NL": "the Netherlands",
    "BE": "Belgium",
    "IE": "Ireland",
    "ES": "Spain",
    "IT": "Italy",
    "LU": "Luxembourg",
    "AT": "Austria",
    "PL": "Poland",
    "SE": "Sweden",
    "FI": "Finland",
    "US": "United States",
    "GB": "United Kingdom",
    "CH": "Switzerland",
    "MA": "Morocco",
    "IN": "India",
    "CA": "Canada",
}
CITIES = {
    "FR": "Saint-Denis",
    "DE": "Frankfurt am Main",
    "NL": "Amsterdam",
    "BE": "Brussels",
    "IE": "Dublin",
    "ES": "Madrid",
    "IT": "Milan",
    "LU": "Bettembourg",
    "AT": "Vienna",
    "PL": "Warsaw",
    "SE": "Stockholm",
    "FI": "Helsinki",
    "US": "Ashburn",
    "GB": "Slough",
    "CH": "Zurich",
    "MA": "Rabat",
    "IN": "Pune",
    "CA": "Montreal",
}
OPERATORS = {
    "FR": "Hexadata Infrastructures SAS",
    "DE": "Mainhafen Rechenzentrum GmbH",
    "NL": "Polder Colocation B.V.",
    "BE": "Brabant Datacenter SRL",
    "IE": "Liffey Colo Ltd",
    "ES": "Meseta Datacentro S.L.",
    "IT": "Navigli Data S.r.l.",
    "LU": "Minett Hosting S.A.",
    "US": "Blue Ridge Colocation Inc.",
    "GB": "Thames Colo Ltd",
}

HEADER = "Confidential — {host}"
TITLE = "HEALTH DATA HOSTING AGREEMENT"
CONTENTS = "TABLE OF CONTENTS"
ARTICLE = "Article"
ANNEX = "Schedule"

_HOST_PEOPLE = (
    ("Ms Claire Vasseur", "Chief Executive Officer"),
    ("Mr Pieter de Vries", "Managing Director"),
    ("Ms Sophie Kermarrec", "General Counsel"),
)
_CLIENT_PEOPLE = (
    ("Mr Laurent Dufresne", "Director"),
    ("Ms Hélène Roussel", "Chief Executive"),
    ("Mr Patrick Lemoine", "Hospital Director"),
)
_CONTACTS = (
    ("Mr Julien Marchand", "Chief Information Security Officer"),
    ("Ms Nadia Benali", "Chief Information Officer"),
    ("Mr Thomas Girard", "Head of IT Infrastructure"),
)
_CLIENT_ADDRESSES = (
    "12 avenue du Général Leclerc, 37000 Tours, France",
    "3 rue des Tanneurs, 61000 Alençon, France",
    "40 boulevard Carnot, 21000 Dijon, France",
)
_FORMS = {  # legal form → (description, registered office)
    "SAS": (
        "a French simplified joint-stock company (société par actions simplifiée)",
        "14 rue de la Roquette, 75011 Paris, France",
    ),
    "B.V.": (
        "a private limited company incorporated under the laws of the Netherlands",
        "Herengracht 420, 1017 BZ Amsterdam, the Netherlands",
    ),
    "Ltd": (
        "a private company limited by shares incorporated in Ireland",
        "2 Grand Canal Square, Dublin 2, Ireland",
    ),
}


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.split()[0].lower() if ch.isalnum())


def _duration(months: int, style: str) -> str:
    if style == "digits":
        return f"{months} months"
    years = months % 12 == 0 and months >= 24
    return quantity(months // 12, "years") if years else quantity(months, "months")


def context(spec: ContractSpec) -> dict[str, str]:
    """Every value a template may use, written in English."""
    from hdswatch.samples.spec import EEA, add_months

    turn = iter(range(100))
    style = spec.layout.date_style

    def day(d: date) -> str:
        numeric = style == "numeric" or (style == "mixed" and next(turn) % 2 == 1)
        return numeric_date(d) if numeric else long_date(d)

    seed = spec.style_seed
    host_person, client_person = _HOST_PEOPLE[seed % 3], _CLIENT_PEOPLE[(seed + 1) % 3]
    contact = _CONTACTS[seed % 3]
    form = next((v for k, v in _FORMS.items() if spec.host.endswith(k)), _FORMS["SAS"])
    public = spec.client.lower().startswith(("centre hospitalier", "chu", "groupement"))
    hours = spec.breach_hours
    outside = [c for c in spec.storage_countries if c not in EEA]
    domain = f"{_slug(spec.client)}-{spec.establishment.lower()}.example"
    initial_end = add_months(spec.effective_date, spec.term_months).toordinal() - 1
    notice = (spec.notice_amount, spec.notice_unit)
    qpi = "quality_performance_indicators" not in spec.omit
    return {
        "host": spec.host,
        "client": spec.client,
        "est": spec.establishment,
        "ref": f"{spec.establishment}-HDS-{spec.signature_date.year}-{17 + seed * 7:03d}",
        "signature_date": day(spec.signature_date),
        "effective_date": day(spec.effective_date),
        "initial_end": day(date.fromordinal(initial_end)),
        "term": _duration(spec.term_months, spec.layout.duration_style),
        "renewal": _duration(spec.renewal_term_months or 12, spec.layout.duration_style),
        "notice": quantity(notice[0], notice[1]) if notice[0] and notice[1] else "",
        "cert_number": spec.certificate_number,
        "certifier": spec.certifier,
        "cert_issue": day(spec.certificate_issue),
        "cert_expiry": day(spec.certificate_expiry),
        "referential": "HDS certification referential v2.0 published on 16 May 2024"
        if spec.referential == "v2"
        else "HDS certification referential v1.1 of May 2018",
        "countries": join([COUNTRY_NAMES[c] for c in spec.storage_countries]),
        "datacentres": join([f"{CITIES[c]} ({COUNTRY_NAMES[c]})" for c in spec.storage_countries]),
        "breach": quantity(hours // 24, "days") if hours > 72 else quantity(hours, "hours"),
        "access_country": "Morocco",
        "non_eea_countries": join([COUNTRY_NAMES[c] for c in outside] or ["—"]),
        "contact_name": contact[0],
        "contact_role": contact[1],
        "contact_email": f"hds.contact@{domain}",
        "contact_phone": f"+33 2 47 {seed % 90 + 10:02d} 31 {spec.term_months % 90 + 10:02d}",
        "dpo_email": f"dpo@{domain}",
        "url": f"https://www.{_slug(spec.host)}.example/hds/guarantees",
        "fee": f"{4 + seed % 5},{250 + seed * 35 % 700:03d}",
        "sla_annex": "Schedule 1",
        "subproc_annex": "Schedule 2" if qpi else "Schedule 1",
        "host_form": form[0],
        "capital": f"{150 + seed * 50 % 400},000",
        "rcs": f"{812 + seed % 100} {345 + seed % 600:03d} {678 - seed % 500:03d}",
        "host_address": form[1],
        "host_signatory": host_person[0],
        "host_role": host_person[1],
        "client_desc": "a public health establishment"
        if public
        else "a private health establishment",
        "client_address": _CLIENT_ADDRESSES[seed % 3],
        "finess": f"{37 + seed % 60:02d}0{780 + seed % 200:03d}{seed % 900 + 100:03d}",
        "client_signatory": client_person[0],
        "client_role": client_person[1],
        "city": "Paris",
    }


PREAMBLE: tuple[tuple[str, str], ...] = (
    ("center", "Agreement reference: {ref}"),
    ("caps", "BETWEEN:"),
    (
        "para",
        "{host}, {host_form}, registered under number {rcs}, whose registered office is at "
        "{host_address}, represented by {host_signatory}, {host_role}, duly authorised for "
        "the purposes hereof (the “Host”),",
    ),
    ("caps", "AND:"),
    (
        "para",
        "{client}, {client_desc} (FINESS no. {finess}), whose registered office is at "
        "{client_address}, represented by {client_signatory}, {client_role} (the “Client”),",
    ),
    ("para", "each a “Party” and together the “Parties”."),
    ("caps", "WHEREAS:"),
    (
        "para",
        "(A) The Client provides prevention, diagnosis and care services in the course of "
        "which "
        "it collects and produces personal health data, and wishes to entrust the hosting of "
        "such data to a provider holding the certification required by Article L. 1111-8 of "
        "the French Public Health Code.",
    ),
    (
        "para",
        "(B) The Host provides hosting and managed services for healthcare information "
        "systems and was selected by the Client following a competitive consultation.",
    ),
    ("caps", "NOW, THEREFORE, THE PARTIES AGREE AS FOLLOWS:"),
)

TERM_TACIT: tuple[Variant, ...] = (
    (
        "Term",
        "This Agreement shall enter into force on {effective_date} for an initial term of "
        "{term}. Upon expiry of the initial term, it shall be tacitly renewed for successive periods "
        "of "
        "{renewal}, unless either Party gives notice of non-renewal by registered letter with "
        "acknowledgement of receipt at least {notice} before the end of the then-current term.",
    ),
    (
        "Term and Renewal",
        "This Agreement takes effect on {effective_date} and is entered into for "
        "a "
        "fixed initial period of {term}, i.e. until {initial_end} inclusive.\n"
        "Thereafter it shall renew automatically for further periods of {renewal} each. Either Party "
        "may prevent the renewal by notifying the other Party in writing, by registered letter, no "
        "later than {notice} before the renewal date.",
    ),
)

TERM_FIXED: tuple[Variant, ...] = (
    (
        "Term",
        "This Agreement shall take effect on {effective_date} and is entered into for a fixed "
        "term of {term}. It shall expire automatically at the end of that term and shall not be "
        "tacitly renewed. Any renewal shall require a new written agreement between the Parties.",
    ),
    (
        "Duration",
        "This Agreement enters into force on {effective_date} for a fixed period of "
        "{term}, "
        "i.e. until {initial_end}. It shall not be renewed by tacit agreement. The Parties shall meet "
        "no later than six (6) months before its expiry to discuss a possible new agreement.",
    ),
)

GROUPS: dict[str, tuple[str, ...]] = {
    "security": ("Security and Access Management", "Security of Hosted Data"),
    "data_protection": ("Personal Data Protection", "Data Processing Terms (GDPR)"),
    "transfers": ("Transfers outside the European Union", "International Transfers"),
}

CLAUSES: dict[str, tuple[Variant, ...]] = {
    "hds_certificate_scope": (
        (
            "HDS Certification",
            "The Host holds HDS certificate of compliance no. {cert_number}, "
            "issued "
            "on {cert_issue} by {certifier}, a certification body accredited by COFRAC, under the "
            "{referential}. The certificate is valid until {cert_expiry}.\n"
            "The scope of the certificate covers activities 1 to 6 listed in Article R. 1111-9 of the "
            "French Public Health Code: provision and operational maintenance of the physical sites, "
            "hardware infrastructure, virtual infrastructure and application hosting platform, "
            "administration and operation of the information system, and external backup of health "
            "data. The Host shall maintain its certification throughout the term of this Agreement "
            "and "
            "inform the Client without delay of any suspension or withdrawal.",
        ),
        (
            "Certificate Scope",
            "The Host represents that it is a certified health data host. Its "
            "certificate details are as follows:\n– certificate number: {cert_number};\n– "
            "certification "
            "body: {certifier};\n– date of issue: {cert_issue};\n– renewal date (end of validity): "
            "{cert_expiry};\n– referential: {referential};\n– certified activities: activities 1 to 6 "
            "of "
            "Article R. 1111-9 of the French Public Health Code.\n"
            "The Host shall provide the Client with the renewed certificate upon issue and with the "
            "conclusions of each annual surveillance audit.",
        ),
    ),
    "service_description": (
        (
            "Description of Services",
            "The Host shall provide the Client with infrastructure hosting "
            "and managed services for the Client’s electronic patient record application, including "
            "dedicated virtual servers, storage of the Health Data, daily backups and operation of "
            "the "
            "platform.\n"
            "The services are designed to ensure the availability, integrity, confidentiality and "
            "auditability of the hosted Health Data. The detailed service description and expected "
            "results are set out in the service specification provided to the Client.",
        ),
        (
            "Scope of Services",
            "The Services comprise:\n– physical hosting of the Client’s servers "
            "in "
            "secured rooms;\n– provision and operational maintenance of a dedicated virtual "
            "infrastructure;\n– external backup of the Health Data with a thirty (30) day retention;\n"
            "– round-the-clock monitoring.\n"
            "The Services aim to ensure the availability, integrity, confidentiality and auditability "
            "of the hosted data in accordance with the expected results defined herein.",
        ),
    ),
    "hosting_locations": (
        (
            "Hosting Locations",
            "The Health Data shall be hosted exclusively in the following data "
            "centres: {datacentres}. These sites are located in Member States of the European Union "
            "or "
            "States party to the European Economic Area (EEA) Agreement.\n"
            "No health data shall be stored outside the EEA, including backups. Any change of hosting "
            "location shall be notified to the Client in writing in advance.",
        ),
        (
            "Data Location",
            "The Host undertakes to store the Health Data and its backups solely "
            "within "
            "the European Economic Area. As of the signature date, the data is located in the data "
            "centres of {datacentres}. The Host keeps the list of hosting locations up to date and "
            "provides it to the Client upon request.",
        ),
    ),
    "data_subject_rights": (
        (
            "Data Subject Rights",
            "The Host shall assist the Client by appropriate technical and "
            "organisational measures in responding to requests from data subjects exercising their "
            "rights of access, rectification, erasure, restriction, objection and portability.\n"
            "Where a data subject addresses a request directly to the Host, the Host shall forward it "
            "to "
            "the Client within five (5) business days. For data portability, the Host shall provide, "
            "within ten (10) business days, an export of the relevant data in a structured, commonly "
            "used and machine-readable format.",
        ),
        (
            "Exercise of Rights and Data Portability",
            "The Client remains the point of contact for "
            "patients exercising their rights. The Host makes available the functions required for "
            "access, rectification, erasure and restriction of processing. Upon written request of "
            "the "
            "Client, the Host shall produce an export of a data subject’s data in CSV or JSON format "
            "within fifteen (15) business days.",
        ),
    ),
    "breach_notification_to_controller": (
        (
            "Personal Data Breach Notification",
            "The Host shall notify the Client of any personal "
            "data "
            "breach without undue delay and in any event within {breach} after becoming aware of it. "
            "Notification shall be made by e-mail and by telephone to the contacts designated by the "
            "Client.\n"
            "The notification shall describe the nature of the breach, the categories and approximate "
            "number of data subjects and records concerned, the likely consequences and the measures "
            "taken or proposed. The Client, as controller, remains responsible for notifying the CNIL "
            "where required.",
        ),
        (
            "Security Incidents and Breach Notification",
            "Any security incident likely to constitute "
            "a "
            "personal data breach shall be reported to the Client without undue delay and at the "
            "latest "
            "within {breach} of its detection. The Host shall then provide, in phases, all "
            "information "
            "needed for the notification of the supervisory authority and, where applicable, the "
            "communication to data subjects.",
        ),
    ),
    "dpo_audit": (
        (
            "Audit Rights",
            "The Client, its Data Protection Officer (DPO) or an independent auditor "
            "appointed by the Client may audit the Host’s compliance with this Agreement once a year "
            "and "
            "after any significant security incident. Audits shall be notified thirty (30) days in "
            "advance and conducted during business hours in compliance with site security rules.\n"
            "The Host shall make available to the Client the summary of its latest technical audit "
            "report, which shall be less than three (3) years old.",
        ),
        (
            "Audits by the Data Protection Officer",
            "Audits by the Client’s data protection officer "
            "shall be conducted as follows: written request sent to the Host at least fifteen (15) "
            "business days in advance specifying the audit scope; access to the relevant documents, "
            "sites and staff; delivery of an audit report discussed with the Host. Audit costs are "
            "borne "
            "by the Client unless the audit reveals a breach by the Host.",
        ),
    ),
    "contractual_contact": (
        (
            "Contractual Contact",
            "The Client designates the following contractual contact for the "
            "handling of incidents affecting the hosted Health Data: {contact_name}, {contact_role}, "
            "reachable at {contact_email} and {contact_phone}.\n"
            "The Client shall inform the Host without delay of any change of contact. The Host "
            "appoints "
            "an account manager as the Client’s single point of contact.",
        ),
        (
            "Points of Contact and Incident Handling",
            "For incidents affecting the hosted health "
            "data, "
            "the Client’s designated contact is {contact_name}, {contact_role} ({contact_email}, "
            "{contact_phone}). The Client shall appoint a deputy and keep these details up to date.",
        ),
    ),
    "quality_performance_indicators": (
        (
            "Service Levels",
            "The quality and performance indicators, the advertised service level, "
            "the guaranteed level and the measurement frequency are set out in {sla_annex} (Service "
            "Levels). Indicators are measured monthly and reported to the Client no later than the "
            "tenth business day of the following month.\n"
            "Failure to meet a guaranteed level entitles the Client to the service credits set out in "
            "{sla_annex}, capped at fifteen per cent (15%) of the monthly fee.",
        ),
        (
            "Service Level Agreement",
            "The Host commits to a guaranteed platform availability of "
            "99.9%, "
            "measured monthly excluding scheduled maintenance, and to guaranteed response and "
            "restoration times. The table of indicators, their advertised and guaranteed levels and "
            "their measurement period is set out in {sla_annex}. Penalties take the form of service "
            "credits applied to the next invoice.",
        ),
    ),
    "subcontracting_external_providers": (
        (
            "Sub-processors",
            "The Host may engage external technical providers (sub-processors) "
            "subject "
            "to prior written notice to the Client, which may object on reasonable grounds within "
            "thirty "
            "(30) days. The list of authorised sub-processors at the signature date is set out in "
            "{subproc_annex}.\n"
            "The Host shall impose on each sub-processor, by contract, the same data protection "
            "obligations as those set out in this Agreement, in accordance with Article 28(4) GDPR, "
            "so "
            "as to ensure equivalent protection. Sub-processors hosting health data are themselves "
            "HDS "
            "certified.",
        ),
        (
            "Subcontracting",
            "The Host shall not engage any sub-processor without the Client’s prior "
            "written authorisation. The Host remains fully liable to the Client for the performance "
            "of "
            "its sub-processors and ensures an equivalent level of protection. Authorised "
            "sub-processors are listed in {subproc_annex}; all are HDS certified for the activities "
            "they perform.",
        ),
    ),
    "access_control": (
        (
            "Access Control and Traceability",
            "Access to the hosted Health Data is strictly limited "
            "to "
            "authorised and named staff of the Host on a least-privilege basis. Authorisations are "
            "reviewed at least every six (6) months.\n"
            "Remote administrative access goes through a bastion with strong authentication. All "
            "access is logged; logs are kept for one (1) year and made available to the Client on "
            "request.",
        ),
        (
            "Access Management",
            "The Host implements an access control policy including "
            "authorisation "
            "management, two-factor authentication of administrators and an audit trail of all "
            "operations performed on the hosted data. The Client alone manages the authorisations of "
            "its own users. Access logs are time-stamped, integrity-protected and available to the "
            "Client.",
        ),
    ),
    "technical_changes_obligations": (
        (
            "Changes to the Services",
            "The Host shall inform the Client in writing at least thirty "
            "(30) days in advance of any technical change introduced by the Host or imposed by "
            "applicable law. Where a change may degrade the service levels or guarantees set out in "
            "this Agreement, it may only be implemented with the Client’s prior written consent. "
            "Failing such consent, the Client may terminate this Agreement without penalty.",
        ),
        (
            "Change Management",
            "Technical changes to the services are presented in advance to the "
            "Client at the steering committee. The Host shall obtain the Client’s prior consent "
            "before "
            "any change that would not comply with the service commitments or security guarantees of "
            "this Agreement.",
        ),
    ),
    "default_guarantees": (
        (
            "Business Continuity and Host Default",
            "The Host maintains business continuity and "
            "disaster recovery plans tested at least once a year, with a recovery time objective of "
            "four (4) hours and a recovery point objective of one (1) hour.\n"
            "In the event of a default of the Host, including insolvency proceedings, an encrypted "
            "copy of the Client’s backups is held in escrow by a third party and released to the "
            "Client upon request.",
        ),
        (
            "Guarantees in case of Failure",
            "To cover any failure on its part, the Host maintains a "
            "recovery site separate from the primary site, daily data replication, a disaster "
            "recovery plan tested annually and a procedure to transfer operations to a provider "
            "designated by the Client should the Host cease trading.",
        ),
    ),
    "purpose_limitation": (
        (
            "Use Restrictions",
            "The Host shall not use the hosted Health Data for any purpose other "
            "than the performance of the hosting services under this Agreement. In particular, it "
            "shall not use them for commercial, statistical or research purposes, nor disclose or "
            "make them available to third parties, including in aggregated or pseudonymised form.",
        ),
        (
            "Customer Data Ownership",
            "The Health Data remains the exclusive property of the Client. "
            "The Host processes it solely for the purpose of the health data hosting activity defined "
            "herein and shall not use it for any other purpose, on its own behalf or for a third "
            "party.",
        ),
    ),
    "reversibility": (
        (
            "Reversibility",
            "Upon expiry or early termination of this Agreement for any reason, the "
            "Host shall return all hosted Health Data to the Client within thirty (30) days of the "
            "Client’s request, in standard, readable and usable formats (SQL dump, CSV, OVF virtual "
            "machine images).\n"
            "Return costs are calculated on the basis of the unit price schedule attached to the "
            "offer. "
            "After completion of the return and validation by the Client, the Host shall destroy all "
            "copies of the data, including backups, and deliver a certificate of deletion.",
        ),
        (
            "Exit Plan and Return of Data",
            "An exit plan shall be agreed within six (6) months of "
            "the "
            "effective date. On termination for any reason, the Host shall return all the information "
            "entrusted to it in open formats allowing portability and assist the Client or its new "
            "provider. Return times and costs are calculated on a man-day basis at the current rates. "
            "The Host shall then securely delete all copies and issue a certificate of deletion.",
        ),
    ),
    "non_eea_access_safeguards": (
        (
            "Third-Country Access",
            "No access to the Health Data, including remote access for "
            "support "
            "or maintenance, takes place from a country outside the European Economic Area. Any "
            "proposed transfer or access from a third country requires the Client’s prior written "
            "consent and may only rely on an adequacy decision or, failing that, on appropriate "
            "safeguards under Article 46 GDPR.",
        ),
        (
            "No Access from outside the EEA",
            "The Host warrants that neither it nor its "
            "sub-processors "
            "access the hosted health data from a country outside the European Union or the European "
            "Economic Area. Support and administration teams are located exclusively in the European "
            "Union.",
        ),
    ),
    "non_eea_access_safeguards+access": (
        (
            "Remote Access from a Third Country",
            "The Host’s level-2 support team, located in Rabat "
            "({access_country}), may remotely access the systems hosting the Health Data solely for "
            "maintenance purposes. As this country does not benefit from an adequacy decision, such "
            "access is governed by the standard contractual clauses adopted by the European "
            "Commission, supplemented by encryption, an administration bastion located in France and "
            "logging of every session. No data is stored in that country.",
        ),
        (
            "International Transfers and Remote Access",
            "The Client is informed that monitoring "
            "operations are performed remotely from {access_country}, a third country without an "
            "adequacy decision. Such access relies on appropriate safeguards under Article 46 GDPR "
            "(standard contractual clauses) and is limited to technical metadata, with no storage "
            "outside the European Economic Area.",
        ),
    ),
    "non_eea_access_safeguards+stored": (
        (
            "Transfers outside the European Economic Area",
            "Health Data stored outside the European "
            "Economic Area ({non_eea_countries}) and the related access rely on an adequacy decision "
            "of "
            "the European Commission, with which the relevant sub-processor states it is registered. "
            "Failing that, the standard contractual clauses apply as appropriate safeguards under "
            "Article 46 GDPR.",
        ),
        (
            "Third-Country Transfers",
            "Operations performed from a third country "
            "({non_eea_countries}) are governed by an adequacy decision or, failing that, by "
            "appropriate safeguards (standard contractual clauses). The Host keeps a record of such "
            "access available to the Client.",
        ),
    ),
    "extraterritorial_law_exposure": (
        (
            "Protection against Non-European Laws",
            "The Host represents that neither it nor its "
            "sub-processors are subject to the law of a country outside the European Union allowing a "
            "foreign authority to access the Health Data other than through international cooperation "
            "channels. No residual risk has therefore been identified. The Host shall inform the "
            "Client "
            "within one (1) month of any change in its shareholding likely to alter this situation.",
        ),
        (
            "Extraterritorial Laws",
            "List of non-European laws applicable to the Host and its "
            "sub-processors: none. The Host, majority-owned by shareholders established in the "
            "European "
            "Union, is not exposed to any extraterritorial law allowing unauthorised access to the "
            "hosted data.",
        ),
    ),
    "extraterritorial_law_exposure+exposed": (
        (
            "Protection against Non-European Laws",
            "The Host and one of its sub-processors are "
            "subject "
            "to United States law and may be subject to the CLOUD Act and Section 702 of FISA. "
            "Mitigation measures: encryption of the data with keys held by the Client, systematic "
            "challenge of access requests and information of the Client where permitted by law. "
            "Residual risk: unauthorised access by a foreign authority cannot be fully excluded.",
        ),
        (
            "Extraterritorial Laws",
            "Applicable non-European laws: CLOUD Act (United States). "
            "Measures: end-to-end encryption, customer-managed keys, legal review of any request from "
            "a "
            "foreign authority. Residual risk: possible access request for data stored outside the "
            "EEA ({non_eea_countries}).",
        ),
    ),
    "transfer_mapping_public_url": (
        (
            "HDS Guarantees Table",
            "In accordance with requirements 29 to 31 of the HDS referential, "
            "the Host publishes its guarantees table, including the mapping of transfers and access "
            "from outside the EEA, at the following address: {url}. The table is updated upon each "
            "change and at least once a year.",
        ),
        (
            "Transfer Mapping",
            "The mapping of data transfers and the guarantees presentation table "
            "required by the HDS referential are published and kept up to date by the Host on its "
            "website ({url}). The Host shall inform the Client of any material change to this table.",
        ),
    ),
    "gdpr_processing_details": (
        (
            "Details of the Processing",
            "The processing entrusted to the Host is described as "
            "follows:\n– subject-matter: hosting of the Client’s electronic patient record data;\n"
            "– duration of processing: the term of this Agreement;\n– nature of the processing: "
            "storage, backup, restoration, technical administration;\n– purpose: secure retention of "
            "the data needed for patient care;\n– types of personal data: identification data, health "
            "data, social security number;\n– categories of data subjects: patients and healthcare "
            "professionals of the Client.",
        ),
        (
            "Subject-Matter and Nature of the Processing",
            "For the term of this Agreement the Host "
            "processes, on behalf of the Client, identification data and health data of the Client’s "
            "patients and staff. The subject-matter and purpose of the processing are the secure "
            "hosting of such data; its nature covers storage, backup and technical operation of the "
            "systems. The Client, as controller, determines the purposes and essential means.",
        ),
    ),
    "gdpr_documented_instructions": (
        (
            "Documented Instructions",
            "The Host shall process personal data only on documented "
            "instructions from the Client, including with regard to transfers to a third country. If "
            "the Host considers that an instruction infringes the GDPR or other data protection "
            "provisions, it shall immediately inform the Client.",
        ),
        (
            "Processing on Instructions",
            "The Client’s instructions are recorded in this Agreement "
            "and "
            "in written requests from its designated contact. The Host shall immediately inform the "
            "Client if, in its opinion, an instruction infringes applicable data protection law, and "
            "may suspend it until confirmed or amended.",
        ),
    ),
    "gdpr_personnel_confidentiality": (
        (
            "Confidentiality of Personnel",
            "The Host shall ensure that persons authorised to process "
            "the Health Data have committed themselves to confidentiality or are under an appropriate "
            "statutory obligation of confidentiality, and receive appropriate data protection "
            "training.",
        ),
        (
            "Staff Confidentiality Undertakings",
            "Each member of the Host’s staff with access to the "
            "hosted data signs an individual confidentiality undertaking which survives the end of "
            "their employment. Only authorised persons, whose list is kept up to date, may operate on "
            "the Client’s systems.",
        ),
    ),
    "gdpr_security_measures": (
        (
            "Security Measures",
            "The Host implements the appropriate technical and organisational "
            "measures required by Article 32 GDPR, as described in its security assurance plan: "
            "encryption of data at rest (AES-256) and in transit (TLS 1.2 or higher), segregation of "
            "environments, encrypted backups, quarterly restoration tests and annual penetration "
            "tests.",
        ),
        (
            "Security of Processing",
            "In accordance with Article 32 GDPR, the Host ensures a level "
            "of "
            "security appropriate to the risk, including encryption, the ongoing confidentiality, "
            "integrity, availability and resilience of systems, and a process for regularly testing "
            "the "
            "effectiveness of the measures.",
        ),
    ),
    "gdpr_assist_art32_36": (
        (
            "Assistance to the Controller",
            "The Host shall assist the Client in ensuring compliance "
            "with the obligations under Articles 32 to 36 GDPR, taking into account the nature of the "
            "processing and the information available to it, in particular for data protection impact "
            "assessments (DPIA) and, where applicable, prior consultation of the CNIL.",
        ),
        (
            "Cooperation and DPIA",
            "Upon the Client’s request, the Host shall provide the "
            "documentation needed for a data protection impact assessment and assist the Client in "
            "any "
            "prior consultation of the supervisory authority, in accordance with Articles 32 to 36 "
            "GDPR.",
        ),
    ),
    "patient_information": (
        (
            "Patient Information",
            "In accordance with Article L. 1111-8 of the French Public Health "
            "Code, the Client shall inform patients in advance that their health data is hosted by a "
            "certified host and of their right to object to such hosting on legitimate grounds. The "
            "Host provides the Client with a template information notice.",
        ),
        (
            "Prior Information of Data Subjects",
            "The Client gives patients, upon admission, the "
            "prior "
            "information relating to the hosting of their data by the Host and records any objection "
            "on legitimate grounds. The Host provides the Client with the elements needed for this "
            "information.",
        ),
    ),
}

NON_COMPLIANT: dict[str, tuple[Variant, ...]] = {
    "hosting_locations": (
        (
            "Hosting Locations",
            "The Health Data is hosted in the data centres of the Host and its "
            "partners located in {datacentres}. To optimise availability, the Host may distribute the "
            "storage of the data and its backups across these sites. The list of sites is provided to "
            "the Client on request.",
        ),
        (
            "Data Location",
            "Countries where Health Data is stored: {countries}. Production data and "
            "backups are distributed across the data centres of {datacentres}. The Host reserves the "
            "right to move storage to any other data centre of its group.",
        ),
    ),
    "breach_notification_to_controller": (
        (
            "Personal Data Breach Notification",
            "The Host shall inform the Client of personal data "
            "breaches of which it becomes aware within {breach} of the completion of its internal "
            "investigation. Such information shall be sent by e-mail and describe the nature of the "
            "breach and the measures taken.",
        ),
        (
            "Security Incident Reports",
            "Security incidents affecting the Client’s data are reported "
            "to the Client within {breach} after their resolution. The report describes the incident, "
            "its causes and the corrective actions.",
        ),
    ),
    "purpose_limitation": (
        (
            "Use of Data",
            "The Health Data remains the property of the Client. The Client authorises "
            "the Host to use the hosted data, after pseudonymisation, for statistical purposes and to "
            "improve its products and services. The Host shall not sell the data to third parties.",
        ),
        (
            "Data Ownership and Use",
            "The Client remains the owner of the data. The Host may however "
            "reuse the hosted data in aggregated form to produce usage statistics, train its "
            "analytics "
            "tools and improve its offering.",
        ),
    ),
    "reversibility": (
        (
            "Reversibility",
            "At the end of this Agreement, the Host may offer the Client a data "
            "return "
            "service. The formats, timelines and cost of such service shall be determined at the "
            "Host’s "
            "discretion. Copies of the data are retained by the Host in accordance with its archiving "
            "policy.",
        ),
        (
            "End of Agreement and Return of Data",
            "Upon expiry of this Agreement, the return of data "
            "shall be carried out at the Host’s sole discretion, using the technical means it "
            "determines. The Host shall have no obligation to destroy existing backup copies.",
        ),
    ),
}

FILLERS: dict[str, tuple[Variant, ...]] = {
    "definitions": (
        (
            "Definitions",
            "In this Agreement, the following terms have the following meanings:\n"
            "– “Agreement”: this agreement, its recitals and schedules;\n– “Health Data”: personal "
            "data "
            "concerning health within the meaning of Article 4(15) GDPR entrusted by the Client;\n"
            "– “Incident”: any event causing or likely to cause an interruption or degradation of the "
            "services;\n– “Business Day”: Monday to Friday, excluding public holidays in France;\n"
            "– “GDPR”: Regulation (EU) 2016/679 of 27 April 2016.",
        ),
    ),
    "purpose": (
        (
            "Purpose",
            "The purpose of this Agreement is to set out the conditions under which the "
            "Host "
            "hosts, on behalf of the Client, the Health Data produced or collected in the course of "
            "the "
            "Client’s prevention, diagnosis, care and social or medico-social follow-up activities, "
            "in "
            "accordance with Article L. 1111-8 of the French Public Health Code.",
        ),
    ),
    "price": (
        (
            "Fees and Payment",
            "In consideration for the services, the Client shall pay the Host a "
            "monthly fee of EUR {fee} excluding VAT, invoiced monthly in advance. Invoices are "
            "payable "
            "thirty (30) days from the invoice date by bank transfer. The fee is revised each year on "
            "1 January according to the Syntec index.\n"
            "The Host’s annual accounts are audited by its statutory auditor; this Agreement does not "
            "grant the Client any right to audit the Host’s books and financial records.",
        ),
    ),
    "liability": (
        (
            "Liability",
            "Each Party is liable for the direct damage caused to the other Party by its "
            "failure to perform its obligations. The Host’s total liability is capped, for all causes "
            "combined, at the amounts paid by the Client over the last twelve (12) months, save in "
            "case "
            "of gross negligence, wilful misconduct or breach of its data protection obligations.",
        ),
    ),
    "insurance": (
        (
            "Insurance",
            "The Host represents that it holds professional liability insurance with a "
            "reputable insurer covering its liability for a minimum amount of five million euros per "
            "claim, and shall provide evidence thereof upon the Client’s request.",
        ),
    ),
    "termination": (
        (
            "Termination",
            "If either Party commits a material breach of its obligations which is not "
            "remedied within thirty (30) days of receipt of a formal notice sent by registered "
            "letter, "
            "the other Party may terminate this Agreement with immediate effect, without prejudice to "
            "any damages. The Client may also terminate this Agreement without compensation if the "
            "Host’s certification is withdrawn.",
        ),
    ),
    "law": (
        (
            "Governing Law and Jurisdiction",
            "This Agreement is governed by French law. The Parties "
            "shall seek an amicable settlement of any dispute relating to its interpretation or "
            "performance. Failing agreement within sixty (60) days, the dispute shall be brought "
            "before the competent courts of Paris.",
        ),
    ),
}

#: Neutral articles added one by one when ``pages_hint`` asks for a longer document.
BOILERPLATE: tuple[Variant, ...] = (
    (
        "Force Majeure",
        "Neither Party shall be liable for any failure to perform its obligations "
        "resulting from force majeure within the meaning of Article 1218 of the French Civil Code. "
        "The affected Party shall inform the other without delay. If the impediment lasts more than "
        "two months, either Party may terminate this Agreement by registered letter.",
    ),
    (
        "Assignment",
        "This Agreement is entered into in consideration of the identity of the Host. "
        "It "
        "may not be assigned in whole or in part without the Client’s prior written consent. Any "
        "merger or change of control of the Host shall be notified to the Client.",
    ),
    (
        "Notices",
        "Any notice under this Agreement shall be in writing and sent to the registered "
        "office of the relevant Party by registered letter with acknowledgement of receipt or by "
        "e-mail with read receipt, unless otherwise provided.",
    ),
    (
        "Entire Agreement",
        "This Agreement and its schedules constitute the entire agreement between "
        "the Parties and supersede any prior agreement, proposal or undertaking on the same subject. "
        "In case of conflict, the body of this Agreement prevails over its schedules.",
    ),
    (
        "No Waiver",
        "The failure of a Party to enforce a breach by the other Party of any of its "
        "obligations shall not be construed as a waiver of that obligation or of the right to enforce "
        "it subsequently.",
    ),
    (
        "Independent Contractors",
        "The Parties act as independent contractors. Nothing in this "
        "Agreement shall be construed as creating a partnership, agency, employment relationship or "
        "joint venture between them.",
    ),
    (
        "Severability",
        "If any provision of this Agreement is held invalid or unenforceable, the "
        "remaining provisions shall remain in full force and effect. The Parties shall negotiate in "
        "good faith a valid replacement provision of equivalent effect.",
    ),
    (
        "Steering Committee",
        "A steering committee of representatives of the Parties meets once a "
        "quarter. It reviews the service reports, incidents, planned changes and the continuous "
        "improvement plan. Minutes are circulated within eight business days.",
    ),
)

SIGNATURE_LINE = "Signed in {city}, on {signature_date}, in two (2) original copies."
SIGNATURE_BLOCKS = (
    ("For the Host", "{host}", "{host_signatory}", "{host_role}", "Signature:"),
    ("For the Client", "{client}", "{client_signatory}", "{client_role}", "Signature:"),
)

SLA_ANNEX_TITLE = "Service Levels"
SLA_INTRO = (
    "The table below sets out, for each indicator, the advertised level, the guaranteed "
    "level, the measurement period and the penalty applicable if the guaranteed level is "
    "not met."
)
SLA_TABLE: tuple[tuple[str, ...], ...] = (
    ("Indicator", "Advertised level", "Guaranteed level", "Measurement period", "Penalty"),
    (
        "Platform availability",
        "99.95%",
        "99.9%",
        "Monthly",
        "5% of the monthly fee per 0.1% below the guaranteed level",
    ),
    (
        "Response time for a major incident",
        "15 minutes",
        "30 minutes",
        "Monthly",
        "2% of the monthly fee per hour of delay",
    ),
    (
        "Restoration time for a major incident",
        "2 hours",
        "4 hours",
        "Monthly",
        "3% of the monthly fee per hour of delay",
    ),
    ("Successful daily backups", "100%", "99%", "Monthly", "None"),
    ("Backup restoration test", "Quarterly", "Half-yearly", "Half-yearly", "None"),
)

SUBPROC_ANNEX_TITLE = "List of Sub-processors"
SUBPROC_HEADER = ("Sub-processor", "Service", "Location", "HDS certification")


def subprocessor_rows(spec: ContractSpec) -> list[tuple[str, ...]]:
    """One row per storage country (its data-centre operator), plus remote support if any."""
    from hdswatch.samples.spec import EEA

    rows: list[tuple[str, ...]] = [
        (
            OPERATORS.get(code, f"{CITIES[code]} data centre operator"),
            "Physical hosting of the infrastructure (activity 1)",
            f"{CITIES[code]} ({COUNTRY_NAMES[code]})",
            "Yes",
        )
        for code in spec.storage_countries
    ]
    if spec.non_eea_access and all(code in EEA for code in spec.storage_countries):
        rows.append(
            (
                "Atlas Support Services SARL",
                "Level-2 technical support (activity 5)",
                "Rabat (Morocco)",
                "Yes (activity 5)",
            )
        )
    return rows


AMENDMENT_BODY: tuple[tuple[str, str], ...] = (
    ("center", "to health data hosting agreement no. {ref} signed on {signature_date}"),
    ("para", "Between {host} (the “Host”) and {client} (the “Client”)."),
    ("heading", "Article 1 – Purpose"),
    ("para", "This amendment modifies Article {term_article} (“{term_heading}”) of the Agreement."),
)
AMENDMENT_END = (
    "By way of derogation from Article {term_article}, the current term ends on {new_end}."
)
AMENDMENT_NOTICE = (
    "The notice period provided for in Article {term_article} is changed to {new_notice}."
)
AMENDMENT_CLOSE: tuple[tuple[str, str], ...] = (
    ("heading", "Article 2 – Other Provisions"),
    (
        "para",
        "All other provisions of the Agreement remain unchanged and in full force and effect.",
    ),
    ("para", "Signed in {city}, on {amendment_date}, in two (2) original copies."),
)
