"""Alternative English wordings of the synthetic HDS hosting contracts (the development set).

In: a :class:`~hdswatch.samples.spec.ContractSpec`. Out: the same text data as ``texts_fr_alt``,
drafted the way English data processing agreements and hosting terms are: three more wordings per
clause id (``CLAUSES``, some avoiding the usual keywords: "exit management" for reversibility,
"review by the data protection officer" for the DPO audit, "quality of service commitments" for
the SLA), rule-breaking wordings, term articles by kind, parties named "the Provider", "the
Processor"… and :func:`context`. Templates use ``{H}``/``{H_}`` ("the Provider", "The Provider")
and ``{C}``/``{C_}`` for the client.

>>> styled_quantity(3, "months", "words"), format_date(date(2025, 4, 1), "us")
('three months', 'April 1, 2025')
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from hdswatch.samples.texts_en import long_date, number_words, quantity

if TYPE_CHECKING:
    from hdswatch.samples.spec import ContractSpec

Variant = tuple[str, str]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_UNIT_WORDS = {"days": ("day", "days"), "months": ("month", "months"), "years": ("year", "years"),
               "hours": ("hour", "hours")}  # fmt: skip


def styled_quantity(n: int, unit: str, style: str) -> str:
    """ "three (3) months" (``both``), "three months" (``words``) or "3 months" (``digits``)."""
    if style == "both":
        return quantity(n, unit)
    one, many = _UNIT_WORDS[unit]
    return f"{number_words(n) if style == 'words' else n} {one if n == 1 else many}"


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def format_date(d: date, style: str) -> str:
    """A date in one of the layout's styles (``mixed`` gives the long form)."""
    month = _MONTHS[d.month - 1]
    if style == "numeric":
        return d.strftime("%d/%m/%Y")
    if style == "padded":
        return f"{d.day:02d} {month} {d.year}"
    if style == "dotted":
        return d.strftime("%d.%m.%Y")
    if style == "iso":
        return d.isoformat()
    if style == "us":
        return f"{month} {d.day}, {d.year}"
    if style == "ordinal":
        return f"{_ordinal(d.day)} {month} {d.year}"
    return long_date(d)


def _duration(months: int, layout_style: str, number_style: str) -> str:
    if layout_style == "digits":
        return f"{months} months"
    if layout_style == "words" and months % 12 == 0 and months >= 24:
        return styled_quantity(months // 12, "years", number_style)
    return styled_quantity(months, "months", number_style)


#: How the alternative wordings name the parties (``ContractSpec.party_terms``).
ROLES: tuple[dict[str, str], ...] = (
    {
        "H": "the Host",
        "H_": "The Host",
        "Hn": "Host",
        "C": "the Client",
        "C_": "The Client",
        "Cn": "Client",
    },
    {
        "H": "the Provider",
        "H_": "The Provider",
        "Hn": "Provider",
        "C": "the Customer",
        "C_": "The Customer",
        "Cn": "Customer",
    },
    {
        "H": "the Supplier",
        "H_": "The Supplier",
        "Hn": "Supplier",
        "C": "the Institution",
        "C_": "The Institution",
        "Cn": "Institution",
    },
    {
        "H": "the Processor",
        "H_": "The Processor",
        "Hn": "Processor",
        "C": "the Controller",
        "C_": "The Controller",
        "Cn": "Controller",
    },
)
_FORMS = {
    "SAS": ("a French société par actions simplifiée", "14 rue de la Roquette, 75011 Paris, France"),
    "B.V.": ("a Dutch private limited company", "Herengracht 420, 1017 BZ Amsterdam, the Netherlands"),
    "Ltd": ("a company incorporated in Ireland", "2 Grand Canal Square, Dublin 2, Ireland"),
    "GmbH": ("a German limited liability company", "Mainzer Landstraße 50, 60325 Frankfurt, Germany"),
    "SE": ("a European company (Societas Europaea)", "Avenue Louise 54, 1050 Brussels, Belgium"),
    "S.L.": ("a Spanish sociedad limitada", "Calle de Alcalá 21, 28014 Madrid, Spain"),
}  # fmt: skip
_CITIES = ("Paris", "Lyon", "Amsterdam", "Dublin", "Lille", "Frankfurt", "Nantes", "Brussels")
SECOND_CITIES = {"FR": "Lille", "DE": "Berlin", "NL": "Rotterdam", "BE": "Liège", "IE": "Cork",
                 "ES": "Barcelona", "IT": "Rome", "LU": "Esch-sur-Alzette", "AT": "Graz",
                 "PL": "Kraków", "SE": "Gothenburg", "FI": "Espoo", "US": "Dallas"}  # fmt: skip
_COUNTRIES = {"FR": "France", "DE": "Germany", "NL": "the Netherlands", "BE": "Belgium",
              "IE": "Ireland", "ES": "Spain", "IT": "Italy", "LU": "Luxembourg",
              "AT": "Austria", "PL": "Poland", "SE": "Sweden", "FI": "Finland",
              "US": "United States"}  # fmt: skip


def context(spec: ContractSpec) -> dict[str, str]:
    """Values the alternative templates add to ``texts_en.context(spec)``, and the ones a later
    layout style changes (dates, quantities); default styles change nothing."""
    from hdswatch.samples.spec import add_months

    layout, out = spec.layout, dict(ROLES[spec.party_terms % len(ROLES)])
    if layout.date_style not in ("long", "numeric", "mixed"):
        end = add_months(spec.effective_date, spec.term_months).toordinal() - 1
        for key, day in (("signature_date", spec.signature_date),
                         ("effective_date", spec.effective_date),
                         ("initial_end", date.fromordinal(end)),
                         ("cert_issue", spec.certificate_issue),
                         ("cert_expiry", spec.certificate_expiry)):  # fmt: skip
            out[key] = format_date(day, layout.date_style)
    if layout.number_style != "both" or layout.duration_style == "months":
        number, hours = layout.number_style, spec.breach_hours
        out["term"] = _duration(spec.term_months, layout.duration_style, number)
        out["renewal"] = _duration(spec.renewal_term_months or 12, layout.duration_style, number)
        if spec.notice_amount and spec.notice_unit:
            out["notice"] = styled_quantity(spec.notice_amount, spec.notice_unit, number)
        out["breach"] = (
            styled_quantity(hours // 24, "days", number)
            if hours > 72
            else styled_quantity(hours, "hours", number)
        )
    first = spec.storage_countries[0]
    out["second_city"] = f"{SECOND_CITIES.get(first, 'Lille')} ({_COUNTRIES.get(first, 'France')})"
    if spec.wording_pool == "alt":
        suffix = spec.host.split()[-1]
        out["host_form"], out["host_address"] = _FORMS.get(suffix, _FORMS["SAS"])
        out["city"] = _CITIES[spec.style_seed % len(_CITIES)]
        lowered = spec.client.lower()
        public = lowered.startswith(("centre hospitalier", "chu", "groupement", "hôpital local"))
        out["client_desc"] = (
            "a public health establishment" if public else "a private health establishment"
        )
    return out


def entry(spec: ContractSpec, effective: str) -> dict[str, str]:
    """How the term clause says when the contract starts: "on 1 April 2025" or "on the date of
    its signature"."""
    if spec.effective_on_signature:
        return {
            "entry": "on the date of its signature",
            "entry_from": "from the date of its signature",
        }
    return {"entry": f"on {effective}", "entry_from": f"from {effective}"}


ANNEX_WORDS = ("Schedule", "Annex", "Appendix")


def annex_word(spec: ContractSpec) -> str:
    return ANNEX_WORDS[spec.style_seed % len(ANNEX_WORDS)]


TITLES = (
    "HEALTH DATA HOSTING AND MANAGED SERVICES AGREEMENT",
    "DATA PROCESSING AND HOSTING AGREEMENT (HDS)",
    "HDS ADDENDUM – SPECIFIC CONDITIONS FOR THE HOSTING OF HEALTH DATA",
    "MASTER SERVICES AGREEMENT – HEALTH DATA HOSTING",
)
HEADERS = ("{host} | HDS Agreement | Ref. {ref}", "CONFIDENTIAL", "Private and confidential – {client}",
           "")  # fmt: skip
FOOTERS = ("{n}/{total}", "- {n} -", "Initials: ______ / ______          Page {n} of {total}",
           "Page {n} / {total}")  # fmt: skip
CONTENTS = ("CONTENTS", "TABLE OF CONTENTS")
ARTICLE = "Clause"

PREAMBLES: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("center", "Agreement no. {ref}"),
        ("para", "This Agreement is made between:"),
        ("item", "(1) {host}, {host_form} whose registered office is at {host_address}, "
                 "represented by {host_signatory}, {host_role} (the “{Hn}”); and"),
        ("item", "(2) {client}, {client_desc} whose registered office is at {client_address}, "
                 "represented by {client_signatory}, {client_role} (the “{Cn}”)."),
        ("caps", "BACKGROUND"),
        ("para", "{C_} wishes to outsource the hosting and operation of its health information "
                 "system and has selected {H} for that purpose."),
        ("caps", "IT IS AGREED AS FOLLOWS"),
    ),
    (
        ("center", "Reference: {ref}"),
        ("para", "PARTIES: (1) {client} (FINESS {finess}), {client_address} (the “{Cn}”); (2) "
                 "{host}, {host_form}, {host_address} (the “{Hn}”)."),
        ("para", "This agreement sets out the specific conditions applicable to the hosting of "
                 "personal health data within the meaning of Article L. 1111-8 of the French "
                 "Public Health Code."),
    ),
    (
        ("para", "THIS AGREEMENT is entered into by and between {host}, {host_form} with a share "
                 "capital of EUR {capital}, whose registered office is at {host_address} "
                 "(hereinafter the “{Hn}”), and {client}, {client_desc}, "
                 "{client_address} (hereinafter the “{Cn}”)."),
        ("caps", "RECITALS"),
        ("para", "{H_} provides hosting services for healthcare organisations. {C_} wishes to "
                 "entrust it with the personal health data generated by its care activities."),
    ),
)  # fmt: skip

