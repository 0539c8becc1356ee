import hashlib
import secrets

from django.conf import settings
from django.db import models


class Profile(models.Model):
    """Support desk specific data kept alongside ``auth.User``."""

    class Role(models.TextChoices):
        AGENT = 'agent', 'Agent'
        CUSTOMER = 'customer', 'Customer'
        ADMIN = 'admin', 'Admin'

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='profile')
    display_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CUSTOMER)
    timezone = models.CharField(max_length=64, default='UTC')
    bio = models.TextField(blank=True)

    def __str__(self):
        return self.display_name or self.user.get_username()

    @property
    def is_staff_role(self):
        """Agents and admins work on every ticket; customers only on their own."""
        return self.role in (self.Role.AGENT, self.Role.ADMIN)


def hash_api_key(raw_key):
    """API keys are high-entropy secrets, so an unsalted SHA-256 digest is enough to store them."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKeyManager(models.Manager):
    def create_key(self, user, name, raw_key=None):
        """Create a key for ``user`` and return ``(api_key, raw_key)``; the raw key is not stored."""
        raw_key = raw_key or secrets.token_urlsafe(32)
        api_key = self.create(
            user=user,
            name=name,
            prefix=raw_key[: ApiKey.PREFIX_LENGTH],
            hashed_key=hash_api_key(raw_key),
        )
        return api_key, raw_key


class ApiKey(models.Model):
    """A named secret sent in the ``X-API-Key`` header that authenticates as its owner."""

    PREFIX_LENGTH = 8

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=PREFIX_LENGTH, help_text='First characters of the key, to recognise it.')
    hashed_key = models.CharField(max_length=64, unique=True, help_text='SHA-256 hex digest of the key.')
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='api_keys')
    created = models.DateTimeField(auto_now_add=True)

    objects = ApiKeyManager()

    class Meta:
        verbose_name = 'API key'

    def __str__(self):
        return f'{self.name} ({self.prefix}…)'
