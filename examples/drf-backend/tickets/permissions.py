from rest_framework import permissions


class IsAuthorOrStaffRole(permissions.BasePermission):
    """Anyone who can see a comment may read it; only its author or an agent/admin may change it."""

    message = 'Only the author of this comment or an agent can change it.'

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.author_id == request.user.id or request.user.profile.is_staff_role