TERMS: dict[str, tuple[Variant, ...]] = {
    "tacit": (
        ("Term", "This Agreement comes into force {entry} for a period of {term}. It shall "
                 "thereafter renew automatically for successive periods of {renewal} unless "
                 "either Party serves notice of non-renewal by registered letter {notice} before "
                 "the expiry date."),
        ("Commencement, Duration and Renewal",
         "This Agreement shall commence {entry_from}. The initial term is {term}.\nOn expiry of "
         "the initial term, the Agreement shall be tacitly extended for further periods of "
         "{renewal} each. A Party wishing to terminate at the end of the current period shall "
         "notify the other Party in writing at least {notice} prior to that date."),
        ("Duration",
         "The initial term runs {entry_from} until {initial_end}. The Agreement is then renewed "
         "automatically for consecutive periods of {renewal}, unless terminated by either Party "
         "by written notice given not less than {notice} before the end of the current period."),
    ),
    "tacit_same": (
        ("Term", "This Agreement is concluded for {term} {entry_from}. It shall then renew "
                 "tacitly for successive periods of the same duration, unless notice of "
                 "non-renewal is given by registered letter at least {notice} before its "
                 "expiry."),
        ("Term and Renewal",
         "This Agreement takes effect {entry} and remains in force for {term}. On each expiry "
         "date it renews automatically for an equal period, unless either Party gives notice of "
         "its refusal to renew at least {notice} before that date."),
    ),
    "fixed": (
        ("Term", "This Agreement takes effect {entry} and expires at the end of a period of "
                 "{term}, i.e. on {initial_end}. It shall not renew automatically."),
        ("Duration of the Agreement", "This Agreement is entered into for a firm period of "
                                      "{term} {entry_from}. It shall not be extended or renewed."),
    ),
    "express": (
        ("Term and Extension",
         "This Agreement comes into force {entry} for a period of {term}. It may be extended "
         "only by a written amendment signed by both Parties; failing that, it shall expire at "
         "the end of that period. No tacit renewal shall apply."),
        ("Term", "Entered into for {term} {entry_from}, this Agreement does not renew "
                 "automatically. Any extension requires the express written agreement of the "
                 "Parties before the expiry date."),
    ),
    "indefinite": (
        ("Term", "This Agreement is entered into for an indefinite period {entry_from}. Either "
                 "Party may terminate it at any time by registered letter, subject to a notice "
                 "period of {notice}."),
        ("Duration and Termination", "This Agreement takes effect {entry} and continues "
                                     "without limit of time until terminated by either Party "
                                     "with a notice period of {notice}, given in writing."),
    ),
}  # fmt: skip

