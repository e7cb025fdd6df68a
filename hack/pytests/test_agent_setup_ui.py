"""Drives the Agent Setup UI (`/ui/provisioning`) in Debian's headless Chromium, through the proxy.

Run: `.venv/bin/pytest hack/pytests/test_agent_setup_ui.py` (needs the `gws_cluster` fixture of
conftest.py, `selenium` from requirements.txt, and `/usr/bin/chromium` + `/usr/bin/chromedriver`
from Debian's `chromium` and `chromium-driver`, which hack/prereqs.sh installs). Selenium is pointed
at those binaries, so Selenium Manager never downloads anything. `GWS_CHROMIUM` and
`GWS_CHROMEDRIVER` override the paths.

The journey: a wrong password shows an error; the demo tenant's admin signs in, lists users,
creates one and finds it in the list; a duplicate shows the API's message; after signing out, the
new (non-admin) user signs in and is refused user creation. Along the way: the token is kept out
of localStorage, sessionStorage and cookies, and the strict Content-Security-Policy blocks nothing
the app needs.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -r hack/pytests/requirements.txt)")

from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = Path(os.environ.get("GWS_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("GWS_CHROMEDRIVER", "/usr/bin/chromedriver"))
WAIT_SECONDS = 20


@pytest.fixture(scope="module")
def browser_binaries() -> tuple[Path, Path]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        pytest.skip(
            f"headless Chromium not installed ({', '.join(missing)} missing): "
            "apt-get install -y chromium chromium-driver (hack/prereqs.sh does)"
        )
    return CHROMIUM, CHROMEDRIVER


@pytest.fixture
def browser(browser_binaries, monkeypatch):
    """A headless Chromium driven through Debian's chromedriver, closed after the test."""
    chromium, chromedriver = browser_binaries
    monkeypatch.setenv("SE_OFFLINE", "true")  # never let Selenium Manager reach the network
    options = Options()
    options.binary_location = str(chromium)
    for argument in (
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--no-first-run",
        "--password-store=basic",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(chromedriver)), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


