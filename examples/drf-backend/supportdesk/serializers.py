from rest_framework import serializers


class HealthSerializer(serializers.Serializer):
    """Liveness report of the service."""

    status = serializers.CharField()
    version = serializers.CharField()