GROUPS: dict[str, tuple[str, ...]] = {
    "security": ("Security", "Protection of Hosted Data"),
    "data_protection": ("Data Protection", "Processor Obligations (Article 28 GDPR)",
                        "Processing of Personal Data"),
    "transfers": ("Cross-border Matters", "Foreign Access and Transfers"),
}  # fmt: skip

CLAUSES: dict[str, tuple[Variant, ...]] = {
    "hds_certificate_scope": (
        ("Health Data Host Status",
         "{H_} holds health data hosting certificate no. {cert_number}, granted by {certifier} "
         "on {cert_issue} under the {referential} and valid until {cert_expiry}.\nThe "
         "certificate covers the six hosting activities listed in Article R. 1111-9 of the "
         "French Public Health Code, from the provision of premises to external backup. {H_} "
         "shall forward to {C} any decision of the certifier maintaining, suspending or "
         "withdrawing the certificate."),
        ("Accreditation",
         "HDS certificate reference: {cert_number}.\nIssued by: {certifier}.\nIssued on: "
         "{cert_issue}; expires on: {cert_expiry}.\nActivities covered: physical hosting and "
         "infrastructure (activities 1 to 4), administration and operation of the information "
         "system (activity 5), external backup (activity 6).\n{H_} shall apply for renewal of "
         "the certificate no later than six (6) months before it expires."),
        ("Compliance with the HDS Framework",
         "As at the date hereof, {H} is certified to host personal health data under the "
         "{referential}. The certificate, registered under number {cert_number}, was issued by "
         "{certifier} on {cert_issue} and expires on {cert_expiry}. It covers all services "
         "supplied under this Agreement. Any narrowing of the certified activities shall be "
         "reported to {C} within eight (8) days."),
    ),
    "service_description": (
        ("The Services",
         "{H_} shall provide {C} with a managed hosting platform for its electronic patient "
         "record system and imaging applications. The Services include compute and storage "
         "capacity, monitoring, backup management and operational maintenance.\nThe expected "
         "outcomes are service availability and the preservation of the integrity, "
         "confidentiality and auditability of the hosted data."),
        ("Service Scope",
         "The following are within scope:\n– hosting of the production, pre-production and "
         "training environments of {C}’s clinical software;\n– day-to-day operation of the "
         "systems (updates, monitoring, capacity management);\n– retention of backup copies.\n"
         "The objectives are availability, integrity and confidentiality of the information and "
         "its auditability."),
        ("What is Provided",
         "{H_} hosts and runs, on behalf of {C}, the application servers and databases of its "
         "health information system, and provides technical assistance to {C}’s IT team from "
         "Monday to Friday, 8 am to 7 pm. Each component of the service is designed to keep the "
         "information accessible, accurate, secret and verifiable at all times."),
    ),
    "hosting_locations": (
        ("Location of Infrastructure",
         "The servers and storage arrays used for this Agreement are installed in the data "
         "centres of {datacentres}. Backup copies are kept at the same sites. {H_} shall not "
         "place such equipment, nor keep copies of the data, outside the Member States of the "
         "European Union and the other States party to the EEA Agreement."),
        ("Where Data is Kept",
         "Hosting countries: {countries}.\nSites: {datacentres}.\nAny relocation to another site "
         "requires {C}’s prior written approval and may only be to a site within the European "
         "Economic Area."),
        ("Data Residency",
         "{H_} warrants that the data entrusted to it, including replicas and backups, is stored "
         "exclusively in the following countries: {countries}, in its facilities at "
         "{datacentres}, all within the EEA."),
    ),
    "data_subject_rights": (
        ("Requests from Patients",
         "If a patient exercises directly with {H} any right under the GDPR (access, "
         "rectification, erasure, restriction, objection, portability), {H} shall forward the "
         "request to {C} within three (3) business days and shall not respond itself. It shall "
         "provide {C} with any extract needed, including a copy of the data in a structured, "
         "commonly used format."),
        ("Individuals’ Rights",
         "{H_} shall help {C}, by appropriate technical and organisational measures, to respond "
         "to requests from data subjects exercising their rights, including the right to data "
         "portability, within the statutory time limits."),
        ("Data Subject Requests",
         "Functions to export, correct and delete individual records are made available to {C} "
         "so that it can meet data subjects’ requests. For a portability request, {H} shall "
         "produce a JSON or CSV file within ten (10) days."),
    ),
    "breach_notification_to_controller": (
        ("Incidents Affecting Personal Data",
         "As soon as it becomes aware of a security incident leading to the accidental or "
         "unlawful destruction, loss, alteration, unauthorised disclosure of, or access to, "
         "personal data, {H} shall alert {C} promptly and in any case no later than {breach} "
         "after becoming aware of it.\nThe alert shall include the information {C} needs to "
         "meet its own reporting duties: nature of the incident, data and individuals affected, "
         "likely consequences, measures taken."),
        ("Personal Data Breaches",
         "{H_} shall notify {C} of any personal data breach within a maximum of {breach} of its "
         "discovery, in writing and by telephone, and shall supplement the notification as "
         "further information becomes available."),
        ("Security Alerts",
         "Any compromise, even suspected, of personal data processed on behalf of {C} shall be "
         "brought to its attention within {breach} of its detection. {H_} shall document each "
         "compromise (facts, effects, remedial action) and keep that record available to {C}."),
    ),
    "dpo_audit": (
        ("Review by the Data Protection Officer",
         "{C_}’s data protection officer, or an independent third party appointed by him or "
         "her, may review on documents and on site whether {H} complies with its personal data "
         "commitments. A review is announced fifteen (15) business days in advance and may take "
         "place once a year and after any serious incident. On request, {H} shall provide the "
         "summary of its latest technical assessment report, which shall be less than three (3) "
         "years old."),
        ("Compliance Verification",
         "{C_} may, at its own cost, have the processing carried out on its behalf verified. "
         "Verifications are conducted by its data protection officer or by a firm bound by "
         "confidentiality, on one (1) month’s written notice. {H_} shall give access to the "
         "relevant premises, documents and people and cooperate in good faith."),
        ("Audits",
         "{H_} shall submit to audits initiated by {C} to check compliance with this Agreement "
         "and Article 28 GDPR. Audits by {C}’s Data Protection Officer shall be conducted as "
         "follows: reasoned request, twenty (20) days’ notice, no more than three (3) days on "
         "site, report sent to both Parties."),
    ),
    "contractual_contact": (
        ("Incident Contact",
         "For any matter concerning an incident affecting the hosted data, {H} shall contact "
         "the person designated by {C}: {contact_name}, {contact_role} – e-mail: "
         "{contact_email} – telephone: {contact_phone}. Any change to these details shall be "
         "notified in writing."),
        ("Contacts",
         "{C_} appoints {contact_name}, {contact_role}, as its contact for incident handling "
         "({contact_email}; {contact_phone}). In his or her absence, alerts are passed to a "
         "deputy named at the kick-off meeting."),
        ("Relationship Management",
         "Each Party appoints a representative to follow the performance of this Agreement. For "
         "{C}, the person to be alerted of any incident affecting health data is "
         "{contact_name}, {contact_role}, who can be reached on {contact_phone} or at "
         "{contact_email}."),
    ),
    "quality_performance_indicators": (
        ("Quality of Service Commitments",
         "{H_} commits to the quality levels set out in {sla_annex}, which states for each "
         "indicator the target value, the guaranteed value and the measurement frequency. A "
         "dashboard is sent to {C} every month.\nWhere a guaranteed value is not met over the "
         "measurement period, {H} shall pay penalties according to the scale in {sla_annex}, "
         "capped at ten per cent (10%) of the annual fee."),
        ("Performance Measurement",
         "The indicators below are measured monthly, excluding planned maintenance windows "
         "announced at least five (5) business days in advance:\n[SLA_TABLE]\nFailure to meet a "
         "guaranteed threshold entitles {C} to a credit equal to the stated percentage of that "
         "month’s fee."),
        ("Service Commitments",
         "Platform uptime is guaranteed at 99.8% per calendar month. Response and restoration "
         "times, target and guaranteed values and the measurement frequency of each indicator "
         "are set out in {sla_annex}. Each shortfall entitles {C} to the penalties provided in "
         "that document."),
    ),
    "subcontracting_external_providers": (
        ("Use of Third Parties",
         "{H_} may entrust all or part of the Services to a third party only after informing "
         "{C} in writing at least one (1) month in advance; {C} may object on legitimate "
         "grounds within that period. The third parties engaged at the signature date are "
         "listed in {subproc_annex}.\nEach of them is bound by a contract imposing data "
         "protection obligations at least equivalent to those of this Agreement; those that "
         "host or operate health data hold an HDS certificate covering the activities entrusted "
         "to them."),
        ("Sub-processing",
         "{C_} grants a general authorisation to engage sub-processors, subject to prior notice "
         "of any addition or replacement and to its right to object. The list is set out in "
         "{subproc_annex}. {H_} remains fully liable for their failures and ensures that each is "
         "HDS certified for the activities it performs."),
        ("Technical Partners",
         "The technical providers used by {H} (data centre operator, support) are identified in "
         "{subproc_annex}, which states their role, location and HDS certification, which each "
         "of them holds. No new provider may access the data without {C}’s prior written "
         "consent. {H_} flows down its obligations under this Agreement to each of them."),
    ),
    "subcontracting_external_providers+uncertified": (
        ("Use of Third Parties",
         "{H_} may use technical providers after giving {C} prior written notice, and {C} may "
         "object within fifteen (15) days. The providers, their tasks and their HDS "
         "certification status are listed in {subproc_annex}. {H_} imposes on each, by "
         "contract, data protection safeguards equivalent to those of this Agreement."),
        ("Sub-processing",
         "The sub-processors authorised at the signature date, their role and their "
         "certification status are set out in {subproc_annex}. Any change is notified to {C} in "
         "advance and {C} may raise reasoned objections. {H_} remains liable to {C} for their "
         "performance."),
        ("Technical Partners",
         "{H_} relies on the providers listed in {subproc_annex}. It flows down to them by "
         "contract the data protection obligations of this Agreement and informs {C} of any "
         "addition or replacement, to which {C} may object within one (1) month."),
    ),
    "access_control": (
        ("Access Rights to Hosted Data",
         "Only those employees of {H} whose duties require it have access rights to the hosted "
         "data, granted individually and withdrawn upon any change of role. Remote "
         "interventions go through an administration gateway requiring two-factor "
         "authentication. Every connection is recorded; {C} may obtain an extract of the "
         "records concerning it for the last twelve (12) months."),
        ("Authorisation Policy",
         "{H_} keeps an up-to-date list of the persons authorised to work on {C}’s systems and "
         "sends it to {C} every quarter. Privileged accounts are reviewed twice a year. Actions "
         "performed on the data are traced with a time stamp and an identified author, and the "
         "traces are kept for at least six (6) months."),
        ("Who May Access the Data",
         "Access to the data is reserved to {H}’s administrators on a list approved by {C}, on a "
         "need-to-know basis. Any viewing of application content by an administrator requires "
         "{C}’s prior consent, save in a justified emergency reported afterwards. Connection "
         "logs are available to {C} on request."),
    ),
    "technical_changes_obligations": (
        ("Infrastructure Evolution",
         "{H_} may upgrade the technical components of the platform to follow the state of the "
         "art or a legal requirement, giving {C} at least one (1) month’s written notice. A "
         "change that would reduce the service levels or security guarantees set out in this "
         "Agreement shall not be deployed without {C}’s express prior consent."),
        ("Modifications to the Service",
         "Any material modification of the technical means used for the service shall be "
         "presented to {C} with its schedule and impact. If it would weaken the commitments "
         "made, it requires {C}’s written approval, failing which {C} may end this Agreement at "
         "no cost."),
        ("Technical Changes",
         "Planned technical changes are announced to {C} fifteen (15) days in advance with a "
         "description of their effects. No change lowering performance levels or contractual "
         "guarantees shall be made unless {C} has consented to it in writing beforehand."),
    ),
    "default_guarantees": (
        ("Hosting Provider Default",
         "If {H} becomes permanently unable to perform this Agreement, in particular in "
         "insolvency proceedings, {C} shall immediately obtain the latest full backups, which "
         "are deposited every week with a trusted third party. {H_} shall evidence every year an "
         "insurance policy covering the consequences of a prolonged service interruption."),
        ("Service Continuity",
         "{H_} maintains a disaster recovery plan based on a standby infrastructure separate "
         "from the main infrastructure, to which data is continuously replicated. Failover is "
         "tested twice a year. Recovery objectives are four (4) hours for the service and one "
         "(1) hour for the data, including in the event of a major disaster affecting {H}."),
        ("Financial and Technical Safeguards",
         "To cover any failure on its part, {H} has provided a first-demand guarantee of one "
         "hundred thousand euros (EUR 100,000) in favour of {C} and shall facilitate the "
         "takeover of operations by a third party designated by {C}, to which it shall promptly "
         "hand over the current operating documentation."),
    ),
    "purpose_limitation": (
        ("Use of the Data",
         "{H_} shall process the data entrusted to it only as needed for the hosting described "
         "in this Agreement. Any other use, for its own account or that of a third party, for "
         "any purpose whatsoever, including in anonymised, aggregated or pseudonymised form, is "
         "prohibited."),
        ("Exclusive Purpose",
         "The data remains the property of {C}. {H_} may not exploit, analyse or combine it "
         "with other data, nor disclose it to third parties, for any purpose other than "
         "hosting."),
        ("No Re-use",
         "{H_} shall refrain from any re-use of the hosted information, in particular for "
         "commercial, advertising, statistical or algorithm-training purposes."),
    ),
    "reversibility": (
        ("Exit Management",
         "On termination or expiry of this Agreement for any reason, including early "
         "termination, {H} shall hand over to {C}, or to the provider it designates, all the "
         "hosted data in an open, documented format (SQL, CSV, XML) and, for virtual servers, "
         "in OVA format. Handover takes place within twenty (20) business days of the request "
         "and is charged according to the price schedule attached to the offer.\nOnce {C} has "
         "accepted the handover, {H} shall erase all copies, including backups, and send {C} a "
         "deletion report."),
        ("Transition at the End of the Agreement",
         "Three (3) months before the expiry of this Agreement, or upon notice of termination, "
         "the Parties shall agree a transition plan. {H_} shall transfer all data and logs to "
         "the environment chosen by {C}, in standard formats allowing immediate re-use, for a "
         "fixed price of EUR {fee} excluding VAT and within thirty (30) days. It shall then "
         "destroy all remaining copies and provide a certificate to that effect."),
        ("Reversibility",
         "Reversibility applies at the end of this Agreement as well as upon early termination. "
         "It covers the return of all data in readable and usable formats, the migration of "
         "virtual machines if {C} so requests, and the destruction of copies after the return, "
         "evidenced by a certificate. Time limits (no more than forty-five (45) days) and costs "
         "(at the hourly rate then in force) are detailed in the reversibility plan drawn up "
         "jointly."),
    ),
    "non_eea_access_safeguards": (
        ("Operations from Abroad",
         "No operation on the hosted data, including mere viewing for maintenance purposes, "
         "shall be carried out from a country outside the European Economic Area. Should {H} "
         "contemplate such operations, it would first need {C}’s written consent and would have "
         "to rely on an adequacy decision or appropriate safeguards under the GDPR."),
        ("Access from outside the Union",
         "{H_} warrants that its teams and those of its sub-processors access the data only "
         "from within the European Union. No remote access from a third country is permitted."),
        ("Data Transfers",
         "The data is neither transferred to, nor accessed from, any country outside the EEA. "
         "Any future exception shall require {C}’s prior authorisation and the signature of "
         "standard contractual clauses."),
    ),
    "non_eea_access_safeguards+access": (
        ("Operations from Abroad",
         "{H_}’s second-level support centre in Rabat ({access_country}) may work remotely on "
         "the servers hosting the data, without copying or storing it locally. As that country "
         "is not covered by an adequacy decision of the European Commission, such work is "
         "governed by the standard contractual clauses and supplementary measures: encryption, "
         "an administration gateway located in the EEA and session recording."),
        ("Remote Access from outside the EEA",
         "{C_} is informed that maintenance operations are performed remotely from Rabat "
         "({access_country}), a third country without an adequacy decision. Such access relies "
         "on appropriate safeguards under Article 46 GDPR (standard contractual clauses) and "
         "involves no storage of data outside the European Economic Area."),
        ("Data Transfers",
         "Only the support team located in Rabat ({access_country}) may access the systems, "
         "solely remotely and for maintenance purposes. This access is covered by the European "
         "Commission’s standard contractual clauses, supplemented by a transfer impact "
         "assessment available to {C}."),
    ),
    "non_eea_access_safeguards+stored": (
        ("Transfers outside the EEA",
         "Data kept in countries outside the European Economic Area ({non_eea_countries}), and "
         "the related access, are governed by an adequacy decision where one exists and "
         "otherwise by the European Commission’s standard contractual clauses."),
        ("Third Countries",
         "{C_} is informed that data is transferred to and accessible in a third country "
         "({non_eea_countries}). The transfer relies on an adequacy decision of the European "
         "Commission or, failing that, on standard contractual clauses."),
        ("International Access and Transfers",
         "Operations on data stored outside the EEA ({non_eea_countries}) rely on appropriate "
         "safeguards under Article 46 GDPR. {H_} keeps its assessment of the risks of these "
         "transfers available to {C}."),
    ),
    "extraterritorial_law_exposure": (
        ("Foreign Laws",
         "{H_} declares that neither it nor its sub-processors are subject to any law of a "
         "State outside the European Union allowing a foreign authority to require disclosure "
         "of the hosted data: its shareholders and management are European. It shall inform {C} "
         "within one month of any event that may change this."),
        ("Non-European Legislation",
         "Non-European laws to which {H} or its sub-processors are subject: none. Residual risk "
         "of access by a foreign authority: none, given the current shareholding."),
        ("Exposure to Foreign Law",
         "Neither {H} nor any of its sub-processors is subject to non-European legislation with "
         "extraterritorial reach such as the CLOUD Act; no mitigation measure is therefore "
         "required. {H_} shall notify {C} of any change of control."),
    ),
    "extraterritorial_law_exposure+exposed": (
        ("Foreign Laws",
         "{H_} belongs to a group whose parent company is governed by United States law and may "
         "therefore receive requests under the CLOUD Act or Section 702 FISA. To limit their "
         "effect, the data is encrypted with keys held by {C} and every request is challenged. "
         "A residual risk of disclosure to a foreign authority remains."),
        ("Exposure to Foreign Law",
         "Applicable non-European laws: CLOUD Act (United States), FISA Section 702. "
         "Mitigation: end-to-end encryption, key management by {C}, legal review of each "
         "request. Residual risk: possible access to data stored outside the EEA ({non_eea_countries})."),
        ("Extraterritorial Legislation",
         "One of {H}’s sub-processors is a subsidiary of a US company and may be subject to "
         "the CLOUD Act. The mitigation measures adopted (encryption, segregation, information "
         "of {C}) do not entirely remove the residual risk of unauthorised access."),
    ),
    "transfer_mapping_public_url": (
        ("Transparency on Safeguards",
         "{H_} publishes at {url} the table presenting its safeguards required by the HDS "
         "framework, listing the parties involved in the service, their certifications and any "
         "access from third countries. The table is updated upon each change and at least "
         "annually."),
        ("Public Information",
         "The page {url} shows, for each party involved, its role, its certifications (HDS, "
         "SecNumCloud), the activities performed and its position under requirements 29 and 30 "
         "of the HDS framework. {C_} is notified by e-mail of any update to this page."),
        ("Mapping",
         "A map of data flows and access, in accordance with chapter 8 of the HDS framework, is "
         "permanently available at {url}."),
    ),
    "gdpr_processing_details": (
        ("Details of Processing",
         "Subject-matter: hosting and operation of {C}’s health information system.\nDuration: "
         "the term of this Agreement.\nNature: storage, backup, restoration, monitoring.\n"
         "Purpose: secure retention and availability of patient records.\nData: identity, "
         "contact details, national health insurance number, health data.\nData subjects: "
         "patients, residents, health professionals."),
        ("Description of the Processing",
         "The processing concerns identification and health data of {C}’s patients and "
         "professional data of its staff. It consists in storing, backing up and keeping that "
         "data available for the term of this Agreement, so that {C} can provide care to its "
         "patients. {C_} alone determines its purposes and essential means."),
        ("Processing Record",
         "Processing activity: hosting of health data.\nCategories of individuals: patients and "
         "users, health professionals.\nCategories of data: civil status, contact details, "
         "national health insurance number, medical data, billing data.\nOperations: recording, "
         "retention, backup, restoration.\nDuration: the whole term of this Agreement.\nPurpose: "
         "making {C}’s care applications available to it."),
    ),
    "gdpr_documented_instructions": (
        ("Controller’s Instructions",
         "{H_} acts only on {C}’s written instructions, including with regard to any transfer "
         "of data outside the European Union, unless required by law, in which case it informs "
         "{C} before processing. It shall immediately alert {C} if an instruction appears to "
         "infringe the GDPR or national law."),
        ("Scope of Instructions",
         "This Agreement and its schedules constitute {C}’s documented instructions. Any "
         "further instruction shall be given in writing. {H_} shall report without delay any "
         "instruction it considers unlawful under data protection law."),
        ("Processing on Instruction",
         "{H_} carries out operations on the data exclusively on {C}’s documented instruction. "
         "Where it considers that an instruction breaches applicable law, {H} shall immediately "
         "inform {C} and may suspend its execution."),
    ),
    "gdpr_personnel_confidentiality": (
        ("Staff Obligations",
         "{H_}’s employees who process the data are bound by a confidentiality clause in their "
         "employment contract or by a specific undertaking, which survives the end of their "
         "employment. They receive annual data protection awareness training."),
        ("Professional Secrecy",
         "Every person acting under {H}’s authority with access to the data is bound by the "
         "professional secrecy of Article L. 1110-4 of the French Public Health Code and "
         "undertakes so in writing."),
        ("Discretion of Personnel",
         "{H_} ensures that the persons authorised to work on the data have signed a "
         "non-disclosure undertaking or are under an equivalent statutory obligation, and shall "
         "evidence this at {C}’s first request."),
    ),
    "gdpr_security_measures": (
        ("Security of Processing",
         "In accordance with Article 32 GDPR, {H} applies the measures described in its "
         "security assurance plan: encryption of data at rest and in transit, segregation of "
         "environments, system hardening, intrusion detection, encrypted backups and regular "
         "restoration tests. These measures are reviewed at least once a year."),
        ("Protection of Information",
         "{H_} implements technical and organisational means proportionate to the risks: "
         "AES-256 encryption, TLS 1.2 or higher, security patches applied within thirty (30) "
         "days, annual penetration tests by a qualified provider and a process for regularly "
         "assessing the effectiveness of these means."),
        ("Technical and Organisational Measures",
         "The measures ensuring the confidentiality, integrity, availability and resilience of "
         "the systems are: pseudonymisation and encryption, the ability to restore access to "
         "data after a physical or technical incident, and a process for regularly testing and "
         "evaluating their effectiveness."),
    ),
    "gdpr_assist_art32_36": (
        ("Cooperation with the Controller",
         "{H_} shall give {C} the help needed to carry out its data protection impact "
         "assessments and, where the supervisory authority must be consulted beforehand, "
         "provide the relevant technical information. It shall also assist {C} with its "
         "obligations under Articles 32 to 36 GDPR."),
        ("Compliance Support",
         "On request, {H} shall provide {C} with the documentation needed to carry out a DPIA "
         "and take part in risk analysis workshops. This assistance covers the obligations of "
         "Articles 32 to 36 GDPR."),
        ("Assistance",
         "Taking into account the nature of the processing, {H} shall help {C} ensure compliance "
         "with the obligations relating to security of processing, impact assessments and prior "
         "consultation of the supervisory authority."),
    ),
    "patient_information": (
        ("Informing Patients",
         "{C_} shall inform patients, before any hosting, that their data is entrusted to a "
         "certified host and that they may object on legitimate grounds. {H_} provides a "
         "template notice for that purpose."),
        ("Prior Notice to Patients",
         "{C_} shall make patients aware, in particular through notices and its admission "
         "booklet, that their health data is hosted externally, and shall record any objection "
         "on legitimate grounds."),
        ("Transparency towards Patients",
         "In accordance with Article L. 1111-8 of the French Public Health Code, data subjects "
         "are informed by {C} that {H} hosts their data and of their right to object on "
         "legitimate grounds."),
    ),
}  # fmt: skip

