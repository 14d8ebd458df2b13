"""Where the site's classifier comes from and how it is retrained (the Django side of ml/).

Model choice, in order: PARLEY_ANTISPAM["model_path"]; a model `parley spam train` wrote
into the data dir; the model shipped in the package.
"""

import logging
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.conf import settings

from parley.antispam import conf
from parley.antispam.ml import model as ml_model
from parley.antispam.ml.corpora import HAM, SPAM, Example, read_folder

logger = logging.getLogger(__name__)

SHIPPED_CORPORA = Path(ml_model.__file__).resolve().parent / "data" / "corpora"
_failed: set[str] = set()


def site_model_folder() -> Path:
    """Where `parley spam train` writes by default: inside the data dir, with the database."""
    return Path(settings.DATA_DIR) / "spam-model"


def model_folder() -> Path:
    configured = conf.get("model_path")
    if configured:
        return Path(configured)
    site = site_model_folder()
    if (site / "model.json").exists():
        return site
    return ml_model.SHIPPED


_resolved: dict = {"at": -1e9, "key": None}
RECHECK_SECONDS = 30.0


def _model_key() -> tuple[str, float]:
    folder = model_folder()
    try:
        mtime = (folder / "model.json").stat().st_mtime
    except OSError:
        mtime = 0.0
    return str(folder), mtime


def current_model() -> ml_model.Model | None:
    """The model in use, or None if it cannot be loaded.

    Loaded once per process; every 30 s the folder and its model.json's modification time
    are looked at again, so a model written by `parley spam train` or the retrain task (in
    another process) is picked up without a restart.
    """
    now = time.monotonic()
    configured = (conf.get("model_path"), str(settings.DATA_DIR))
    if (
        now - _resolved["at"] > RECHECK_SECONDS
        or _resolved["key"] is None
        or _resolved.get("configured") != configured
    ):
        key = _model_key()
        if key != _resolved["key"]:
            ml_model.forget()
        _resolved.update(at=now, key=key, configured=configured)
    folder, _ = _resolved["key"]
    if folder in _failed:
        return None
    try:
        return ml_model.load(folder)
    except Exception:  # logged once: the other checks keep working without a classifier
        logger.exception("anti-spam: classifier model in %s cannot be loaded", folder)
        _failed.add(folder)
        return None


def reload() -> None:
    """Forget loaded models, so the next check reads the newest one."""
    ml_model.forget()
    _failed.clear()
    _resolved.update(at=-1e9, key=None)


def site_examples() -> list[Example]:
    """The site's own labelled examples (moderators, API submit-spam/ham, imports)."""
    from parley.antispam.models import LabelledExample

    rows = LabelledExample.objects.values_list("label", "content", "author", "email", "url")
    return [
        Example(content, SPAM if label == "spam" else HAM, "site", author, email, url)
        for label, content, author, email, url in rows.iterator()
        if content and content.strip()
    ]


def training_examples(
    data: Iterable[Path] = (), *, shipped: bool = True, site: bool = True
) -> list[Example]:
    examples: list[Example] = []
    if shipped:
        examples += read_folder(SHIPPED_CORPORA)
    for folder in data:
        examples += read_folder(Path(folder))
    if site:
        examples += site_examples()
    return examples


def train_and_save(
    examples: Sequence[Example], output: Path | None = None, **options
) -> tuple[ml_model.Model, Path]:
    model = ml_model.train(examples, **options)
    folder = model.save(output or site_model_folder())
    reload()
    return model, folder
