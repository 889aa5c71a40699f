"""The screenshots of docs/ (queue, contract page with a highlighted clause, dashboard), taken in
Debian's headless Chromium on a registry of generated contracts: the three demo contracts and
ten of the development set, spread over four establishments.

    .venv/bin/python tests/hdswatch/web/screenshots.py docs/

Not a test: a script run by hand when the pages change (about two minutes).
"""

from __future__ import annotations

import json
import socket
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path[:0] = [str(REPO / "plugins"), str(REPO)]

from hdswatch import pipeline  # noqa: E402
from hdswatch.registry.db import session_scope  # noqa: E402
from hdswatch.samples import demo_specs, write_contract_pdf  # noqa: E402
from hdswatch.samples.devset import devset_specs  # noqa: E402
from hdswatch.settings import Settings  # noqa: E402
from hdswatch.web.app import create_app  # noqa: E402
from hdswatch.web.users import add_user  # noqa: E402

TODAY = date(2026, 11, 29)
SECRET = "screenshots-" + "x" * 40
PASSWORD = "mot de passe de démonstration"
ESTABLISHMENTS = """
establishments:
  - {code: CHB, name: Centre hospitalier de Bellecombe, dpo: {email: dpo@chb.example}}
  - {code: CHM, name: Centre hospitalier de Montclar, dpo: {email: dpo@chm.example}}
  - {code: CSR, name: Clinique Saint-Roch, dpo: {email: dpo@csr.example}}
  - {code: PDT, name: Polyclinique des Tilleuls, dpo: {email: dpo@pdt.example}}
"""
DEVSET_PICKS = (3, 9, 11, 12, 13, 14, 16, 26, 31, 36)  # contracts with deadlines ahead
CODES = ("CHB", "CHM", "CSR", "PDT")


def build(home: Path) -> Settings:
    from hdswatch.report import extract_file

    (home / "establishments.yaml").write_text(ESTABLISHMENTS, "utf-8")
    settings = Settings.from_env(
        {
            "HDSWATCH_HOME": str(home),
            "HDSWATCH_DB_URL": f"sqlite:///{home / 'registry.db'}",
            "HDSWATCH_ESTABLISHMENTS": str(home / "establishments.yaml"),
        }
    )
    pipeline.prepare(settings)
    devset = devset_specs()
    specs = list(demo_specs(TODAY)) + [
        replace(devset[i], establishment=CODES[n % len(CODES)]) for n, i in enumerate(DEVSET_PICKS)
    ]
    for spec in specs:
        pdf = write_contract_pdf(spec, home / "contracts" / f"{spec.name}.pdf")
        staged = home / "staging" / f"{spec.name}.extraction.json"
        staged.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "path": str(pdf),
            "establishment": spec.establishment,
            "folder": None,
            "size_bytes": pdf.stat().st_size,
            "extraction": extract_file(pdf).to_dict(),
        }
        staged.write_text(json.dumps(payload), "utf-8")
        pipeline.store(pipeline.validate(str(staged), TODAY, settings), TODAY, settings)
        print(f"  {spec.establishment} {pdf.name}", flush=True)
    with session_scope(settings.db_url) as session:
        add_user(session, "c.martin", PASSWORD, role="rssi", name="Claire Martin")
    return settings


def shoot(settings: Settings, out: Path) -> None:
    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from sqlalchemy import select

    from hdswatch.registry.models import Contract, Establishment, Finding

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(settings, SECRET, today=TODAY)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--lang=fr-FR"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    base = f"http://127.0.0.1:{port}"
    try:
        driver.set_window_size(1440, 1000)
        driver.get(f"{base}/login")
        driver.find_element(By.ID, "login").send_keys("c.martin")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        driver.find_element(By.ID, "current-user")
        driver.get(f"{base}/")
        driver.save_screenshot(str(out / "review-queue.png"))
        with session_scope(settings.db_url) as session:
            finding = session.scalars(
                select(Finding)
                .join(Contract, Contract.id == Finding.contract_id)
                .join(Establishment)
                .where(
                    Establishment.code == "CHB",
                    Finding.code == "non_compliant:hosting_locations",
                )
            ).first()
            assert finding is not None
            contract_id, finding_id = finding.contract_id, finding.id
        driver.set_window_size(1440, 1500)
        driver.get(f"{base}/contracts/{contract_id}?finding={finding_id}")
        image = driver.find_element(By.ID, "page-image")
        while not driver.execute_script("return arguments[0].complete", image):
            time.sleep(0.05)
        driver.save_screenshot(str(out / "review-contract.png"))
        driver.set_window_size(1440, 1250)
        driver.get(f"{base}/dashboard")
        driver.save_screenshot(str(out / "review-dashboard.png"))
    finally:
        driver.quit()
        server.should_exit = True
        thread.join(10)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs").absolute()
    with tempfile.TemporaryDirectory(prefix="hdswatch-screens-") as home:
        print("registre / registry:", flush=True)
        settings = build(Path(home))
        shoot(settings, out)
    print(f"captures / screenshots: {out}")


if __name__ == "__main__":
    main()