NON_COMPLIANT: dict[str, tuple[Variant, ...]] = {
    "hosting_locations": (
        ("Location of Infrastructure",
         "The servers used for this Agreement are spread across the data centres of "
         "{datacentres}. To optimise its costs, {H} may replicate the data and its backups from "
         "one site to another, whatever the country in which it is located."),
        ("Hosting Countries",
         "Data is kept in the following countries: {countries}. The sites used are those of "
         "{datacentres}. {C_} acknowledges that some of these sites are located outside the "
         "European Union."),
    ),
    "breach_notification_to_controller": (
        ("Incidents Affecting Personal Data",
         "Where {H} identifies a security incident affecting personal data, it shall inform {C} "
         "within {breach} of the completion of its investigation, by any written means."),
        ("Data Breaches",
         "{H_} shall send {C} a report on each personal data breach within {breach} after it "
         "has been closed."),
    ),
    "purpose_limitation": (
        ("Use of the Data",
         "{C_} grants {H} the right to use the hosted data, once pseudonymised, to produce "
         "statistical studies and improve its services. The results of such work belong to "
         "{H}."),
        ("Data Analytics",
         "{H_} may exploit the hosted data in aggregated form to develop new products and train "
         "its analytics models."),
    ),
    "reversibility": (
        ("Exit Management",
         "At the end of this Agreement, {H} may assist {C} in retrieving its data. The format, "
         "timing and price of such assistance shall be set by {H} at its sole discretion. Backup "
         "copies are retained under {H}’s internal policy."),
        ("End of the Relationship",
         "On expiry of this Agreement, the data shall be handed over using the technical means, "
         "timetable and financial terms determined by {H} in its discretion, without any "
         "commitment to destroy copies."),
    ),
}  # fmt: skip

