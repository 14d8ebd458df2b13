"""Old WordPress links answer 301 to the same content in Parley."""

from urllib.parse import unquote

import pytest

from parley.blog.models import Post


def redirect_of(client, url):
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


@pytest.fixture
def post(imported):
    return Post.objects.get(wp_id=163)


def test_query_string_post_and_page_links(client, post):
    assert redirect_of(client, "/?p=163") == "/2023/01/16/wp-6-1-font-size-scale/"
    assert redirect_of(client, "/index.php?p=163") == post.get_absolute_url()
    assert redirect_of(client, "/?page_id=2") == "/about/"


def test_archives_links(client, post):
    assert redirect_of(client, "/archives/163") == post.get_absolute_url()
    assert redirect_of(client, "/archives/163/") == post.get_absolute_url()


def test_old_permalink_path_that_differs(client, post):
    # The test site used /%postname%/ permalinks; Parley's are dated.
    target = redirect_of(client, "/wp-6-1-font-size-scale/")
    assert target == post.get_absolute_url()
    assert client.get(target).status_code == 200


def test_dated_permalink_with_another_date_format(client, post):
    assert redirect_of(client, "/2023/01/wp-6-1-font-size-scale/") == post.get_absolute_url()


def test_hierarchical_page_links(client, imported):
    assert redirect_of(client, "/level-1/level-2/level-3/") == "/level-3/"
    assert redirect_of(client, "/about/clearing-floats/") == "/clearing-floats/"


def test_category_and_tag_links(client, imported):
    nested = "/category/parent-category/child-category-03/grandchild-category/"
    assert redirect_of(client, nested) == "/category/grandchild-category/"
    assert redirect_of(client, "/?cat=57037077") == "/category/grandchild-category/"
    assert redirect_of(client, "/?tag=8bit") == "/tag/8bit/"


def test_current_urls_are_served_not_redirected(client, post):
    assert client.get(post.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_drafts_and_unknown_ids_are_not_revealed(client, imported):
    assert client.get("/?p=1164").status_code == 200  # the home page, not the draft
    assert client.get("/archives/1164").status_code == 404
    assert client.get("/archives/999999").status_code == 404
    assert client.get("/no-such-thing/at-all/").status_code == 404


def test_feed_links_keep_feed_readers_subscribed(client, post):
    assert redirect_of(client, "/feed/rss2/") == "/feed/"
    assert redirect_of(client, "/?feed=rss2") == "/feed/"
    assert redirect_of(client, "/comments/feed/rss2/") == "/comments/feed/"
    nested = "/category/parent-category/child-category-03/feed/"
    assert redirect_of(client, nested) == "/category/child-category-03/feed/"
    assert redirect_of(client, "/wp-6-1-font-size-scale/feed/") == (
        post.get_absolute_url() + "feed/"
    )
    assert client.get(post.get_absolute_url() + "feed/").status_code == 200


def test_paged_archive_links(client, imported):
    assert redirect_of(client, "/page/2/") == "/?page=2"
    assert redirect_of(client, "/?paged=3") == "/?page=3"
    nested = "/category/parent-category/child-category-03/page/2/"
    assert redirect_of(client, nested) == "/category/child-category-03/?page=2"


def test_non_ascii_page_links(client, imported):
    level = "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf"  # επίπεδο, as WordPress links it
    old = f"/greek/{level}-2/{level}-3/"
    target = redirect_of(client, old)
    assert client.get(target).status_code == 200
    assert "επίπεδο-3" in unquote(target)


def test_two_items_with_the_same_old_link_do_not_break_the_import(db, tmp_path):
    from parley.importers.load import import_wxr

    from .conftest import item, write_wxr

    body = item(1, slug="a") + item(2, slug="b")
    body = body.replace("https://old.example/?p=1", "https://old.example/same/")
    body = body.replace("https://old.example/?p=2", "https://old.example/same/")
    import_wxr(write_wxr(tmp_path / "dup.xml", body))
    assert Post.objects.count() == 2


def test_wordpress_search_links(client, db):
    assert redirect_of(client, "/?s=font+size") == "/search/?q=font+size"
