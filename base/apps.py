from django.apps import AppConfig


class BaseConfig(AppConfig):
    """The shared base of the site: page bases, shared blocks, settings, contacts, the site's address.

    It imports no feature app; features plug into it (``base.blocks.register_body_block``, Wagtail hooks).
    """

    name = "base"

    def ready(self):
        from . import (  # noqa: F401 (checks registers the SITE_URL checks)
            admin_input,
            cache_invalidation,
            checks,
            child_relations,
            multiple_choice_ids,
            signals,
            site_cache,
        )

        signals.connect()
        cache_invalidation.connect()
        site_cache.connect()
        admin_input.refuse_unreadable_admin_input()
        multiple_choice_ids.refuse_ids_past_their_column()
        child_relations.keep_child_relations_per_model()
