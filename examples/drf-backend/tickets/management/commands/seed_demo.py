import datetime
import os
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import ApiKey, Profile, hash_api_key
from tickets.models import Comment, Ticket

User = get_user_model()

DEFAULT_API_KEY = 'demo-api-key-0123456789'

USERS = [
    {
        'username': 'alice',
        'password': 'alice-password',
        'email': 'alice@example.com',
        'first_name': 'Alice',
        'last_name': 'Agent',
        'profile': {'display_name': 'Alice (Support)', 'role': Profile.Role.AGENT, 'timezone': 'Europe/Berlin'},
    },
    {
        'username': 'bob',
        'password': 'bob-password',
        'email': 'bob@example.com',
        'first_name': 'Bob',
        'last_name': 'Customer',
        'profile': {'display_name': 'Bob', 'role': Profile.Role.CUSTOMER, 'timezone': 'UTC'},
    },
]

# Fixed UUIDs make the seeded tickets recognisable across runs.
TICKETS = [
    {
        'uuid': uuid.UUID('00000000-0000-4000-8000-000000000001'),
        'title': 'Cannot log in to the customer portal',
        'description': 'Since yesterday the portal says my password is wrong.',
        'status': Ticket.Status.OPEN,
        'priority': Ticket.Priority.HIGH,
        'category': Ticket.Category.ACCOUNT,
        'tags': ['login', 'portal'],
        'assignee': 'alice',
        'due_date': datetime.date(2030, 1, 15),
        'estimate_hours': Decimal('1.50'),
        'comments': [
            ('bob', 'I already tried resetting my password.', False),
            ('alice', 'Thanks, we are looking into it.', False),
            ('alice', 'Probably caused by the SSO migration.', True),
        ],
    },
    {
        'uuid': uuid.UUID('00000000-0000-4000-8000-000000000002'),
        'title': 'Invoice shows the wrong VAT rate',
        'description': 'Invoice 2024-0042 uses 19% instead of 7%.',
        'status': Ticket.Status.IN_PROGRESS,
        'priority': Ticket.Priority.NORMAL,
        'category': Ticket.Category.BILLING,
        'tags': ['billing', 'invoice'],
        'assignee': 'alice',
        'due_date': None,
        'estimate_hours': Decimal('2.00'),
        'comments': [
            ('alice', 'Forwarded to the finance team.', False),
        ],
    },
    {
        'uuid': uuid.UUID('00000000-0000-4000-8000-000000000003'),
        'title': 'Feature request: dark mode',
        'description': '',
        'status': Ticket.Status.OPEN,
        'priority': Ticket.Priority.LOW,
        'category': None,
        'tags': ['ui'],
        'assignee': None,
        'due_date': None,
        'estimate_hours': None,
        'comments': [],
    },
]


class Command(BaseCommand):
    help = (
        'Create (or reset) the demo users alice and bob, an API key for alice and '
        'three tickets reported by bob. Safe to run repeatedly.'
    )

    @transaction.atomic
    def handle(self, *args, **options):
        users = {spec['username']: self.seed_user(spec) for spec in USERS}
        raw_key = os.environ.get('DRF_BACKEND_API_KEY', DEFAULT_API_KEY)
        self.seed_api_key(users['alice'], raw_key)
        for spec in TICKETS:
            self.seed_ticket(spec, reporter=users['bob'], users=users)

        self.stdout.write(self.style.SUCCESS('Demo data ready.'))
        for spec in USERS:
            self.stdout.write(f"  user {spec['username']} / {spec['password']} ({spec['profile']['role']})")
        self.stdout.write(f'  API key of alice (X-API-Key): {raw_key}')

    def seed_user(self, spec):
        user, _ = User.objects.update_or_create(
            username=spec['username'],
            defaults={key: spec[key] for key in ('email', 'first_name', 'last_name')},
        )
        user.set_password(spec['password'])
        user.save()
        Profile.objects.update_or_create(user=user, defaults=spec['profile'])
        return user

    def seed_api_key(self, user, raw_key):
        # Replace the demo key when DRF_BACKEND_API_KEY changed since the last run.
        user.api_keys.filter(name='demo').exclude(hashed_key=hash_api_key(raw_key)).delete()
        if not user.api_keys.filter(name='demo').exists():
            ApiKey.objects.create_key(user, name='demo', raw_key=raw_key)

    def seed_ticket(self, spec, reporter, users):
        fields = {key: value for key, value in spec.items() if key not in ('uuid', 'assignee', 'comments')}
        ticket, _ = Ticket.objects.update_or_create(
            uuid=spec['uuid'],
            defaults={
                **fields,
                'reporter': reporter,
                'assignee': users.get(spec['assignee']),
                'resolution': '',
            },
        )
        for author, body, is_internal in spec['comments']:
            Comment.objects.get_or_create(
                ticket=ticket,
                author=users[author],
                body=body,
                defaults={'is_internal': is_internal},
            )