class AgentSetupPage:
    """The Agent Setup app in `driver`, by its element ids."""

    def __init__(self, driver, url: str) -> None:
        self.driver = driver
        self.url = url

    def wait(self, condition, message: str, timeout: float = WAIT_SECONDS):
        try:
            return WebDriverWait(self.driver, timeout).until(lambda _: condition(), message)
        except TimeoutException:
            raise AssertionError(f"{message}\n{self.describe()}") from None

    def describe(self) -> str:
        """What the page shows, for failure messages."""
        texts = {
            name: self.text(name)
            for name in ("sign-in-error", "users-error", "users-summary", "create-error", "create-status")
        }
        return f"url={self.driver.current_url} {texts} rows={self.user_names()} console={self.console()}"

    def el(self, element_id: str):
        return self.driver.find_element(By.ID, element_id)

    def text(self, element_id: str) -> str:
        return self.el(element_id).text.strip()

    def shown(self, element_id: str) -> bool:
        return self.el(element_id).is_displayed()

    def fill(self, element_id: str, value: str) -> None:
        field = self.el(element_id)
        field.clear()
        field.send_keys(value)

    def console(self) -> list[str]:
        try:
            return [entry.get("message", "") for entry in self.driver.get_log("browser")]
        except Exception:  # noqa: BLE001 (logs are a diagnostic only)
            return []

    def open(self) -> None:
        self.driver.get(self.url)
        self.wait(
            lambda: self.driver.execute_script("return document.documentElement.dataset.ready") == "true",
            "app.js did not start (blocked by the Content-Security-Policy, or not served?)",
        )

    def sign_in(self, tenant: str, username: str, password: str) -> None:
        self.wait(lambda: self.shown("sign-in-view"), "the sign-in form is not shown")
        self.fill("sign-in-tenant", tenant)
        self.fill("sign-in-username", username)
        self.fill("sign-in-password", password)
        self.el("sign-in-submit").click()

    def sign_out(self) -> None:
        self.el("sign-out").click()
        self.wait(lambda: self.shown("sign-in-view") and not self.shown("users-view"), "sign-out did not return to the sign-in form")

    def wait_signed_in(self, username: str) -> None:
        self.wait(
            lambda: self.shown("users-view") and username in self.text("session-user"),
            f"{username} did not get signed in",
        )
        self.wait_list_settled()

    def wait_list_settled(self) -> None:
        """Waits until the user list has an answer: a summary or an error."""
        self.wait(
            lambda: self.el("users-table").get_attribute("aria-busy") == "false"
            and (self.text("users-summary") or self.text("users-error")),
            "the user list never loaded",
        )

    def user_rows(self) -> dict[str, list[str]]:
        """The listed users: userName → the row's cells."""
        rows = {}
        for row in self.driver.find_elements(By.CSS_SELECTOR, "#users-body tr[data-user-name]"):
            cells = [cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td")]
            rows[row.get_attribute("data-user-name")] = cells
        return rows

    def user_names(self) -> list[str]:
        try:
            return list(self.user_rows())
        except Exception:  # noqa: BLE001 (diagnostic only)
            return []

    def filter_by(self, name: str) -> None:
        self.fill("filter-name", name)
        self.el("filter-apply").click()
        self.wait(lambda: name in self.text("users-summary") or self.text("users-error"), f"filtering by {name} did not finish")
        self.wait_list_settled()

    def create_user(self, user: dict[str, str]) -> None:
        for field, element_id in (
            ("userName", "create-username"),
            ("firstName", "create-firstname"),
            ("lastName", "create-lastname"),
            ("password", "create-password"),
            ("employeeId", "create-employeeid"),
        ):
            self.fill(element_id, user[field])
        self.el("create-submit").click()
        self.wait(
            lambda: self.text("create-status") or self.text("create-error"),
            f"creating {user['userName']} got no answer",
        )

    def storage(self) -> dict:
        return self.driver.execute_script(
            "return {local: localStorage.length, session: sessionStorage.length, cookie: document.cookie};"
        )


def test_admin_lists_and_creates_users_and_a_non_admin_is_refused(gws_cluster, browser):
    credentials = gws_cluster.credentials
    tenant = credentials["tenant"]
    admin = credentials["admin"]
    page = AgentSetupPage(browser, f"{gws_cluster.proxy_url}/ui/provisioning/")
    page.open()

    # A wrong password is refused with a message, and nothing else shows.
    page.sign_in(tenant, admin["username"], admin["password"] + "-wrong")
    page.wait(lambda: page.text("sign-in-error"), "a wrong password showed no error")
    assert "fail" in page.text("sign-in-error").lower()
    assert not page.shown("users-view")

    # The admin signs in and sees the tenant's users, admin included.
    page.sign_in(tenant, admin["username"], admin["password"])
    page.wait_signed_in(admin["username"])
    assert page.text("users-error") == "", page.describe()
    assert page.text("sign-in-error") == ""
    rows = page.user_rows()
    assert admin["username"] in rows, page.describe()
    assert page.storage() == {"local": 0, "session": 0, "cookie": ""}, "the token must live in memory only"


    # Create a user; the list refreshes; filtering finds it with its fields.
    suffix = secrets.token_hex(4)
    user = {
        "userName": f"ui-{suffix}",
        "firstName": "Ada",
        "lastName": f"Setup{suffix}",
        "password": f"Pw-{secrets.token_urlsafe(12)}",
        "employeeId": f"UI{suffix}",
    }
    page.create_user(user)
    assert page.text("create-error") == "", page.describe()
    assert user["userName"] in page.text("create-status")
    page.wait_list_settled()
    assert page.el("create-username").get_attribute("value") == "", "the form is cleared after a creation"

    # Paging: 5 a page; the demo tenant's admin, six agents and the new user make two pages.
    Select(page.el("page-size")).select_by_value("5")
    page.wait(lambda: page.text("users-summary").startswith("Users 1–5 of "), "the page size did not change")
    total = int(page.text("users-summary").rsplit(" ", 1)[-1])
    assert total >= 8, page.describe()
    assert len(page.user_rows()) == 5
    assert not page.el("page-prev").is_enabled() and page.el("page-next").is_enabled()
    first_page = set(page.user_rows())
    page.el("page-next").click()
    page.wait(lambda: page.text("users-summary").startswith("Users 6–"), "Next did not show the second page")
    assert page.el("page-prev").is_enabled()
    assert page.user_rows() and not first_page & set(page.user_rows()), "the second page shows other users"
    page.el("page-prev").click()
    page.wait(lambda: page.text("users-summary").startswith("Users 1–5 "), "Previous did not show the first page")
    page.filter_by(user["userName"])
    page.wait(lambda: user["userName"] in page.user_rows(), f"{user['userName']} is not listed after its creation")
    assert page.user_rows()[user["userName"]] == [user["userName"], user["firstName"], user["lastName"], user["employeeId"]]
    assert admin["username"] not in page.user_rows(), "the filter keeps only matching users"

    # The same userName again: the API's message is shown.
    page.create_user({**user, "employeeId": f"UX{suffix}"})
    page.wait(lambda: page.text("create-error"), "a duplicate userName showed no error")
    assert "not created" in page.text("create-error")
    assert len(page.text("create-error")) > len("The user was not created: "), "the API's message is shown"

    page.sign_out()
    assert page.user_names() == []
    assert page.text("session-user") == "" or not page.shown("session")

    # The new user is no admin: signing in works, managing users does not.
    page.sign_in(tenant, user["userName"], user["password"])
    page.wait_signed_in(user["userName"])
    listing_refused = "not allowed" in page.text("users-error").lower()
    if not listing_refused:
        assert page.text("users-error") == "", page.describe()
    page.create_user(
        {
            "userName": f"ui-denied-{suffix}",
            "firstName": "No",
            "lastName": "Admin",
            "password": f"Pw-{secrets.token_urlsafe(12)}",
            "employeeId": f"UD{suffix}",
        }
    )
    page.wait(lambda: page.text("create-error"), "a non-admin's creation was not refused")
    assert "not allowed" in page.text("create-error").lower(), page.describe()
    assert page.text("create-status") == ""

    page.sign_out()

    # The strict Content-Security-Policy blocked nothing the app needs.
    violations = [line for line in page.console() if "Content Security Policy" in line]
    assert violations == []


def test_the_ui_is_served_with_a_strict_content_security_policy(gws_cluster):
    import urllib.request

    with urllib.request.urlopen(f"{gws_cluster.proxy_url}/ui/provisioning/", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/html")
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
