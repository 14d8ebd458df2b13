"""The comment form's target (WordPress's wp-comments-post.php) and the privacy page."""

from datetime import UTC, datetime
from urllib.parse import parse_qsl

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from parley.blog.models import Post
from parley.comments import cookies, messages, threads
from parley.comments.forms import (
    CONSENT_FIELD,
    HONEYPOT_FIELD,
    TIMESTAMP_FIELD,
    CommentForm,
    read_timestamp,
)
from parley.comments.models import Comment
from parley.comments.moderation import Commenter, comments_closed
from parley.comments.network import client_ip
from parley.comments.services import Incoming, Refused, accept
from parley.comments.templatetags.parley_comments import form_context
from parley.core.models import SiteSettings


def _valid_utf8(request) -> bool:
    """Django decodes bad bytes as U+FFFD silently; a comment deserves a clear refusal."""
    if request.content_type != "application/x-www-form-urlencoded":
        return True
    try:
        body = request.body.decode("ascii")
        parse_qsl(body, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _form_page(request, post, form, error=None, status=400):
    """The form again, with the messages beside the fields and everything typed kept."""
    context = form_context(request, post, form, error)
    request.parley_reader_data = True
    return render(request, "comments/form_page.html", context, status=status)


def _error_page(request, message, status):
    return render(request, "comments/error.html", {"message": message}, status=status)


def _find_post(request):
    value = request.POST.get("comment_post_ID", "")
    if not value.isdigit():
        return None
    return Post.objects.visible_to(request.user).filter(pk=int(value)).first()


@require_POST
def post_comment(request):
    post = _find_post(request)
    if post is None:
        return _error_page(request, "The post you are commenting on does not exist.", 404)
    if comments_closed(post):
        return _error_page(request, messages.CLOSED, 403)
    form = CommentForm(request.POST)
    if not _valid_utf8(request):
        return _form_page(request, post, form, messages.INVALID_UTF8, 400)
    if not form.is_valid():
        return _form_page(request, post, form)
    data = form.cleaned_data
    held = cookies.held_ids(request)
    parent = None
    if data.get("comment_parent"):
        parent = Comment.objects.filter(pk=data["comment_parent"], post=post).first()
        visible = parent and (parent.status == Comment.Status.APPROVED or parent.pk in held)
        if not visible:
            return _form_page(request, post, form, messages.BAD_PARENT, 400)
    rendered_at = read_timestamp(request.POST.get(TIMESTAMP_FIELD, ""), post.pk)
    incoming = Incoming(
        post=post,
        content=data["comment"],
        commenter=Commenter(
            name=data["author"],
            email=data["email"],
            url=data["url"],
            ip=client_ip(request) or "",
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
            is_staff=request.user.is_authenticated and request.user.is_staff,
        ),
        parent=parent,
        referrer=request.META.get("HTTP_REFERER", "")[:500],
        form_rendered_at=(datetime.fromtimestamp(rendered_at, tz=UTC) if rendered_at else None),
        form_timestamp_valid=rendered_at is not None,
        honeypot_filled=bool(request.POST.get(HONEYPOT_FIELD, "").strip()),
        user=request.user,
    )
    try:
        comment = accept(incoming)
    except Refused as refusal:
        return _form_page(request, post, form, refusal.message, refusal.status)

    if comment.status == Comment.Status.APPROVED:
        url = threads.permalink(comment)
    elif comment.status == Comment.Status.PENDING:
        url = threads.permalink(comment, threads.page_of(comment, held))
    else:
        # Spam and trash are stored for the moderator; the reader is sent back to the post.
        url = post.get_absolute_url() + "#comments"
    response = HttpResponseRedirect(url)
    if comment.status == Comment.Status.PENDING:
        cookies.remember_held(request, response, comment.pk)
    if request.POST.get(CONSENT_FIELD) == "yes":
        cookies.save_commenter(response, data["author"], data["email"], data["url"])
    elif cookies.COMMENTER_COOKIE in request.COOKIES:
        cookies.forget_commenter(response)
    return response


@require_GET
@cache_control(max_age=3600, public=True)
def privacy(request):
    """Generated from the site settings, so it always says what the site really does."""
    return render(request, "comments/privacy.html", {"site": SiteSettings.load()})