#: Sentences of a clause whose substance is in an annex (``{annex}``: "Schedule 3").
REFERRALS: dict[str, str] = {
    "hds_certificate_scope": "The details of {H}’s HDS certificate (number, certifier, issue "
    "and expiry dates, activities covered) are set out in {annex}.",
    "access_control": "The rules for granting authorisations and tracing access to the hosted "
    "data are set out in {annex}.",
    "default_guarantees": "The safeguards covering a possible failure of {H} are described in "
    "{annex}.",
    "reversibility": "Reversibility is dealt with in {annex}.",
    "gdpr_processing_details": "The details of the processing (subject-matter, duration, "
    "nature, purpose, categories of data and data subjects) are described in {annex}.",
    "gdpr_security_measures": "The technical and organisational security measures are set out "
    "in {annex}.",
    "quality_performance_indicators": "The service levels and related penalties are defined in "
    "{annex}.",
}
ANNEX_TITLES: dict[str, str] = {
    "hds_certificate_scope": "HDS Certificate",
    "access_control": "Authorisation and Traceability Policy",
    "default_guarantees": "Continuity and Safeguards",
    "reversibility": "Reversibility Plan",
    "gdpr_processing_details": "Description of the Processing",
    "gdpr_security_measures": "Security Assurance Plan",
    "quality_performance_indicators": "Service Levels",
}

