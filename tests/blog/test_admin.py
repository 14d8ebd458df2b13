"""The admin: lists, bulk publish, pages, and the Markdown preview."""

import pytest
from django.urls import reverse

from parley.blog.models import Post
from tests.blog.factories import PageFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_requires_login(client):
    response = client.get(reverse("admin:blog_post_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_post_and_page_lists_are_separate(admin_client):
    PostFactory(title="A dated post")
    PageFactory(title="An undated page")
    posts = admin_client.get(reverse("admin:blog_post_changelist")).content.decode()
    pages = admin_client.get(reverse("admin:blog_page_changelist")).content.decode()
    assert "A dated post" in posts and "An undated page" not in posts
    assert "An undated page" in pages and "A dated post" not in pages


@pytest.mark.parametrize("name", ["blog_post", "blog_page", "blog_category", "blog_tag"])
def test_add_forms_open_and_slug_is_prefilled_from_the_title(admin_client, name):
    page = admin_client.get(reverse(f"admin:{name}_add")).content.decode()
    assert 'id="id_slug"' in page
    # The admin's prepopulate script fills #id_slug from the title (or name) as one types.
    assert "data-prepopulated-fields" in page and "&quot;#id_slug&quot;" in page


def test_bulk_publish_action(admin_client):
    drafts = [PostFactory(status=Post.Status.DRAFT) for _ in range(2)]
    response = admin_client.post(
        reverse("admin:blog_post_changelist"),
        {"action": "publish", "_selected_action": [p.pk for p in drafts]},
    )
    assert response.status_code == 302
    assert set(Post.objects.values_list("status", flat=True)) == {Post.Status.PUBLISHED}


def test_adding_a_page_in_the_admin_makes_a_page(admin_client):
    response = admin_client.post(
        reverse("admin:blog_page_add"),
        {
            "title": "Contact",
            "slug": "contact",
            "body_format": "markdown",
            "body": "Write to us.",
            "excerpt": "",
            "status": "published",
            "published_at_0": "2024-01-01",
            "published_at_1": "10:00:00",
            "comments_open": "on",
            "menu_order": "0",
        },
    )
    assert response.status_code == 302
    page = Post.objects.get(slug="contact")
    assert page.kind == Post.Kind.PAGE and page.author is not None


def test_markdown_preview_renders_and_sanitises(admin_client):
    url = reverse("admin:blog_post_preview")
    response = admin_client.post(
        url, {"body": "**bold** <script>alert(1)</script>", "body_format": "markdown"}
    )
    assert response.status_code == 200
    html = response.json()["html"]
    assert "<strong>bold</strong>" in html and "<script" not in html


def test_markdown_preview_is_staff_only_and_post_only(client, admin_client):
    url = reverse("admin:blog_post_preview")
    assert admin_client.get(url).status_code == 405
    client.force_login(UserFactory(username="reader"))
    response = client.post(url, {"body": "x"})
    assert response.status_code == 302  # to the admin login


def test_change_form_loads_the_preview_script_from_static(admin_client):
    post = PostFactory()
    page = admin_client.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    assert "blog/admin-preview.js" in page
