from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiKey, hash_api_key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Authenticate with the raw key of an :class:`~accounts.models.ApiKey` in the ``X-API-Key`` header."""

    header = 'X-API-Key'

    def authenticate(self, request):
        raw_key = request.headers.get(self.header)
        if not raw_key:
            return None
        try:
            api_key = ApiKey.objects.select_related('user').get(hashed_key=hash_api_key(raw_key))
        except ApiKey.DoesNotExist:
            raise exceptions.AuthenticationFailed(_('Invalid API key.'))
        if not api_key.user.is_active:
            raise exceptions.AuthenticationFailed(_('User inactive or deleted.'))
        return api_key.user, api_key

    def authenticate_header(self, request):
        return self.header
