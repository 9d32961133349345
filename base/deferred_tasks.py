"""Run each distinct background task once, at the end of a piece of work, however often it was asked for.

Every save of a page, a revision, a snippet or an image asks Wagtail to bring the reference index and the search index
up to date for that object (a django_tasks task per object and per index). Importing a translation saves the source
and its translation several times, and loading the demo saves most objects several times (created, revised,
published, translated, linked to its translation…): of about 850 tasks asked for, most repeat one asked for before
for the same object, and each would read the object again and write the same rows again.

``deduplicated_tasks()`` holds them back instead: inside it, enqueuing a task records its name and arguments; at its
end each distinct one is enqueued once, on the backend it was meant for, in the order it was first asked for. A task
that runs at the end reads the object as it is then, which is what its last run would have read: the indexes come out
the same. A task whose arguments name an object deleted meanwhile (app label, model name, primary key, as Wagtail's
and modelsearch's tasks take them) is dropped: the deletion updated the indexes at once (their ``post_delete``
handlers run no task), and the task would only fail to find the object.
"""

from contextlib import contextmanager

from django.db.models.signals import post_delete
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResult, TaskResultStatus, task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.utils import get_random_id, normalize_json


class _HeldBack(BaseTaskBackend):
    """Stands in for a task backend while tasks are held back: records each distinct task, runs none."""

    supports_defer = True
    supports_async_task = True
    supports_priority = True

    def __init__(self, alias, params, backend):
        super().__init__(alias, params)
        self.backend = backend
        self.held = {}  # (task's module path, arguments) -> (task, args, kwargs), first asked for first

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        args, kwargs = normalize_json(args), normalize_json(kwargs)
        key = (task.module_path, repr(args), repr(sorted(kwargs.items())))
        self.held.setdefault(key, (task, args, kwargs))
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

    def forget_deleted(self, sender, instance, **kwargs):
        named = [instance._meta.app_label, instance._meta.model_name, str(instance.pk)]
        self.held = {key: held for key, held in self.held.items() if list(held[1][:3]) != named}

    def release(self):
        """Enqueue each held task once, on the backend it was meant for; returns how many that was."""
        for task, args, kwargs in self.held.values():
            self.backend.enqueue(task, args, kwargs)
        return len(self.held)


@contextmanager
def deduplicated_tasks(alias=DEFAULT_TASK_BACKEND_ALIAS):
    """Hold back the tasks enqueued on backend ``alias`` meanwhile, then enqueue each distinct one once (not if the
    block raised: what it did is rolled back, or left as it was, and the tasks would index nothing that is meant to
    stay). Yields the stand-in backend (its ``held`` tasks)."""
    backend = task_backends[alias]
    held_back = _HeldBack(alias, task_backends.settings[alias], backend)
    task_backends[alias] = held_back
    post_delete.connect(held_back.forget_deleted)
    try:
        yield held_back
    finally:
        post_delete.disconnect(held_back.forget_deleted)
        task_backends[alias] = backend
    held_back.release()
