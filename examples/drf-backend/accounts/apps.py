from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'accounts'

    def ready(self):
        # Connect the profile signal and register the drf-spectacular extension.
        from . import schema, signals  # noqa: F401
