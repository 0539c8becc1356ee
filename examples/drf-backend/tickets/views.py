from django.db.models import Count
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, negotiation, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from .models import Attachment, Comment, Ticket
from .permissions import IsAuthorOrStaffRole
from .serializers import (
    AttachmentSerializer,
    CommentSerializer,
    TicketCloseSerializer,
    TicketFilterSerializer,
    TicketSerializer,
)

TICKET_LIST_PARAMETERS = [
    OpenApiParameter('status', str, enum=Ticket.Status.values, description='Only tickets with this status.'),
    OpenApiParameter('priority', int, enum=Ticket.Priority.values, description='Only tickets with this priority.'),
    OpenApiParameter('search', str, description='Only tickets whose title contains this text (case-insensitive).'),
    OpenApiParameter(
        'ordering',
        str,
        enum=TicketFilterSerializer.ORDERING_CHOICES,
        description='Sort order; a leading `-` sorts descending. Newest tickets come first by default.',
    ),
    OpenApiParameter(
        'tags',
        str,
        many=True,
        style='form',
        explode=True,
        description='Only tickets having at least one of these tags (repeat the parameter: `?tags=a&tags=b`).',
    ),
]


@extend_schema_view(
    list=extend_schema(summary='List tickets', parameters=TICKET_LIST_PARAMETERS),
    create=extend_schema(summary='Create a ticket'),
    retrieve=extend_schema(summary='Get a ticket'),
    update=extend_schema(summary='Replace a ticket'),
    partial_update=extend_schema(summary='Update a ticket'),
    destroy=extend_schema(summary='Delete a ticket'),
)
class TicketViewSet(viewsets.ModelViewSet):
    """
    Support tickets.

    Customers see and work on the tickets they reported; agents and admins see
    every ticket. The reporter is the user who created the ticket.
    """

    serializer_class = TicketSerializer
    lookup_value_converter = 'int'

    def get_queryset(self):
        queryset = Ticket.objects.visible_to(self.request.user).annotate(num_comments=Count('comments'))
        # Meta.ordering is dropped from GROUP BY queries, so repeat it explicitly.
        return queryset.order_by(*Ticket._meta.ordering)

    def filter_queryset(self, queryset):
        if self.action != 'list':
            return queryset
        params = TicketFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        if 'status' in filters:
            queryset = queryset.filter(status=filters['status'])
        if 'priority' in filters:
            queryset = queryset.filter(priority=filters['priority'])
        if filters.get('search'):
            queryset = queryset.filter(title__icontains=filters['search'])
        if filters.get('tags'):
            queryset = queryset.filter(tags__contains_any=filters['tags'])
        if 'ordering' in filters:
            tiebreak = '-id' if filters['ordering'].startswith('-') else 'id'
            queryset = queryset.order_by(filters['ordering'], tiebreak)
        return queryset

    def perform_create(self, serializer):
        serializer.save(reporter=self.request.user)

    @extend_schema(summary='Close a ticket', request=TicketCloseSerializer, responses=TicketSerializer)
    @action(detail=True, methods=['post'])
    def close(self, request, pk=None):
        """
        Close the ticket, recording the resolution and the closing time.

        Closing a ticket that is already closed is rejected with a 400.
        """
        ticket = self.get_object()
        serializer = TicketCloseSerializer(ticket, data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(self.get_serializer(ticket).data)

    @extend_schema(
        summary="List a ticket's attachments",
        tags=['attachments'],
        responses=AttachmentSerializer(many=True),
    )
    @action(
        detail=True,
        methods=['get'],
        serializer_class=AttachmentSerializer,
        parser_classes=[MultiPartParser],
        pagination_class=None,
    )
    def attachments(self, request, pk=None):
        """All files attached to the ticket, oldest first (not paginated)."""
        ticket = self.get_object()
        serializer = self.get_serializer(ticket.attachments.all(), many=True)
        return Response(serializer.data)

    @extend_schema(
        summary='Upload an attachment',
        tags=['attachments'],
        request=AttachmentSerializer,
        responses={status.HTTP_201_CREATED: AttachmentSerializer},
    )
    @attachments.mapping.post
    def upload_attachment(self, request, pk=None):
        """Attach a file to the ticket, sent as `multipart/form-data` with a `file` part."""
        ticket = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save(ticket=ticket)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


@extend_schema(tags=['comments'])
@extend_schema_view(
    list=extend_schema(summary="List a ticket's comments"),
    create=extend_schema(summary='Comment on a ticket'),
    retrieve=extend_schema(summary='Get a comment'),
    partial_update=extend_schema(summary='Edit a comment'),
    destroy=extend_schema(summary='Delete a comment'),
)
class CommentViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """
    Comments on a ticket, oldest first.

    Comments can be read and added by anyone who can see the ticket; only the
    author or an agent/admin may edit or delete one.
    """

    queryset = Comment.objects.select_related('author__profile')
    serializer_class = CommentSerializer
    permission_classes = [permissions.IsAuthenticated, IsAuthorOrStaffRole]
    http_method_names = ['get', 'post', 'patch', 'delete', 'head', 'options']
    lookup_value_converter = 'int'

    @cached_property
    def ticket(self):
        visible = Ticket.objects.visible_to(self.request.user)
        return get_object_or_404(visible, pk=self.kwargs['ticket_pk'])

    def get_queryset(self):
        return super().get_queryset().filter(ticket=self.ticket)

    def perform_create(self, serializer):
        serializer.save(ticket=self.ticket, author=self.request.user)


class IgnoreAcceptContentNegotiation(negotiation.DefaultContentNegotiation):
    """
    Always answer with the first renderer, whatever the Accept header says.

    File downloads bypass the renderers, so they must not fail content
    negotiation when a client asks for ``application/octet-stream`` or the
    file's own type; errors are still rendered as JSON.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@extend_schema(
    tags=['attachments'],
    summary='Download an attachment',
    responses={(status.HTTP_200_OK, 'application/octet-stream'): OpenApiTypes.BINARY},
)
class AttachmentDownloadView(generics.GenericAPIView):
    """Return the raw bytes of an attachment, with its stored content type."""

    content_negotiation_class = IgnoreAcceptContentNegotiation

    def get_queryset(self):
        return Attachment.objects.filter(ticket__in=Ticket.objects.visible_to(self.request.user))

    def get(self, request, pk):
        attachment = self.get_object()
        return FileResponse(
            attachment.file.open('rb'),
            as_attachment=True,
            filename=attachment.filename,
            content_type=attachment.content_type,
        )
