"""End to end in Debian's headless Chromium (Selenium with the system chromedriver) against the
application served by uvicorn on 127.0.0.1: log in, filter the queue, open a finding, see the
highlight on the page image, mark it wrong with a reason; then the registry and the access log.
A DPO of another establishment cannot reach the contract by the queue, its URL or the API.

Set ``HDSWATCH_SCREENSHOTS=DIR`` to keep screenshots of the queue and the contract page."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hdswatch.registry.accounts import AccessLog
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Contract, Establishment, Finding, ReviewDecision
from hdswatch.web.app import create_app

from .conftest import PASSWORD, SECRET, TODAY, World, copy_of

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and shutil.which(CHROMEDRIVER)),
    reason="chromium / chromium-driver absents (make system-deps)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def mine(world: World, tmp_path_factory: pytest.TempPathFactory) -> World:
    """The world on its own copy of the registry: the decisions taken here stay here."""
    return World(copy_of(world, tmp_path_factory.mktemp("browser")), world.pdfs)


@pytest.fixture(scope="module")
def base_url(mine: World) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(mine.settings, SECRET, today=TODAY)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,1000"):
        options.add_argument(arg)
    options.add_argument("--lang=fr-FR")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()


def log_in(driver, base_url: str, login: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.get(f"{base_url}/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    assert driver.find_element(By.ID, "current-user").text.startswith(login)


def wait_for_url(driver, part: str) -> None:  # type: ignore[no-untyped-def]
    """After a click that navigates: wait for the new page, so no element of the old one is read."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(
        lambda d: (
            part in d.current_url and d.execute_script("return document.readyState") == "complete"
        )
    )


def contract_of(world: World, code: str) -> int:
    with session_scope(world.settings.db_url) as s:
        return int(
            s.scalar(select(Contract.id).join(Establishment).where(Establishment.code == code))
        )


