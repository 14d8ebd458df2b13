"""Real-browser tests (headless Chromium via Playwright): validation, moderation, replies, XSS."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache

from parley.comments.models import Comment
from parley.core.models import CACHE_KEY, SiteSettings

from .factories import CommentFactory, PostFactory

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not shutil.which("chromium"),
        reason="headless Chromium is not installed at /usr/bin/chromium",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
PAYLOADS = (
    (Path(__file__).parent.parent / "data" / "xss_alert_identifiable.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)
TEXT = (
    "Taking part means answering the question that was asked, carefully, and I think "
    "that is what makes a community worth joining."
)


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def held_site(transactional_db):
    cache.delete(CACHE_KEY)  # no cached settings row from an earlier test
    site = SiteSettings.load()
    site.manual_approval = True  # every comment waits, so "awaiting moderation" shows
    site.flood_seconds = 0
    site.save()
    return site


def test_validate_post_moderate_publish_and_reply(
    live_server, browser, held_site, django_user_model
):
    django_user_model.objects.create_superuser("mod", "mod@example.org", "secret-pw-1")
    post = PostFactory()
    url = live_server.url + post.get_absolute_url()
    reader = browser.new_context().new_page()
    dialogs = []
    reader.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    reader.goto(url)

    reader.fill("#comment", TEXT)
    reader.fill("#email", "not-an-email")
    reader.fill("#url", "not a website")
    reader.click("#submit")
    assert reader.text_content("#author-error") == "Required field missing"
    assert reader.text_content("#email-error") == "Email address invalid"
    assert reader.text_content("#url-error") == "Website address invalid"
    assert reader.get_attribute("#author", "aria-invalid") == "true"
    assert "author-error" in reader.get_attribute("#author", "aria-describedby")
    assert reader.evaluate("document.activeElement.id") == "author"
    assert reader.url == url  # nothing was sent
    assert not Comment.objects.exists()

    reader.fill("#author", "Ada Lovelace")
    reader.fill("#email", "ada@example.org")
    reader.fill("#url", "https://ada.example.org")
    reader.press("#url", "Tab")
    assert reader.is_hidden("#url-error")
    reader.click("#submit")
    reader.wait_for_selector(".comment-awaiting-moderation")
    comment = Comment.objects.get()
    assert reader.url.endswith(f"#comment-{comment.pk}")
    assert reader.text_content(f"#comment-{comment.pk} .comment-awaiting-moderation") == (
        "Your comment is awaiting moderation."
    )

    stranger = browser.new_context().new_page()
    stranger.goto(url)
    assert stranger.locator(f"#comment-{comment.pk}").count() == 0

    admin = browser.new_context().new_page()
    admin.goto(live_server.url + "/admin/login/?next=/admin/comments/comment/")
    admin.fill("#id_username", "mod")
    admin.fill("#id_password", "secret-pw-1")
    admin.click("input[type=submit]")
    admin.check(f"input[name=_selected_action][value='{comment.pk}']")
    admin.select_option("select[name=action]", "approve")
    admin.click("button[name=index]")
    admin.wait_for_selector(".messagelist")
    assert Comment.objects.get().status == "approved"

    stranger.goto(url)
    assert TEXT in stranger.text_content(f"#comment-{comment.pk} .comment-content")
    assert stranger.locator(f"#comment-{comment.pk} .comment-awaiting-moderation").count() == 0

    reader.goto(url)
    reader.click(f"#comment-{comment.pk} .comment-reply-link")
    # The form moved under the comment, set to answer it.
    assert reader.locator(f"#comment-{comment.pk} #respond").count() == 1
    assert reader.input_value("#comment_parent") == str(comment.pk)
    assert "Leave a Reply to Ada Lovelace" in reader.text_content("#reply-title")
    reader.fill("#comment", "Replying to myself to add one more careful thought on taking part.")
    reader.fill("#author", "Ada Lovelace")
    reader.fill("#email", "ada@example.org")
    reader.click("#submit")
    reader.wait_for_selector(".comment-awaiting-moderation")
    reply = Comment.objects.get(parent=comment)
    assert reader.locator(f"#comment-{comment.pk} .children #comment-{reply.pk}").count() == 1
    assert dialogs == []


def test_xss_payloads_never_run_in_the_browser(live_server, browser, held_site):
    held_site.comments_per_page = 1000
    held_site.save()
    post = PostFactory()
    Comment.objects.bulk_create(
        [
            CommentFactory.build(post=post, content=p, author_name=p[:245], author_url=p[:200])
            for p in PAYLOADS
        ]
    )
    page = browser.new_context().new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server.url + post.get_absolute_url())
    page.wait_for_load_state("load")
    # Fire the events a reader causes on every element, to give any handler its chance.
    page.evaluate("""() => document.querySelectorAll('.comment-list *').forEach(e => {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'keyup']) {
            if (type === 'click' && e.tagName === 'A') continue;
            e.dispatchEvent(new Event(type, {bubbles: true}));
        }
    })""")
    injected = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.comment-list script, .comment-list img, .comment-list svg, .comment-list iframe,'
        + ' .comment-list object, .comment-list embed, .comment-list style,'
        + ' .comment-list [style], .comment-list video, .comment-list audio,'
        + ' .comment-list form, .comment-list input, .comment-list link, .comment-list meta'
    )).map(e => e.outerHTML.slice(0, 80))""")
    handlers = page.evaluate("""() => Array.from(document.querySelectorAll('.comment-list *'))
        .flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith('on'))
        .map(a => a.name))""")
    bad_links = page.evaluate("""() => Array.from(
        document.querySelectorAll('.comment-list a[href]')).map(a => a.protocol)
        .filter(p => ['javascript:', 'data:', 'vbscript:'].includes(p))""")
    assert dialogs == []
    assert injected == []
    assert handlers == []
    assert bad_links == []
    assert page.locator(".comment-list > li").count() == len(PAYLOADS)
    assert os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") == "true"