DOCUMENTS: Variant = (
    "Contract Documents",
    "This Agreement consists of the following documents, in decreasing order of precedence: "
    "this document and the following schedules:",
)
DPA_ANNEX: Variant = (
    "Data Processing Terms",
    "This schedule sets out the obligations of the Parties under Article 28 GDPR and forms an "
    "integral part of this Agreement.",
)

FILLERS: dict[str, tuple[Variant, ...]] = {
    "definitions": (
        ("Definitions and Interpretation",
         "In this Agreement:\n– “Data” means the personal health data hosted on behalf of {C};\n"
         "– “Incident” means any event interrupting or degrading the service;\n– “GDPR” means "
         "Regulation (EU) 2016/679 of 27 April 2016."),
        ("Interpretation",
         "Capitalised terms have the meaning given in this clause. “Services” means all the "
         "services described in this Agreement; “Business Day” means Monday to Friday excluding "
         "public holidays in France."),
    ),
    "purpose": (
        ("Purpose",
         "This Agreement sets out the technical, legal and financial terms on which {H} hosts "
         "personal health data on behalf of {C}, pursuant to Article L. 1111-8 of the French "
         "Public Health Code."),
        ("Subject of the Agreement",
         "{C_} entrusts {H} with the hosting of the health data generated by its care and "
         "patient follow-up activities."),
    ),
    "price": (
        ("Charges",
         "The monthly fee is EUR {fee} excluding VAT, payable within forty-five (45) days of the "
         "end of the month. {H_}’s annual accounts are audited by its statutory auditor; {C} has "
         "no right to audit {H}’s accounts or financial records."),
        ("Fees",
         "The fees are set out in the price schedule. They are fixed for the first year and "
         "then revised annually. {H_} shall provide {C} each year with its financial indicators "
         "(revenue, headcount) for information."),
    ),
    "liability": (
        ("Limitation of Liability",
         "Each Party is liable for direct damage only. {H_}’s aggregate liability is capped at "
         "the fees paid in the twenty-four (24) months preceding the claim, except for gross "
         "negligence or breach of its data protection obligations."),
    ),
    "insurance": (
        ("Insurance",
         "{H_} holds professional indemnity insurance covering damage caused to third parties "
         "in the course of its business, up to three million euros per policy year."),
    ),
    "termination": (
        ("Termination for Breach",
         "If a Party commits a material breach that is not remedied within thirty (30) days of "
         "a formal notice, the other Party may terminate this Agreement. On termination, {C} "
         "shall return to {H} the access badges and connection equipment lent to it."),
        ("Early Termination",
         "This Agreement may be terminated early for material breach after a formal notice has "
         "remained unheeded for one (1) month, or if {H} loses its certification."),
    ),
    "law": (
        ("Governing Law",
         "This Agreement is governed by French law. Any dispute not settled amicably shall be "
         "submitted to the competent courts of Paris."),
        ("Law and Jurisdiction",
         "This Agreement and any non-contractual obligation arising out of it are governed by "
         "French law. The Parties submit to the jurisdiction of the courts of Paris."),
    ),
    "onsite": (
        ("Work on Site",
         "{H_}’s staff working on {C}’s premises shall comply with its internal rules and safety "
         "instructions. Access to the premises requires a personal badge issued by {C}."),
    ),
    "confidentiality": (
        ("Commercial Confidentiality",
         "The Parties shall not disclose the financial terms of this Agreement, or the offers "
         "and sales documentation exchanged between them, during its term and for two (2) years "
         "thereafter."),
    ),
    "references": (
        ("Publicity",
         "{H_} may name {C} in its customer reference lists, without further detail, unless {C} "
         "objects in writing."),
    ),
}  # fmt: skip