def shoot(driver, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("HDSWATCH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / name))


def test_review_a_finding_in_the_browser(mine: World, base_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser
    chb, pdt = contract_of(mine, "CHB"), contract_of(mine, "PDT")
    log_in(driver, base_url, "rssi")
    assert driver.find_element(By.TAG_NAME, "h1").text == "File de revue"
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
    assert [r.get_attribute("data-contract") for r in rows] == [str(chb), str(pdt)]
    Select(driver.find_element(By.ID, "f-establishment")).select_by_value("CHB")
    driver.find_element(By.ID, "apply-filters").click()
    wait_for_url(driver, "establishment=CHB")
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
    assert [r.get_attribute("data-contract") for r in rows] == [str(chb)]
    Select(driver.find_element(By.ID, "f-establishment")).select_by_value("")
    driver.find_element(By.ID, "apply-filters").click()
    wait_for_url(driver, "establishment=&")
    shoot(driver, "review-queue.png")

    driver.find_element(By.CSS_SELECTOR, f'#queue a[href="/contracts/{chb}"]').click()
    wait_for_url(driver, f"/contracts/{chb}")
    assert driver.find_element(By.ID, "contract-title").text
    with session_scope(mine.settings.db_url) as s:
        finding = s.scalars(
            select(Finding).where(
                Finding.contract_id == chb, Finding.code == "non_compliant:hosting_locations"
            )
        ).one()
        finding_id, page = finding.id, finding.page
    driver.find_element(By.CSS_SELECTOR, f'a[data-finding="{finding_id}"]').click()
    wait_for_url(driver, f"finding={finding_id}")
    assert driver.find_element(By.ID, "finding-code").text == "non_compliant:hosting_locations"
    image = driver.find_element(By.ID, "page-image")
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return arguments[0].complete", image)
    )
    loaded = driver.execute_script(
        "const i = arguments[0]; return i.complete && i.naturalWidth;", image
    )
    assert loaded == 893  # A4 at 1.5 pixel per point
    highlights = driver.find_elements(By.CSS_SELECTOR, "#sheet .highlight")
    assert highlights and all(h.is_displayed() for h in highlights)
    box, sheet = highlights[0].rect, image.rect
    assert sheet["x"] <= box["x"] and box["x"] + box["width"] <= sheet["x"] + sheet["width"]
    assert sheet["y"] <= box["y"] and box["y"] + box["height"] <= sheet["y"] + sheet["height"]
    assert box["width"] > 20 and box["height"] > 8
    driver.set_window_size(1440, 1500)
    driver.execute_script("window.scrollTo(0, 0)")
    shoot(driver, "review-contract.png")
    driver.set_window_size(1440, 1000)

    driver.find_element(By.CSS_SELECTOR, "#wrong-box summary").click()
    Select(driver.find_element(By.ID, "correct-status")).select_by_value("present")
    page_field = driver.find_element(By.ID, "correct-page")
    page_field.clear()
    page_field.send_keys(str(page))
    driver.find_element(By.ID, "reason").send_keys(
        "Les lieux d’hébergement sont en France (art. 7)."
    )
    driver.find_element(By.ID, "submit-wrong").click()
    wait_for_url(driver, "saved=1")
    assert driver.find_element(By.ID, "saved").text == "Décision enregistrée."
    assert driver.find_element(By.ID, "finding-state").text == "résolu"

    with session_scope(mine.settings.db_url) as s:
        decision = s.scalars(
            select(ReviewDecision).where(
                ReviewDecision.finding_id == finding_id, ReviewDecision.decided_by == "rssi"
            )
        ).one()
        assert (decision.decision, decision.decided_by) == ("false_positive", "rssi")
        assert (decision.correct_status, decision.page) == ("present", page)
        assert decision.comment == (
            f"statut correct / correct status: present ; page {page} ; "
            "motif / reason: Les lieux d’hébergement sont en France (art. 7)."
        )
        assert s.get(Finding, finding_id).state == "resolved"  # type: ignore[union-attr]
        trail = s.execute(
            select(AccessLog.action, AccessLog.contract_id)
            .where(AccessLog.login == "rssi")
            .order_by(AccessLog.id)
        ).all()
    assert ("view_contract", chb) in trail and ("view_page", chb) in trail
    decided = trail.index(("decision_wrong", chb))
    assert ("view_contract", chb) in trail[decided:]  # the page shown again after the decision


def test_the_dashboard_draws_the_deadlines(mine: World, base_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver = browser
    log_in(driver, base_url, "rssi")
    driver.find_element(By.CSS_SELECTOR, 'nav a[href="/dashboard"]').click()
    wait_for_url(driver, "/dashboard")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Tableau de bord"
    chart = driver.find_element(By.ID, "timeline")
    assert chart.is_displayed() and chart.rect["width"] > 800 and chart.rect["height"] > 150
    markers = driver.find_elements(By.CSS_SELECTOR, "#timeline circle.marker")
    rows = driver.find_elements(By.CSS_SELECTOR, "#deadlines tbody tr")
    assert len(markers) == len(rows) > 0 and all(m.is_displayed() for m in markers)
    inside = chart.rect
    for marker in markers:
        box = marker.rect
        assert inside["x"] <= box["x"] and box["x"] + box["width"] <= inside["x"] + inside["width"]
    bars = driver.find_elements(By.CSS_SELECTOR, "#bars rect")
    assert bars and all(b.rect["width"] > 0 for b in bars)
    driver.set_window_size(1440, 1250)
    shoot(driver, "review-dashboard.png")
    driver.set_window_size(1440, 1000)
    # keyboard: a marker is a link that takes the focus and opens its contract with Enter
    from selenium.webdriver.common.keys import Keys

    first = driver.find_element(By.CSS_SELECTOR, "#timeline a")
    href = first.get_dom_attribute("href")
    assert href is not None and href.startswith("/contracts/")
    focused = driver.execute_script(
        "arguments[0].focus(); return document.activeElement === arguments[0];", first
    )
    assert focused is True
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for_url(driver, href)
    assert driver.find_element(By.ID, "contract-title").text


def test_a_dpo_cannot_reach_another_establishment(mine: World, base_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver = browser
    chb, pdt = contract_of(mine, "CHB"), contract_of(mine, "PDT")
    log_in(driver, base_url, "dpo.pdt")
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
    assert [r.get_attribute("data-contract") for r in rows] == [str(pdt)]
    options = driver.find_elements(By.CSS_SELECTOR, "#f-establishment option")
    assert [o.get_attribute("value") for o in options] == ["", "PDT"]
    driver.get(f"{base_url}/contracts/{chb}")
    assert "introuvable" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(f"{base_url}/api/contracts/{chb}")
    assert "introuvable" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(f"{base_url}/api/contracts")
    assert f'"id":{pdt}' in driver.page_source and f'"id":{chb}' not in driver.page_source
    with session_scope(mine.settings.db_url) as s:
        denied = s.execute(
            select(AccessLog.contract_id, AccessLog.detail).where(
                AccessLog.login == "dpo.pdt", AccessLog.action == "denied"
            )
        ).all()
    assert denied == [(chb, "page"), (chb, "api")]
