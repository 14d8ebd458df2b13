"""Every labelled example also teaches the history store, whoever wrote it.

Moderators' decisions and imports create a LabelledExample; this turns each into
`history.record_label`, so known-commenter and duplicate-of-spam checks learn at once (the
classifier learns at the next training), and the engine needs no import of the comments
app. API examples are skipped: the API's submit-spam / submit-ham calls `record_label`
itself, with the request's IP and permalink, so counting them here would count them twice.
"""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from parley.antispam.models import LabelledExample
from parley.antispam.types import Submission

logger = logging.getLogger(__name__)


@receiver(post_save, sender=LabelledExample, dispatch_uid="antispam-learn-label")
def learn_label(sender, instance: LabelledExample, created: bool, raw: bool = False, **kwargs):
    if not created or raw or instance.source == LabelledExample.Source.API:
        return
    from parley.antispam.history import record_label

    submission = Submission(
        content=instance.content, author=instance.author, email=instance.email, url=instance.url
    )
    try:
        record_label(submission, instance.label)
    except Exception:  # the label itself is saved; only the shortcut is lost
        logger.exception("anti-spam: could not record label of example %s", instance.pk)