BOILERPLATE: tuple[Variant, ...] = (
    ("Force Majeure", "Neither Party is liable for a failure caused by force majeure within the "
                      "meaning of Article 1218 of the French Civil Code."),
    ("Assignment", "This Agreement may not be assigned without the other Party’s prior written "
                   "consent."),
    ("Notices", "Notices under this Agreement shall be sent by registered letter to the "
                "addresses stated above."),
    ("Entire Agreement", "This Agreement constitutes the entire agreement of the Parties on its "
                         "subject-matter."),
    ("Waiver", "No failure to enforce a provision shall constitute a waiver of it."),
    ("Governance", "A steering committee meets twice a year to review performance and the "
                   "improvement plan."),
    ("Counterparts", "This Agreement may be executed in counterparts."),
    ("Language", "This Agreement is drawn up in English; the English version prevails."),
)  # fmt: skip

SIGNATURE_LINES = (
    "Executed in {city} on {signature_date} in two (2) counterparts.",
    "IN WITNESS WHEREOF, the Parties have signed this Agreement on {signature_date}.",
    "Signed electronically by the Parties on {signature_date}.",
)
SIGNATURE_BLOCKS = (
    ("For the {Hn}", "{host}", "{host_signatory}, {host_role}"),
    ("For the {Cn}", "{client}", "{client_signatory}, {client_role}"),
)

