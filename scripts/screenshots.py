#!/usr/bin/env python3
"""Takes screenshots of every page of a running sroi in headless Chromium, to look at them.

Usage: SROI_URL=http://127.0.0.1:8080 SROI_EMAIL=coordinator@voorbeeldstad.nl SROI_PASSWORD=... \
       python3 scripts/screenshots.py [OUT_DIR]
Needs Debian's chromium and chromium-driver and `pip install selenium`.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base = os.environ.get("SROI_URL", "http://127.0.0.1:8080").rstrip("/")
email = os.environ["SROI_EMAIL"]
password = os.environ["SROI_PASSWORD"]
out = sys.argv[1] if len(sys.argv) > 1 else "screenshots"
os.makedirs(out, exist_ok=True)

options = webdriver.ChromeOptions()
options.add_argument("--headless=new")
options.add_argument("--no-sandbox")
options.add_argument("--window-size=1280,1000")
options.binary_location = "/usr/bin/chromium"
# Debian's driver: no download by Selenium Manager.
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
try:
    driver.get(base + "/login")
    driver.save_screenshot(os.path.join(out, "login.png"))
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    pages = [("dashboard", "/"), ("contracts", "/contracts"), ("portfolio", "/portfolio"), ("policy", "/policy"),
             ("new-contract", "/contracts/new")]
    for name, path in pages:
        driver.get(base + path)
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1280, max(1000, height + 100))
        driver.save_screenshot(os.path.join(out, name + ".png"))
    # The first contract of the list, and the form with an error next to a field.
    driver.get(base + "/contracts")
    links = driver.find_elements(By.CSS_SELECTOR, "table a")
    if links:
        links[0].click()
        driver.save_screenshot(os.path.join(out, "contract.png"))
    driver.get(base + "/contracts/new")
    driver.find_element(By.ID, "f-value").send_keys("twaalf")
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    driver.save_screenshot(os.path.join(out, "contract-form-errors.png"))
    print("screenshots in", out)
finally:
    driver.quit()
