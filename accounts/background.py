"""Work done after the response: one worker thread, so jobs run in order and tests can wait for them."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connections
from django.utils import translation

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="accounts-background")


def run_later(function, *args, **kwargs):
    """Run function in the worker thread, in the language of the current request."""
    language = translation.get_language()

    def job():
        try:
            with translation.override(language):
                function(*args, **kwargs)
        finally:
            connections.close_all()  # this thread's own connections, if the job opened any

    return _executor.submit(job)


def wait():
    """Block until every job submitted so far has run (for tests and management commands)."""
    _executor.submit(lambda: None).result()
