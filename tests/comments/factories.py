"""factory_boy factories for posts and comments used by the comments tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from parley.blog.models import Post
from parley.comments.models import Comment


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Thinking about community, part {n}")
    slug = factory.Sequence(lambda n: f"community-part-{n}")
    body = "A post about taking part in a community rather than collecting friends."
    status = Post.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    content = factory.Sequence(lambda n: f"A considered thought, number {n}.")
    status = Comment.Status.APPROVED
    created_at = factory.LazyFunction(timezone.now)
