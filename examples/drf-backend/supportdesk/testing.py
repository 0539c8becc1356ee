"""Helpers shared by the test suites of the apps."""

from django.contrib.auth import get_user_model

from accounts.models import Profile


def make_user(username, role=Profile.Role.CUSTOMER, password=None):
    """A user with the given role; without a password unless one is needed (hashing is slow)."""
    user = get_user_model().objects.create_user(username=username, password=password)
    user.profile.role = role
    user.profile.display_name = username.title()
    user.profile.save()
    return user
