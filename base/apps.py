from django.apps import AppConfig


class BaseConfig(AppConfig):
    """The shared base of the site: page bases, shared blocks, settings, contacts, the site's address.

    It imports no feature app; features plug into it (``base.blocks.register_body_block``, Wagtail hooks).
    """

    name = "base"

    def ready(self):
        from . import admin_input, cache_invalidation, checks, multiple_choice_ids, signals, site_cache  # noqa: F401 (checks registers the SITE_URL checks)

        signals.connect()
        cache_invalidation.connect()
        site_cache.connect()
        admin_input.refuse_unreadable_admin_input()
        multiple_choice_ids.refuse_ids_past_their_column()
