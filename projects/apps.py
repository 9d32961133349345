from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        from base.blocks import register_body_block

        from .blocks import MapBlock

        # Every body of the site may show up to three maps of the projects.
        register_body_block("map", MapBlock(), max_num=3)
