from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import HealthSerializer


@extend_schema(tags=['health'], responses=HealthSerializer)
class HealthView(APIView):
    """Report that the service is up, and its API version. Needs no authentication."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        return Response(HealthSerializer({'status': 'ok', 'version': settings.API_VERSION}).data)
