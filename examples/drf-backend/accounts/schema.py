from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    """Describes :class:`accounts.authentication.ApiKeyAuthentication` as the ``apiKeyAuth`` security scheme."""

    target_class = 'accounts.authentication.ApiKeyAuthentication'
    name = 'apiKeyAuth'

    def get_security_definition(self, auto_schema):
        return {
            'type': 'apiKey',
            'in': 'header',
            'name': self.target.header,
            'description': 'An API key issued to a user, sent as-is in the X-API-Key header.',
        }
