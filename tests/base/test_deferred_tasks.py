"""base/deferred_tasks.py: during a translation import or the demo load, each distinct index task runs once, at the
end, and none for an object deleted meanwhile; the indexes come out as if every save had run its own."""

import pytest
from django_tasks.signals import task_finished
from wagtail.models import ReferenceIndex

from base.deferred_tasks import deduplicated_tasks
from tests import factories


@pytest.fixture
def tasks_run():
    """[(task's module path, arguments)] of every task that ran, in order."""
    run = []

    def record(sender, task_result, **kwargs):
        run.append((task_result.task.module_path, list(task_result.args), task_result.status.value))

    task_finished.connect(record)
    yield run
    task_finished.disconnect(record)


def test_each_distinct_task_runs_once_at_the_end(home_page, tasks_run):
    with deduplicated_tasks() as held_back:
        page = factories.StandardPageFactory(parent=home_page, title="Contatti", slug="contatti")
        for title in ("Contatti stampa", "Contatti e orari"):
            page.title = title
            page.save()
        assert tasks_run == [], "a task ran before the end"
        assert held_back.held
    args = ["base", "standardpage", str(page.pk)]
    runs_for_page = [(path, status) for path, run_args, status in tasks_run if run_args == args]
    # Its reference index and its search index, once each.
    assert sorted(path for path, _ in runs_for_page) == [
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    ]
    assert {status for _, status in runs_for_page} == {"SUCCESSFUL"}


def test_a_task_for_an_object_deleted_meanwhile_is_dropped(home_page, tasks_run):
    with deduplicated_tasks():
        kept = factories.StandardPageFactory(parent=home_page, title="Contatti", slug="contatti")
        gone = factories.StandardPageFactory(parent=home_page, title="Orari", slug="orari")
        gone_pk = gone.pk
        gone.delete()
    ran_for = {tuple(args) for _, args, _ in tasks_run}
    assert ("base", "standardpage", str(kept.pk)) in ran_for
    assert not [args for args in ran_for if args[2:] == (str(gone_pk),)]
    assert {status for *_, status in tasks_run} == {"SUCCESSFUL"}


def test_the_reference_index_is_as_every_save_leaves_it(home_page, tasks_run):
    """A page saved several times, its image changed in between: the index holds its last image only."""
    first, second = factories.ImageFactory(), factories.ImageFactory()
    with deduplicated_tasks():
        page = factories.StandardPageFactory(parent=home_page, title="Contatti", slug="contatti")
        for image in (first, second):
            page.body = [factories.figure_block(image)]
            page.save()
    referenced = set(ReferenceIndex.get_references_for_object(page).values_list("to_object_id", flat=True))
    assert str(second.pk) in referenced
    assert str(first.pk) not in referenced


def test_nothing_runs_if_the_block_raises(home_page, tasks_run):
    with pytest.raises(RuntimeError), deduplicated_tasks():
        factories.StandardPageFactory(parent=home_page, title="Contatti", slug="contatti")
        raise RuntimeError("the load failed")
    assert tasks_run == []
