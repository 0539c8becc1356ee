from rest_framework import status
from rest_framework.test import APITestCase

from accounts.models import Profile
from supportdesk.testing import make_user
from tickets.models import Comment, Ticket


class CommentTests(APITestCase):
    def setUp(self):
        self.agent = make_user('alice', Profile.Role.AGENT)
        self.customer = make_user('bob')
        self.ticket = Ticket.objects.create(title='Printer on fire', reporter=self.customer)
        self.url = f'/api/tickets/{self.ticket.id}/comments/'
        self.client.force_authenticate(self.customer)

    def test_create_and_list(self):
        response = self.client.post(self.url, {'body': 'Still burning.'})
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        comment = Comment.objects.get()
        self.assertEqual(
            response.json(),
            {
                'id': comment.id,
                'ticket': self.ticket.id,
                'author': {'id': self.customer.id, 'username': 'bob', 'display_name': 'Bob'},
                'body': 'Still burning.',
                'is_internal': False,
                'created_at': response.json()['created_at'],
            },
        )

        self.client.force_authenticate(self.agent)
        self.client.post(self.url, {'body': 'Agents only.', 'is_internal': True})
        body = self.client.get(self.url).json()
        self.assertEqual(body['count'], 2)
        self.assertIsNone(body['next'])
        self.assertEqual([c['body'] for c in body['results']], ['Still burning.', 'Agents only.'])
        self.assertEqual(body['results'][1]['is_internal'], True)
        self.assertEqual(self.client.get(f'/api/tickets/{self.ticket.id}/').json()['comment_count'], 2)

    def test_list_is_paginated(self):
        Comment.objects.bulk_create(
            Comment(ticket=self.ticket, author=self.customer, body=f'Comment {n}') for n in range(12)
        )
        body = self.client.get(self.url, {'page_size': 5, 'page': 3}).json()
        self.assertEqual(body['count'], 12)
        self.assertEqual([c['body'] for c in body['results']], ['Comment 10', 'Comment 11'])
        self.assertEqual(body['previous'], f'http://testserver{self.url}?page=2&page_size=5')

    def test_body_is_required(self):
        response = self.client.post(self.url, {'is_internal': False})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(response.json(), {'body': ['This field is required.']})

    def test_retrieve_patch_and_delete(self):
        comment = Comment.objects.create(ticket=self.ticket, author=self.customer, body='Typo')
        detail = f'{self.url}{comment.id}/'
        self.assertEqual(self.client.get(detail).json()['body'], 'Typo')

        response = self.client.patch(detail, {'body': 'Fixed', 'ticket': 9999})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()['body'], 'Fixed')
        self.assertEqual(response.json()['ticket'], self.ticket.id)

        self.assertEqual(self.client.delete(detail).status_code, status.HTTP_204_NO_CONTENT)
        self.assertFalse(Comment.objects.exists())

    def test_put_is_not_allowed(self):
        comment = Comment.objects.create(ticket=self.ticket, author=self.customer, body='Typo')
        response = self.client.put(f'{self.url}{comment.id}/', {'body': 'Fixed'})
        self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)

    def test_only_author_or_agent_may_change_a_comment(self):
        comment = Comment.objects.create(ticket=self.ticket, author=self.agent, body='We are on it.')
        detail = f'{self.url}{comment.id}/'
        self.assertEqual(self.client.get(detail).status_code, status.HTTP_200_OK)
        response = self.client.patch(detail, {'body': 'Nobody is on it.'})
        self.assertEqual(response.status_code, status.HTTP_403_FORBIDDEN)
        self.assertEqual(response.json(), {'detail': 'Only the author of this comment or an agent can change it.'})
        self.assertEqual(self.client.delete(detail).status_code, status.HTTP_403_FORBIDDEN)

        own = Comment.objects.create(ticket=self.ticket, author=self.customer, body='Mine')
        self.client.force_authenticate(self.agent)
        response = self.client.patch(f'{self.url}{own.id}/', {'body': 'Edited by an agent'})
        self.assertEqual(response.status_code, status.HTTP_200_OK)

    def test_comment_of_another_ticket_is_404(self):
        other = Ticket.objects.create(title='Other ticket', reporter=self.customer)
        comment = Comment.objects.create(ticket=other, author=self.customer, body='Elsewhere')
        self.assertEqual(self.client.get(f'{self.url}{comment.id}/').status_code, status.HTTP_404_NOT_FOUND)

    def test_unknown_ticket_is_404(self):
        self.assertEqual(self.client.get('/api/tickets/9999/comments/').status_code, status.HTTP_404_NOT_FOUND)
        response = self.client.post('/api/tickets/9999/comments/', {'body': 'Hello?'})
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)

    def test_requires_authentication(self):
        anonymous = self.client_class()
        self.assertEqual(anonymous.get(self.url).status_code, status.HTTP_401_UNAUTHORIZED)
