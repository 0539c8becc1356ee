import os
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework import status
from rest_framework.test import APITestCase

from accounts.models import ApiKey, Profile
from tickets.models import Comment, Ticket


class SeedDemoTests(APITestCase):
    def seed(self, **env):
        output = StringIO()
        with mock.patch.dict(os.environ, env):
            call_command('seed_demo', stdout=output)
        return output.getvalue()

    def test_seeds_users_key_and_tickets_idempotently(self):
        output = self.seed()
        self.assertIn('alice / alice-password (agent)', output)
        self.assertIn('bob / bob-password (customer)', output)
        self.assertIn('demo-api-key-0123456789', output)

        Ticket.objects.filter(title='Feature request: dark mode').update(status=Ticket.Status.CLOSED)
        self.seed()

        alice = get_user_model().objects.get(username='alice')
        bob = get_user_model().objects.get(username='bob')
        self.assertEqual(alice.profile.role, Profile.Role.AGENT)
        self.assertEqual(bob.profile.role, Profile.Role.CUSTOMER)
        self.assertTrue(alice.check_password('alice-password'))
        self.assertTrue(bob.check_password('bob-password'))
        self.assertEqual(ApiKey.objects.count(), 1)
        self.assertEqual(Comment.objects.count(), 4)
        self.assertEqual(
            list(Ticket.objects.order_by('id').values_list('id', 'title', 'status', 'reporter__username')),
            [
                (1, 'Cannot log in to the customer portal', 'open', 'bob'),
                (2, 'Invoice shows the wrong VAT rate', 'in_progress', 'bob'),
                (3, 'Feature request: dark mode', 'open', 'bob'),
            ],
        )

    def test_demo_credentials_work_over_the_api(self):
        self.seed()
        response = self.client.post('/api/auth/token/', {'username': 'bob', 'password': 'bob-password'})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
        self.assertEqual(self.client.get('/api/tickets/').json()['count'], 3)

        self.client.credentials(HTTP_X_API_KEY='demo-api-key-0123456789')
        self.assertEqual(self.client.get('/api/accounts/me/').json()['username'], 'alice')

    def test_api_key_comes_from_the_environment(self):
        self.seed()
        output = self.seed(DRF_BACKEND_API_KEY='another-demo-key')
        self.assertIn('another-demo-key', output)
        self.assertEqual(ApiKey.objects.count(), 1)
        self.assertEqual(self.client.get('/api/accounts/me/', HTTP_X_API_KEY='another-demo-key').status_code, 200)
        self.assertEqual(
            self.client.get('/api/accounts/me/', HTTP_X_API_KEY='demo-api-key-0123456789').status_code, 401
        )
