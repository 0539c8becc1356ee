"""URL configuration: the whole API lives under ``/api/``."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from .views import HealthView

api_urlpatterns = [
    path('health/', HealthView.as_view(), name='health'),
    path('schema/', SpectacularAPIView.as_view(), name='schema'),
    path('', include('accounts.urls')),
    path('', include('tickets.urls')),
]

urlpatterns = [
    path('api/', include(api_urlpatterns)),
]

# Uploaded files are served by Django itself only while DEBUG is on;
# GET /api/attachments/{id}/download/ works either way.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
