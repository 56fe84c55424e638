#!/usr/bin/env python3
"""The HTML run report in a real browser (headless Chromium through Selenium).

Runs rfcheck against fault_ftpd, launched from a profile with two faults (NOOP answers 250,
TYPE I RETR corrupts a byte), writing --report html and --report markdown; then opens the page
from file:// and checks what a unit test cannot: the inline script runs without a console
error under the page's Content-Security-Policy, the verdict and text filters really hide rows,
#case-<id> shows and opens that case even when a filter had hidden it, and at phone width
nothing overflows sideways. Saves screenshots to --artifacts and prints their paths.

Usage: html_browser_test.py --rfcheck BIN --fault-ftpd BIN --artifacts DIR
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

# The cases run: enough to have passes and failures, few enough to take seconds.
CASES = ["ftp.noop", "ftp.retr", "ftp.type", "ftp.pwd"]
FAULTS = ["wrong-code", "type-i-corrupt"]


def fail(message):
    print(f"html_browser_test: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def run_rfcheck(rfcheck, fault_ftpd, work, html, markdown):
    faults = "".join(f', "--fault", "{f}"' for f in FAULTS)
    profile = work / "fault-ftpd.yaml"
    profile.write_text(f"""name: fault-ftpd
protocol: ftp
host: 127.0.0.1
port: auto
credentials: {{user: alice, password: s3cret}}
vars: {{policy.login_required: "yes", policy.confined_root: "yes"}}
launch:
  command: ["{fault_ftpd}", "--host", "{{host}}", "--port", "{{port}}", "--root", "{{root}}",
            "--user", "alice", "--password", "s3cret"{faults}]
  root: root
  ready: {{timeout: 5s}}
""")
    args = [rfcheck, "run", "-q", "--target", str(profile), "--jobs", "2",
            "--report", f"html:{html}", "--report", f"markdown:{markdown}"]
    for prefix in CASES:
        args += ["--id", prefix]
    done = subprocess.run(args, cwd=work, capture_output=True, text=True, timeout=120)
    # 1: the faults failed MUST cases, as they should; anything else is not this test's run.
    if done.returncode != 1:
        fail(f"rfcheck exited {done.returncode}, expected 1:\n{done.stdout}\n{done.stderr}")
    if f"]({html.name}#case-" not in markdown.read_text():
        fail(f"the Markdown report does not link to {html.name}#case-<id>:\n{markdown.read_text()}")


def browser():
    driver_path = shutil.which("chromedriver")
    if not driver_path:
        fail("no chromedriver: run scripts/install-deps.sh (chromium chromium-driver python3-selenium)")
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600"]:
        options.add_argument(arg)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver_path), options=options)


def visible_cases(driver):
    return [e for e in driver.find_elements(By.CSS_SELECTOR, ".case") if e.is_displayed()]


def check_filters(driver, total):
    form = driver.find_element(By.ID, "filters")
    if not form.is_displayed():
        fail("the filter form is still hidden: the script did not run")
    if len(visible_cases(driver)) != total:
        fail(f"{len(visible_cases(driver))} of {total} cases visible before any filter")
    Select(form.find_element(By.NAME, "verdict")).select_by_value("fail")
    failed = visible_cases(driver)
    if not 0 < len(failed) < total:
        fail(f"verdict=fail left {len(failed)} of {total} cases visible")
    if any(e.get_attribute("data-verdict") != "fail" for e in failed):
        fail("verdict=fail left a case that did not fail visible")
    shown = driver.find_element(By.ID, "shown").text
    if shown != f"{len(failed)} of {total} cases shown":
        fail(f"the count says '{shown}'")
    Select(form.find_element(By.NAME, "verdict")).select_by_value("")
    form.find_element(By.NAME, "text").send_keys("binary-exact")
    matching = visible_cases(driver)
    if not 0 < len(matching) < total or any("binary-exact" not in e.text for e in matching):
        fail(f"text 'binary-exact' left {len(matching)} of {total} cases visible")
    form.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    WebDriverWait(driver, 5).until(lambda d: len(visible_cases(d)) == total)
    return len(failed)


# A link to a case hidden by a filter still shows it, with its transcript open.
def check_anchor(driver, url):
    article = driver.find_element(By.CSS_SELECTOR, "article.case[data-verdict=fail]")
    anchor = article.get_attribute("id")
    Select(driver.find_element(By.NAME, "verdict")).select_by_value("pass")
    if article.is_displayed():
        fail("verdict=pass did not hide a failed case")
    driver.get(f"{url}#{anchor}")
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, anchor).is_displayed())
    details = driver.find_element(By.CSS_SELECTOR, f"[id='{anchor}'] details.transcript")
    if details.get_attribute("open") is None:
        fail(f"#{anchor} did not open the case's transcript")
    if not details.find_element(By.CSS_SELECTOR, "tr.sent").is_displayed():
        fail(f"#{anchor}: the transcript's commands are not visible")
    return anchor


def check_console(driver):
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    if severe:
        fail("console errors:\n" + "\n".join(e.get("message", "") for e in severe))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rfcheck", required=True)
    parser.add_argument("--fault-ftpd", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    artifacts = pathlib.Path(args.artifacts).resolve()
    artifacts.mkdir(parents=True, exist_ok=True)
    html, markdown = artifacts / "html-report.html", artifacts / "html-report.md"
    with tempfile.TemporaryDirectory() as tmp:
        # rfcheck runs in the temporary folder: the binaries by absolute path.
        run_rfcheck(str(pathlib.Path(args.rfcheck).resolve()),
                    str(pathlib.Path(args.fault_ftpd).resolve()), pathlib.Path(tmp), html, markdown)
    url = html.as_uri()
    driver = browser()
    try:
        driver.get(url)
        total = len(driver.find_elements(By.CSS_SELECTOR, ".case"))
        failed = check_filters(driver, total)
        anchor = check_anchor(driver, url)
        check_console(driver)
        driver.save_screenshot(str(artifacts / "html-report.png"))
        driver.set_window_size(390, 844)  # a phone
        driver.get(url)
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            fail(f"at phone width the page is {overflow} px wider than the screen")
        driver.save_screenshot(str(artifacts / "html-report-phone.png"))
        check_console(driver)
    except WebDriverException as e:
        fail(f"WebDriver: {e}")
    finally:
        driver.quit()
    print(f"html_browser_test: {total} cases, {failed} failed; filters and #{anchor} work; "
          f"no console error")
    print(f"report: {html}")
    print(f"screenshot: {artifacts / 'html-report.png'}")
    print(f"screenshot (phone): {artifacts / 'html-report-phone.png'}")


if __name__ == "__main__":
    main()
