"""The "Leave a Reply" form: WordPress field names, signed timestamp and honeypot."""

import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, ProhibitNullCharactersValidator, URLValidator

from parley.comments import messages

TIMESTAMP_SALT = "parley.comments.form-timestamp"
# A hidden field no person sees; bots that fill every input fill it too.
HONEYPOT_FIELD = "comment_confirm"
TIMESTAMP_FIELD = "parley_ts"
CONSENT_FIELD = "wp-comment-cookies-consent"


def sign_timestamp(post_id: int, now: float | None = None) -> str:
    """A tamper-proof "form rendered at" value, tied to the post it was rendered for."""
    return signing.dumps(
        {"p": post_id, "t": int(now if now is not None else time.time())},
        salt=TIMESTAMP_SALT,
        compress=False,
    )


def read_timestamp(value: str, post_id: int) -> float | None:
    """The time the form was rendered, or None when the value is missing or forged."""
    try:
        data = signing.loads(value or "", salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != post_id or not isinstance(data.get("t"), int):
        return None
    return float(data["t"])


def normalise_url(value: str) -> str:
    """Add http:// to a bare domain, as WordPress does, so "example.com" is accepted."""
    value = value.strip()
    if value and "://" not in value and not value.lower().startswith(("javascript:", "data:")):
        value = "http://" + value
    return value


def _text(name: str, label: str, *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=messages.MAX_LENGTHS[name],
        error_messages={
            "required": messages.VALIDATION["required"],
            "max_length": messages.TOO_LONG[name],
        },
    )


class CommentForm(forms.Form):
    """Validates exactly what the browser script validates, with the same messages.

    No widgets: comments/form.html writes the inputs by hand (WordPress's markup).
    """

    comment = _text("comment", "Comment", required=True)
    author = _text("author", "Name", required=True)
    email = _text("email", "Email", required=True)
    url = _text("url", "Website", required=False)
    comment_parent = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    comment_post_ID = forms.IntegerField(widget=forms.HiddenInput)  # noqa: N815 (WordPress)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("comment", "author", "email", "url"):
            # Django's forms.CharField already refuses NUL; keep its check with our words.
            field = self.fields[name]
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]

    def _refuse_nul(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        if "\x00" in value:
            raise ValidationError(messages.NUL_BYTE)
        return value

    def clean_comment(self):
        return self._refuse_nul("comment")

    def clean_author(self):
        return self._refuse_nul("author").strip()

    def clean_email(self):
        value = self._refuse_nul("email").strip()
        if value:
            try:
                EmailValidator()(value)
            except ValidationError:
                raise ValidationError(messages.VALIDATION["email"]) from None
        return value

    def clean_url(self):
        value = normalise_url(self._refuse_nul("url"))
        if value:
            if len(value) > messages.MAX_LENGTHS["url"]:
                raise ValidationError(messages.TOO_LONG["url"])
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise ValidationError(messages.VALIDATION["url"]) from None
        return value


def initial_for(post_id: int, parent_id: int = 0, saved: dict | None = None) -> dict:
    saved = saved or {}
    return {
        "comment_post_ID": post_id,
        "comment_parent": parent_id,
        "author": saved.get("author", ""),
        "email": saved.get("email", ""),
        "url": saved.get("url", ""),
    }
