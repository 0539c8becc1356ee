from django.apps import AppConfig


class TicketsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'tickets'

    def ready(self):
        # Registers the ``contains_any`` JSONField lookup used by the tag filter.
        from . import lookups  # noqa: F401
