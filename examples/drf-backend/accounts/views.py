from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import ProfileSerializer, TokenSerializer, UserSerializer

User = get_user_model()


@extend_schema(tags=['auth'], request=AuthTokenSerializer, responses=TokenSerializer)
class ObtainTokenView(APIView):
    """
    Obtain an API token.

    Exchanges a username and password for the user's token (created on first
    use). Send it back as ``Authorization: Token <token>``.
    """

    authentication_classes = []
    permission_classes = [permissions.AllowAny]

    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={'request': request})
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data['user'])
        return Response(TokenSerializer(token, context={'request': request}).data)


@extend_schema(tags=['accounts'])
class MeView(APIView):
    """The authenticated user and its profile."""

    @extend_schema(summary='Get the current user', responses=UserSerializer)
    def get(self, request):
        """Return the authenticated user with its nested profile."""
        return Response(UserSerializer(request.user).data)

    @extend_schema(summary="Update the current user's profile", request=ProfileSerializer, responses=UserSerializer)
    def patch(self, request):
        """Update profile fields (``display_name``, ``timezone``, ``bio``) and return the updated user."""
        serializer = ProfileSerializer(request.user.profile, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(UserSerializer(request.user).data)


@extend_schema(tags=['accounts'])
class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Users of the support desk, with their profiles (read-only)."""

    queryset = User.objects.select_related('profile').order_by('id')
    serializer_class = UserSerializer
    lookup_value_converter = 'int'
