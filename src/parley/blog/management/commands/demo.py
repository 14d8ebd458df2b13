"""`parley demo`: fill an empty site with demo posts, pages and an admin account."""

import importlib
import importlib.util
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from parley.blog import demo_content, related_index
from parley.blog.models import Category, Post, Tag

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Fill an empty site with demo content and an admin account (does nothing otherwise)."

    def handle(self, *args, **options):
        if Post.objects.exists():
            self.stdout.write("The site already has posts: demo content left unchanged.")
            return
        with transaction.atomic(), related_index.suspended():
            user, password = self.admin_account()
            posts = self.create_content(user)
        counts = related_index.rebuild()
        self.stdout.write(
            f"Created {len(posts)} demo posts and {len(demo_content.PAGES)} pages; "
            f"{counts['links']} related-post links."
        )
        self.add_comments(posts)
        if password:
            self.stdout.write(self.style.SUCCESS(f"Admin user: {user.get_username()}"))
            self.stdout.write(self.style.SUCCESS(f"Admin password: {password}"))
        else:
            self.stdout.write(
                f"Admin user {user.get_username()!r} already existed; password unchanged."
            )

    def admin_account(self):
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is not None:
            return user, None
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(ADMIN_USERNAME, "", password)
        user.first_name, user.last_name = "Demo", "Author"
        user.save(update_fields=["first_name", "last_name"])
        return user, password

    def create_content(self, user):
        categories = {}
        for slug, name, parent in demo_content.CATEGORIES:
            categories[slug] = Category.objects.create(
                slug=slug, name=name, parent=categories.get(parent)
            )
        tags = {}
        now = timezone.now().replace(microsecond=0)
        posts = []
        for title, cats, tag_names, days_ago, excerpt, body in demo_content.POSTS:
            post = Post.objects.create(
                title=title,
                body=body,
                excerpt=excerpt,
                author=user,
                status=Post.Status.PUBLISHED,
                published_at=now - timedelta(days=days_ago),
                sticky=days_ago == 1,
            )
            post.categories.set([categories[slug] for slug in cats])
            for name in tag_names:
                if name not in tags:
                    tags[name] = Tag.objects.create(name=name)
            post.tags.set([tags[name] for name in tag_names])
            posts.append(post)
        for order, (title, slug, body) in enumerate(demo_content.PAGES):
            Post.objects.create(
                kind=Post.Kind.PAGE,
                title=title,
                slug=slug,
                body=body,
                author=user,
                status=Post.Status.PUBLISHED,
                published_at=now - timedelta(days=150),
                menu_order=order,
            )
        return posts

    def add_comments(self, posts):
        """Demo comments come from the comments app once it provides them."""
        if importlib.util.find_spec("parley.comments.demo") is None:
            return
        module = importlib.import_module("parley.comments.demo")
        module.add_demo_comments(posts)
        self.stdout.write("Added demo comments.")