SLA_TABLES: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...] = (
    ("Quality of Service Commitments",
     "Values measured over the calendar month, excluding planned maintenance.",
     (("Indicator", "Target value", "Guaranteed value", "Measurement frequency", "Penalty"),
      ("Infrastructure availability", "99.9%", "99.7%", "Monthly",
       "3% of the monthly fee per 0.1% shortfall"),
      ("Acknowledgement of a blocking incident", "30 min", "1 h", "Monthly",
       "1% per hour of delay"),
      ("Restoration after a blocking incident", "4 h", "8 h", "Monthly", "2% per hour of delay"),
      ("Restore from backup on request", "4 h", "24 h", "Quarterly", "None"))),
    ("Performance Indicators",
     "Each indicator is calculated by {H} and presented to the steering committee.",
     (("Commitment", "Guaranteed threshold", "Measurement period", "Service credit"),
      ("Service uptime", "99.8%", "Month", "5% of the fee"),
      ("Restoration time (priority 1)", "6 business hours", "Month", "2% per hour"),
      ("Request handling time", "2 business days", "Quarter", "Not applicable"))),
)  # fmt: skip

SUBPROC_TITLES = ("Technical Providers", "Authorised Sub-processors")
SUBPROC_HEADERS = (
    ("Provider", "Role", "Location", "HDS certified"),
    ("Sub-processor", "Activity", "Country / site", "HDS certificate"),
)
OPERATORS = {
    "FR": "Datacentres de l’Ouest SAS", "DE": "Rheinhafen Colocation GmbH",
    "NL": "Zuidas Datacenters B.V.", "BE": "Ardenne Hosting SA", "IE": "Shannon Colo Ltd",
    "ES": "Tajo Centro de Datos S.L.", "IT": "Po Valley Data S.p.A.",
    "LU": "Moselle Datacenter S.A.", "US": "Potomac Data Centers LLC",
}  # fmt: skip


def subprocessor_rows(spec: ContractSpec) -> list[tuple[str, ...]]:
    """One row per storage country, the remote support if any, and the sub-processor without
    HDS certificate when the spec has one."""
    from hdswatch.samples.spec import EEA
    from hdswatch.samples.texts_en import CITIES, COUNTRY_NAMES

    rows: list[tuple[str, ...]] = [
        (OPERATORS.get(code, f"{CITIES[code]} data centre operator"),
         "Physical hosting (activity 1)", f"{CITIES[code]} ({COUNTRY_NAMES[code]})", "Yes")
        for code in spec.storage_countries
    ]  # fmt: skip
    if spec.non_eea_access and all(code in EEA for code in spec.storage_countries):
        rows.append(("Atlas Support Services SARL", "Remote support (activity 5)",
                     "Rabat (Morocco)", "Yes"))  # fmt: skip
    if spec.uncertified_subprocessor:
        first = spec.storage_countries[0]
        city = f"{SECOND_CITIES.get(first, 'Lille')} ({_COUNTRIES.get(first, 'France')})"
        rows.append(("Opsium Managed Services SAS",
                     "Operation of the hosted databases (activity 5)", city,
                     ("No", "Application in progress")[spec.style_seed % 2]))  # fmt: skip
    return rows


AMENDMENTS: tuple[dict[str, tuple[tuple[str, str], ...]], ...] = (
    {
        "body": (("center", "to agreement no. {ref} entered into on {signature_date} between "
                            "{host} and {client}"),
                 ("heading", "1. Amendment of the Term")),
        "end": (("para", "{art} {term_article} of the Agreement is supplemented as follows: "
                         "“By way of exception, the current contractual period shall end on "
                         "{new_end}.”"),),
        "notice": (("para", "The notice period referred to in {art} {term_article} is now "
                            "{new_notice}."),),
        "close": (("heading", "2. Effect"),
                  ("para", "This amendment takes effect on the date of its signature. All other "
                           "terms of the Agreement remain unchanged."),
                  ("para", "Signed in {city} on {amendment_date}.")),
    },
    {
        "body": (("para", "Between {host} and {client}, it is agreed to amend {art} "
                          "{term_article} (“{term_heading}”) of the agreement signed on "
                          "{signature_date} as follows:"),),
        "end": (("item", "– The current term shall end on {new_end}."),),
        "notice": (("item", "– The notice period is extended to {new_notice}."),),
        "close": (("para", "All other terms remain in force. Signed in {city} on "
                           "{amendment_date}, in two counterparts."),),
    },
)  # fmt: skip
