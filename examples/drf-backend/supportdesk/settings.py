"""
Django settings for the supportdesk example backend.

Everything that the end-to-end tests need to vary is read from the
environment:

* ``DRF_BACKEND_DB``          path of the SQLite database (default: ``db.sqlite3`` beside manage.py)
* ``DRF_BACKEND_MEDIA``       directory for uploaded attachments (default: ``media/`` beside manage.py)
* ``DRF_BACKEND_DEBUG``       ``1`` (default) or ``0``
* ``DRF_BACKEND_SECRET_KEY``  Django secret key (a fixed development key by default)
* ``SPECTACULAR_OAS_VERSION`` OpenAPI version of the generated schema (``3.0.3`` by default, ``3.1.0`` works too)
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

API_VERSION = '1.0.0'

SECRET_KEY = os.environ.get(
    'DRF_BACKEND_SECRET_KEY',
    'django-insecure-supportdesk-example-key-not-for-production',
)

DEBUG = os.environ.get('DRF_BACKEND_DEBUG', '1') == '1'

ALLOWED_HOSTS = ['127.0.0.1', 'localhost', '[::1]']

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'rest_framework',
    'rest_framework.authtoken',
    'drf_spectacular',
    'accounts',
    'tickets',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]

ROOT_URLCONF = 'supportdesk.urls'

WSGI_APPLICATION = 'supportdesk.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.environ.get('DRF_BACKEND_DB', BASE_DIR / 'db.sqlite3'),
    }
}

LANGUAGE_CODE = 'en-us'
TIME_ZONE = 'UTC'
USE_I18N = True
USE_TZ = True

MEDIA_URL = 'media/'
MEDIA_ROOT = Path(os.environ.get('DRF_BACKEND_MEDIA', BASE_DIR / 'media'))

DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'

REST_FRAMEWORK = {
    # TokenAuthentication comes first so that its "Token" challenge is the
    # WWW-Authenticate header of every 401 response.
    'DEFAULT_AUTHENTICATION_CLASSES': [
        'rest_framework.authentication.TokenAuthentication',
        'accounts.authentication.ApiKeyAuthentication',
    ],
    'DEFAULT_PERMISSION_CLASSES': [
        'rest_framework.permissions.IsAuthenticated',
    ],
    'DEFAULT_RENDERER_CLASSES': [
        'rest_framework.renderers.JSONRenderer',
    ],
    'DEFAULT_PARSER_CLASSES': [
        'rest_framework.parsers.JSONParser',
    ],
    'DEFAULT_PAGINATION_CLASS': 'supportdesk.pagination.PageNumberPagination',
    'DEFAULT_SCHEMA_CLASS': 'drf_spectacular.openapi.AutoSchema',
    'TEST_REQUEST_DEFAULT_FORMAT': 'json',
}

SPECTACULAR_SETTINGS = {
    'TITLE': 'Support Desk API',
    'DESCRIPTION': 'Example support desk backend used by the clientgen end-to-end tests.',
    'VERSION': API_VERSION,
    'OAS_VERSION': os.environ.get('SPECTACULAR_OAS_VERSION', '3.0.3'),
    'SCHEMA_PATH_PREFIX': '/api',
    'COMPONENT_SPLIT_REQUEST': True,
    'SERVE_INCLUDE_SCHEMA': False,
    'SERVE_AUTHENTICATION': [],
    'SERVE_PERMISSIONS': ['rest_framework.permissions.AllowAny'],
    'ENUM_NAME_OVERRIDES': {
        'TicketStatusEnum': 'tickets.models.Ticket.Status',
        'PriorityEnum': 'tickets.models.Ticket.Priority',
        'CategoryEnum': 'tickets.models.Ticket.Category',
        'RoleEnum': 'accounts.models.Profile.Role',
    },
}
