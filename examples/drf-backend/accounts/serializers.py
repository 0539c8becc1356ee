from django.contrib.auth import get_user_model
from rest_framework import serializers

from .models import Profile

User = get_user_model()


class ProfileSerializer(serializers.ModelSerializer):
    """Profile fields; the role is managed by administrators and read-only here."""

    class Meta:
        model = Profile
        fields = ['display_name', 'role', 'timezone', 'bio']
        read_only_fields = ['role']


class UserSerializer(serializers.ModelSerializer):
    """A user with its nested profile."""

    profile = ProfileSerializer(read_only=True)

    class Meta:
        model = User
        fields = ['id', 'username', 'email', 'first_name', 'last_name', 'profile']
        read_only_fields = fields


class UserSummarySerializer(serializers.ModelSerializer):
    """The few user fields embedded in other resources."""

    display_name = serializers.CharField(source='profile.display_name', read_only=True)

    class Meta:
        model = User
        fields = ['id', 'username', 'display_name']
        read_only_fields = fields


class TokenSerializer(serializers.Serializer):
    """An authentication token to send as ``Authorization: Token <token>``."""

    token = serializers.CharField(source='key', read_only=True)
