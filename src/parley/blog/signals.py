"""Keep the related-posts index current as posts are saved, tagged or deleted."""

from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from parley.blog import related_index
from parley.blog.models import Page, Post


@receiver(post_save, sender=Post)
@receiver(post_save, sender=Page)
def post_saved(sender, instance, **kwargs):
    if isinstance(instance, Post) and not related_index.is_suspended():
        related_index.schedule(instance.pk)


@receiver(pre_delete, sender=Post)
@receiver(pre_delete, sender=Page)
def post_deleted(sender, instance, **kwargs):
    if isinstance(instance, Post) and not related_index.is_suspended():
        related_index.remove_post(instance.pk)


def terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or related_index.is_suspended():
        return
    if isinstance(instance, Post):
        related_index.schedule(instance.pk)
    else:
        for pk in pk_set or ():
            related_index.schedule(pk)


m2m_changed.connect(terms_changed, sender=Post.tags.through, dispatch_uid="blog-tags-related")
m2m_changed.connect(
    terms_changed, sender=Post.categories.through, dispatch_uid="blog-categories-related"
)
