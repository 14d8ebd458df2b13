"""A person's view of the demo site in a real headless Chromium against `parley serve`."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def browser_page(live_parley):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page()
        page.hosts = set()
        page.problems = []
        page.on("request", lambda request: page.hosts.add(urlsplit(request.url).netloc))
        page.on(
            "console",
            lambda message: (
                message.type in {"error", "warning"} and page.problems.append(message.text)
            ),
        )
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        yield page
        browser.close()


def test_home_then_a_post_as_a_reader_sees_them(live_parley, browser_page):
    page = browser_page
    own_host = urlsplit(live_parley.url).netloc

    page.goto(live_parley.url + "/")
    assert page.locator(".site-name").inner_text() == "Parley"
    nav = page.locator("nav[aria-label=Main]").inner_text()
    assert "Home" in nav and "Blog" in nav
    assert page.get_by_role(
        "link", name="Fitting a bike so your knees stop complaining"
    ).is_visible()
    first_date = page.locator("article time").first.inner_text()
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", first_date), first_date

    page.get_by_role("link", name="Fitting a bike so your knees stop complaining").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Fitting a bike so your knees stop complaining"
    assert page.locator("nav[aria-label=Main] [aria-current=page]").inner_text() == (
        "Fitting a bike so your knees stop complaining"
    )
    assert re.search(r"[A-Z][a-z]+ \d{1,2}, \d{4}", page.locator(".post-meta").first.inner_text())
    related = page.locator(".related-posts")
    assert related.get_by_role("heading", name="Related Posts").is_visible()
    related_titles = related.locator("li a").all_inner_texts()
    assert 1 <= len(related_titles) <= 4
    assert "Commuting by bike through the winter" in related_titles

    # Follow a related post: it opens and is about the same topic.
    related.get_by_role("link", name="Commuting by bike through the winter").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Commuting by bike through the winter"

    assert page.hosts == {own_host}, f"requests left the site: {page.hosts - {own_host}}"
    csp = [p for p in page.problems if "Content Security Policy" in p or "Refused to" in p]
    assert csp == [], csp


def test_admin_markdown_preview_in_the_browser(live_parley, browser_page):
    page = browser_page
    found = re.search(r"Admin password: (\S+)", live_parley.log.read_text())
    assert found, "parley serve --demo printed no admin password"
    page.goto(live_parley.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", found.group(1))
    page.click("input[type=submit]")
    page.goto(live_parley.url + "/admin/blog/post/add/")
    page.fill("#id_body", "Some **bold** words <script>alert(1)</script>")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".parley-preview")
    preview.locator("strong").wait_for(timeout=10000)
    assert preview.locator("strong").inner_text() == "bold"
    assert preview.locator("script").count() == 0


@pytest.fixture(scope="module")
def own_live_parley(tmp_path_factory):
    """A separate demo site: the test below changes it, the shared one stays as it was."""
    from tests.conftest import start_parley, stop_parley

    live = start_parley(tmp_path_factory.mktemp("blog-publish"), ["--demo"])
    yield live
    stop_parley(live)


def test_a_post_published_in_the_admin_shows_on_home_feed_and_related(
    own_live_parley, browser_page
):
    import feedparser

    page, url = browser_page, own_live_parley.url
    password = re.search(r"Admin password: (\S+)", own_live_parley.log.read_text()).group(1)
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.goto(url + "/admin/blog/post/add/")
    page.locator("#id_title").press_sequentially("Cleaning an espresso grinder")
    assert page.input_value("#id_slug") == "cleaning-an-espresso-grinder"  # auto-filled
    page.fill(
        "#id_body",
        "Old coffee oils in the grinder burrs spoil espresso. Brush the burrs, run rice-free "
        "grinder cleaning tablets, then grind a few beans and dial in the espresso again.",
    )
    page.select_option("#id_status", "published")
    page.select_option("#id_categories_from", label="Coffee at home")
    page.click("#id_categories_add")
    page.select_option("#id_tags_from", label="espresso")
    page.click("#id_tags_add")
    page.click("input[name=_save]")
    page.wait_for_load_state("load")
    assert "was added successfully" in page.content()
    page.context.clear_cookies()  # look as an anonymous reader (the cached pages)

    page.goto(url + "/")
    assert page.get_by_role("link", name="Cleaning an espresso grinder").is_visible()
    feed = feedparser.parse(page.request.get(url + "/feed/").body())
    assert "Cleaning an espresso grinder" in [entry.title for entry in feed.entries]
    page.goto(url + "/blog/?page=2")
    page.get_by_role("link", name="Dialing in espresso at home").click()
    titles = page.locator(".related-posts li a").all_inner_texts()
    assert "Cleaning an espresso grinder" in titles
