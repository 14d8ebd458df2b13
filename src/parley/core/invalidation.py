"""Signal receivers that bump the page cache's generations when what a page shows changes."""

import importlib

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from parley.core import cache

APPROVED = "approved"


def _site_changed(sender, **kwargs):
    cache.bump("site")


def _settings_changed(sender, created=False, **kwargs):
    # The row is created on first use with the defaults already in force: nothing changed.
    if not created:
        cache.bump("site")


def _remember_status(sender, instance, **kwargs):
    # What the row held when loaded, so a save can tell whether it left "approved".
    instance._parley_loaded_status = instance.__dict__.get("status")


def _bump_post(post_id, *extra):
    Post = apps.get_model("blog", "Post")
    row = Post.objects.filter(pk=post_id).values_list("kind", "slug").first()
    names = list(extra)
    if row is not None:
        names.append(cache.post_generation(*row))
    else:
        names.append("site")
    cache.bump(*names)


def _comment_saved(sender, instance, created=False, **kwargs):
    before = getattr(instance, "_parley_loaded_status", None)
    now = instance.__dict__.get("status")
    if APPROVED in {before, now} or now is None:
        _bump_post(instance.post_id, "counts")
    instance._parley_loaded_status = now


def _comment_deleted(sender, instance, **kwargs):
    if instance.__dict__.get("status") in {APPROVED, None}:
        _bump_post(instance.post_id, "counts")


def _related_changed(sender, instance, **kwargs):
    post_id = getattr(instance, "post_id", None)
    if post_id is None:
        cache.bump("site")
    else:
        _bump_post(post_id)


def connect() -> None:
    """Connect the receivers (called once from CoreConfig.ready)."""
    uid = "parley.core.invalidation"
    # The blog reindexes related posts when a save commits; its receivers must queue their
    # on-commit work before ours, so our commit-time bump comes after the new lists exist.
    importlib.import_module("parley.blog.signals")
    Post = apps.get_model("blog", "Post")
    for model_name in ("Post", "Category", "Tag"):
        model = apps.get_model("blog", model_name)
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"{uid}.save.{model_name}")
        post_delete.connect(_site_changed, sender=model, dispatch_uid=f"{uid}.del.{model_name}")
    for through in (Post.categories.through, Post.tags.through):
        m2m_changed.connect(_site_changed, sender=through, dispatch_uid=f"{uid}.m2m.{through}")
    Page = apps.get_model("blog", "Page")
    post_save.connect(_site_changed, sender=Page, dispatch_uid=f"{uid}.save.page")
    post_delete.connect(_site_changed, sender=Page, dispatch_uid=f"{uid}.del.page")
    site_settings = apps.get_model("core", "SiteSettings")
    post_save.connect(_settings_changed, sender=site_settings, dispatch_uid=f"{uid}.settings")

    Comment = apps.get_model("comments", "Comment")
    post_init.connect(_remember_status, sender=Comment, dispatch_uid=f"{uid}.comment.init")
    post_save.connect(_comment_saved, sender=Comment, dispatch_uid=f"{uid}.comment.save")
    post_delete.connect(_comment_deleted, sender=Comment, dispatch_uid=f"{uid}.comment.del")

    # Only post_save: a post_delete receiver would make Django fetch every row of the
    # related-posts rebuild's bulk deletes. Those rebuilds follow a post save (which bumps
    # "site") or call invalidate_site() themselves.
    post_save.connect(
        _related_changed,
        sender=apps.get_model("blog", "RelatedPost"),
        dispatch_uid=f"{uid}.related.save",
    )
