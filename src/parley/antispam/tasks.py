"""Background jobs of the anti-spam engine: the optional scheduled retrain."""

from django_tasks import task


@task()
def retrain(shipped: bool = True) -> dict:
    """Retrain the classifier on the shipped corpora plus the site's labelled examples.

    Writes the model into the data dir; processes pick it up when they next load a model
    (this one at once). Schedule it with `parley worker` and your scheduler of choice.
    """
    from parley.antispam.classifier import train_and_save, training_examples
    from parley.antispam.history import rebuild_reputation

    model, folder = train_and_save(training_examples(shipped=shipped))
    return {"folder": str(folder), "commenters": rebuild_reputation(), **model.meta}
