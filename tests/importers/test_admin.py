"""The admin lists what an import recorded beside the blog."""

from django.contrib.auth import get_user_model


def test_admin_lists_attachments_and_old_urls(imported, client):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(admin)
    page = client.get("/admin/importers/attachment/?q=canola2")
    assert page.status_code == 200 and "canola2.jpg" in page.content.decode()
    page = client.get("/admin/importers/legacyurl/?q=font-size")
    assert page.status_code == 200 and "/wp-6-1-font-size-scale/" in page.content.decode()
