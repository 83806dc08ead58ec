#!/usr/bin/env python3
"""Opens every page a role reaches in headless Chromium at 390 px wide (a phone) and at 1280 px, and fails when a
page scrolls sideways on the phone or axe-core finds a serious or critical accessibility problem (WCAG 2.1 AA).

Usage: SROI_URL=http://127.0.0.1:8080 SROI_PASSWORD=... python3 scripts/phone-check.py EMAIL [EMAIL ...]
Needs Debian's chromium and chromium-driver, and `pip install selenium axe-selenium-python`.
"""
import os
import re
import sys
import time

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base = os.environ.get("SROI_URL", "http://127.0.0.1:8080").rstrip("/")
password = os.environ["SROI_PASSWORD"]
# Besides every page in the role's menu.
EXTRA = ["/policy/text", "/management/print", "/contracts/new", "/vacatures/nieuw", "/succesverhalen", "/sociale-ondernemingen/eigen"]
DETAIL = re.compile(r'^/contracts/[0-9A-F-]{36}(/(reports|placements|meetings)/[0-9A-F-]{36}|/annex|/imports/hours|/placements/new|/activities/new|/edit|/brainstorm|/target)?$')
# Vacancies and candidates, linked from their lists.
MATCHING = re.compile(r'^/(vacatures/[0-9A-F-]{36}|kandidaten/K-[0-9A-Z]{8})$')


def browser(width):
    options = webdriver.ChromeOptions()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    if width < 500:
        # Chromium's window cannot be narrower than 500 px; a phone is emulated instead.
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": 844, "pixelRatio": 1}})
    else:
        options.add_argument(f"--window-size={width},1000")
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def login(d, email):
    d.get(base + "/login")
    d.find_element(By.ID, "email").send_keys(email)
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    for _ in range(50):
        if "/login" not in d.current_url:
            return
        time.sleep(0.1)
    raise SystemExit(f"{email}: could not log in")


def pages(d):
    """The pages of the role's menu, and every contract, report, placement and meeting linked from the contract pages."""
    d.get(base + "/")
    menu = [h for h in (a.get_attribute("href") or "" for a in d.find_elements(By.CSS_SELECTOR, "header a")) if h.startswith(base)]
    found = []
    for path in dict.fromkeys(["/"] + [h.replace(base, "") for h in menu] + EXTRA):
        d.get(base + path)
        if "Pagina niet gevonden" in d.page_source or "Geen toegang" in d.page_source:
            continue
        found.append(path)
    d.get(base + "/contracts")
    contracts = sorted({h for h in (a.get_attribute("href").replace(base, "") for a in d.find_elements(By.CSS_SELECTOR, "a")) if DETAIL.match(h)})
    for c in contracts[:12]:
        found.append(c)
        d.get(base + c)
        found += sorted({h for h in (a.get_attribute("href").replace(base, "") for a in d.find_elements(By.CSS_SELECTOR, "a")) if DETAIL.match(h) and h != c})[:6]
    for listing in ["/vacatures", "/kandidaten"]:
        d.get(base + listing)
        found += sorted({h for h in (a.get_attribute("href").replace(base, "") for a in d.find_elements(By.CSS_SELECTOR, "a")) if MATCHING.match(h)})[:4]
    return list(dict.fromkeys(found))


failures = []
for email in sys.argv[1:]:
    phone = browser(390)
    wide = browser(1280)
    try:
        login(phone, email)
        login(wide, email)
        visited = pages(wide)
        for path in visited:
            phone.get(base + path)
            sideways = phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if sideways > 1:
                failures.append(f"{email} {path}: scrolls {sideways} px sideways at 390 px")
            wide.get(base + path)
            axe = Axe(wide)
            axe.inject()
            result = wide.execute_script("return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})")
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    failures.append(f"{email} {path}: {v['id']} ({v['impact']}) on {len(v['nodes'])} element(s): {v['help']}")
        print(f"{email}: {len(visited)} pages at 390 and 1280 px")
    finally:
        phone.quit()
        wide.quit()

for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
