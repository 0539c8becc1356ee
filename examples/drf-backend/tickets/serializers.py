import mimetypes

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.serializers import UserSummarySerializer

from .models import Attachment, Comment, Ticket


class TicketSerializer(serializers.ModelSerializer):
    """A support ticket."""

    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False)
    comment_count = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = [
            'id',
            'uuid',
            'title',
            'description',
            'status',
            'priority',
            'category',
            'tags',
            'reporter',
            'assignee',
            'due_date',
            'estimate_hours',
            'resolution',
            'created_at',
            'updated_at',
            'closed_at',
            'comment_count',
        ]
        read_only_fields = ['reporter', 'resolution']
        extra_kwargs = {
            'title': {'min_length': 3},
            # The choices already bound priority; the database's integer range
            # validators would only add a meaningless minimum/maximum to the schema.
            'priority': {'validators': []},
        }

    @extend_schema_field(OpenApiTypes.INT)
    def get_comment_count(self, ticket):
        # The viewset annotates its queryset; freshly created tickets are counted directly.
        if hasattr(ticket, 'num_comments'):
            return ticket.num_comments
        return ticket.comments.count()


class TicketCloseSerializer(serializers.Serializer):
    """Closes the ticket it is bound to, recording how it was resolved."""

    resolution = serializers.CharField(help_text='How the ticket was resolved.')

    def validate(self, attrs):
        if self.instance.status == Ticket.Status.CLOSED:
            raise serializers.ValidationError('Ticket is already closed.')
        return attrs

    def update(self, ticket, validated_data):
        ticket.status = Ticket.Status.CLOSED
        ticket.resolution = validated_data['resolution']
        ticket.save()
        return ticket


class TicketFilterSerializer(serializers.Serializer):
    """Validates the query parameters of the ticket list."""

    ORDERING_CHOICES = ['created_at', '-created_at', 'priority', '-priority']

    status = serializers.ChoiceField(choices=Ticket.Status.choices, required=False)
    priority = serializers.ChoiceField(choices=Ticket.Priority.choices, required=False)
    search = serializers.CharField(required=False)
    ordering = serializers.ChoiceField(choices=ORDERING_CHOICES, required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)


class CommentSerializer(serializers.ModelSerializer):
    """A comment on a ticket."""

    author = UserSummarySerializer(read_only=True)

    class Meta:
        model = Comment
        fields = ['id', 'ticket', 'author', 'body', 'is_internal', 'created_at']
        read_only_fields = ['ticket']


class AttachmentSerializer(serializers.ModelSerializer):
    """A file attached to a ticket; ``file`` is uploaded as multipart form data and returned as a URL."""

    class Meta:
        model = Attachment
        fields = ['id', 'ticket', 'file', 'filename', 'size', 'content_type', 'description', 'uploaded_at']
        read_only_fields = ['ticket', 'filename', 'size', 'content_type']

    def create(self, validated_data):
        upload = validated_data['file']
        validated_data['filename'] = upload.name
        validated_data['size'] = upload.size
        validated_data['content_type'] = (
            upload.content_type or mimetypes.guess_type(upload.name)[0] or 'application/octet-stream'
        )
        return super().create(validated_data)
