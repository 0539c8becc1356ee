from rest_framework import status
from rest_framework.test import APITestCase

from accounts.models import Profile
from supportdesk.testing import make_user
from tickets.models import Comment, Ticket


class TicketTestCase(APITestCase):
    def setUp(self):
        self.agent = make_user('alice', Profile.Role.AGENT)
        self.customer = make_user('bob')
        self.other_customer = make_user('carol')

    def make_ticket(self, title='Printer on fire', reporter=None, **fields):
        return Ticket.objects.create(title=title, reporter=reporter or self.customer, **fields)


class TicketCrudTests(TicketTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_authenticate(self.customer)

    def test_create_with_defaults(self):
        response = self.client.post('/api/tickets/', {'title': 'Cannot print'})
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        body = response.json()
        ticket = Ticket.objects.get()
        self.assertEqual(body['id'], ticket.id)
        self.assertEqual(body['uuid'], str(ticket.uuid))
        self.assertEqual(body['title'], 'Cannot print')
        self.assertEqual(body['description'], '')
        self.assertEqual(body['status'], 'open')
        self.assertEqual(body['priority'], 2)
        self.assertIsNone(body['category'])
        self.assertEqual(body['tags'], [])
        self.assertEqual(body['reporter'], self.customer.id)
        self.assertIsNone(body['assignee'])
        self.assertIsNone(body['due_date'])
        self.assertIsNone(body['estimate_hours'])
        self.assertEqual(body['resolution'], '')
        self.assertIsNone(body['closed_at'])
        self.assertEqual(body['comment_count'], 0)
        self.assertTrue(body['created_at'].endswith('Z'))

    def test_create_with_all_fields(self):
        response = self.client.post(
            '/api/tickets/',
            {
                'title': 'Refund please',
                'description': 'Charged twice.',
                'status': 'in_progress',
                'priority': 4,
                'category': 'billing',
                'tags': ['billing', 'refund'],
                'assignee': self.agent.id,
                'due_date': '2030-02-28',
                'estimate_hours': '12.50',
            },
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        body = response.json()
        self.assertEqual(body['status'], 'in_progress')
        self.assertEqual(body['priority'], 4)
        self.assertEqual(body['category'], 'billing')
        self.assertEqual(body['tags'], ['billing', 'refund'])
        self.assertEqual(body['assignee'], self.agent.id)
        self.assertEqual(body['due_date'], '2030-02-28')
        self.assertEqual(body['estimate_hours'], '12.50')

    def test_read_only_fields_are_ignored_on_create(self):
        response = self.client.post(
            '/api/tickets/',
            {'title': 'Sneaky', 'reporter': self.agent.id, 'uuid': '00000000-0000-4000-8000-00000000abcd',
             'closed_at': '2020-01-01T00:00:00Z', 'comment_count': 7, 'resolution': 'none'},
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        body = response.json()
        self.assertEqual(body['reporter'], self.customer.id)
        self.assertNotEqual(body['uuid'], '00000000-0000-4000-8000-00000000abcd')
        self.assertIsNone(body['closed_at'])
        self.assertEqual(body['comment_count'], 0)
        self.assertEqual(body['resolution'], '')

    def test_title_is_required_and_at_least_three_characters(self):
        response = self.client.post('/api/tickets/', {'description': 'no title'})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(response.json(), {'title': ['This field is required.']})

        response = self.client.post('/api/tickets/', {'title': 'ab'})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(response.json(), {'title': ['Ensure this field has at least 3 characters.']})

    def test_field_validation_errors(self):
        response = self.client.post(
            '/api/tickets/',
            {'title': 'Valid title', 'status': 'lost', 'priority': 7, 'tags': 'not-a-list',
             'assignee': 9999, 'due_date': 'tomorrow', 'estimate_hours': '123456.5'},
        )
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(
            set(response.json()), {'status', 'priority', 'tags', 'assignee', 'due_date', 'estimate_hours'}
        )

    def test_category_accepts_blank_and_null(self):
        blank = self.client.post('/api/tickets/', {'title': 'Blank category', 'category': ''})
        self.assertEqual(blank.status_code, status.HTTP_201_CREATED)
        self.assertEqual(blank.json()['category'], '')

        null = self.client.post('/api/tickets/', {'title': 'Null category', 'category': None})
        self.assertEqual(null.status_code, status.HTTP_201_CREATED)
        self.assertIsNone(null.json()['category'])

        invalid = self.client.post('/api/tickets/', {'title': 'Odd category', 'category': 'sales'})
        self.assertEqual(invalid.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(invalid.json(), {'category': ['"sales" is not a valid choice.']})

    def test_retrieve(self):
        ticket = self.make_ticket(category=Ticket.Category.TECHNICAL)
        Comment.objects.create(ticket=ticket, author=self.agent, body='On it.')
        response = self.client.get(f'/api/tickets/{ticket.id}/')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertEqual(body['title'], 'Printer on fire')
        self.assertEqual(body['category'], 'technical')
        self.assertEqual(body['comment_count'], 1)

    def test_unknown_ticket_is_404(self):
        response = self.client.get('/api/tickets/9999/')
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertEqual(response.json(), {'detail': 'No Ticket matches the given query.'})

    def test_put_replaces_writable_fields(self):
        ticket = self.make_ticket(description='old', tags=['a'], priority=Ticket.Priority.HIGH)
        response = self.client.put(f'/api/tickets/{ticket.id}/', {'title': 'Printer fixed?', 'tags': ['b']})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertEqual(body['title'], 'Printer fixed?')
        self.assertEqual(body['tags'], ['b'])
        self.assertEqual(body['reporter'], self.customer.id)

        response = self.client.put(f'/api/tickets/{ticket.id}/', {'description': 'no title'})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(list(response.json()), ['title'])

    def test_patch_updates_given_fields(self):
        ticket = self.make_ticket(description='keep me', category=Ticket.Category.BILLING)
        response = self.client.patch(
            f'/api/tickets/{ticket.id}/', {'priority': 3, 'category': None, 'estimate_hours': 4}
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertEqual(body['priority'], 3)
        self.assertIsNone(body['category'])
        self.assertEqual(body['estimate_hours'], '4.00')
        self.assertEqual(body['description'], 'keep me')
        self.assertEqual(body['title'], 'Printer on fire')

    def test_patch_status_maintains_closed_at(self):
        ticket = self.make_ticket()
        closed = self.client.patch(f'/api/tickets/{ticket.id}/', {'status': 'closed'}).json()
        self.assertIsNotNone(closed['closed_at'])
        reopened = self.client.patch(f'/api/tickets/{ticket.id}/', {'status': 'open'}).json()
        self.assertIsNone(reopened['closed_at'])

    def test_destroy(self):
        ticket = self.make_ticket()
        response = self.client.delete(f'/api/tickets/{ticket.id}/')
        self.assertEqual(response.status_code, status.HTTP_204_NO_CONTENT)
        self.assertEqual(response.content, b'')
        self.assertFalse(Ticket.objects.exists())
        self.assertEqual(self.client.delete(f'/api/tickets/{ticket.id}/').status_code, status.HTTP_404_NOT_FOUND)


class TicketListTests(TicketTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_authenticate(self.agent)

    def titles(self, response):
        self.assertEqual(response.status_code, status.HTTP_200_OK, response.content)
        return [ticket['title'] for ticket in response.json()['results']]

    def test_pagination(self):
        for number in range(25):
            self.make_ticket(f'Ticket {number:02d}')

        first = self.client.get('/api/tickets/').json()
        self.assertEqual(first['count'], 25)
        self.assertEqual(len(first['results']), 10)
        self.assertEqual(first['results'][0]['title'], 'Ticket 24')
        self.assertEqual(first['next'], 'http://testserver/api/tickets/?page=2')
        self.assertIsNone(first['previous'])

        last = self.client.get('/api/tickets/', {'page': 3}).json()
        self.assertEqual(len(last['results']), 5)
        self.assertIsNone(last['next'])
        self.assertEqual(last['previous'], 'http://testserver/api/tickets/?page=2')

        sized = self.client.get('/api/tickets/', {'page_size': 20, 'page': 2}).json()
        self.assertEqual(len(sized['results']), 5)
        self.assertEqual(sized['previous'], 'http://testserver/api/tickets/?page_size=20')

        self.assertEqual(self.client.get('/api/tickets/', {'page': 4}).status_code, status.HTTP_404_NOT_FOUND)

    def test_page_size_is_capped_at_100(self):
        Ticket.objects.bulk_create(
            Ticket(title=f'Bulk {number}', reporter=self.customer) for number in range(101)
        )
        body = self.client.get('/api/tickets/', {'page_size': 500}).json()
        self.assertEqual(body['count'], 101)
        self.assertEqual(len(body['results']), 100)

    def test_filter_by_status_priority_and_search(self):
        self.make_ticket('Broken login', status=Ticket.Status.IN_PROGRESS, priority=Ticket.Priority.URGENT)
        self.make_ticket('Login slow', priority=Ticket.Priority.URGENT)
        self.make_ticket('Invoice missing', status=Ticket.Status.IN_PROGRESS)

        self.assertEqual(
            self.titles(self.client.get('/api/tickets/', {'status': 'in_progress'})),
            ['Invoice missing', 'Broken login'],
        )
        self.assertEqual(
            self.titles(self.client.get('/api/tickets/', {'priority': 4})), ['Login slow', 'Broken login']
        )
        self.assertEqual(
            self.titles(self.client.get('/api/tickets/', {'search': 'LOGIN', 'status': 'open'})), ['Login slow']
        )

    def test_ordering(self):
        self.make_ticket('Low', priority=Ticket.Priority.LOW)
        self.make_ticket('Urgent', priority=Ticket.Priority.URGENT)
        self.make_ticket('Normal')

        self.assertEqual(self.titles(self.client.get('/api/tickets/')), ['Normal', 'Urgent', 'Low'])
        self.assertEqual(
            self.titles(self.client.get('/api/tickets/', {'ordering': 'created_at'})), ['Low', 'Urgent', 'Normal']
        )
        self.assertEqual(
            self.titles(self.client.get('/api/tickets/', {'ordering': 'priority'})), ['Low', 'Normal', 'Urgent']
        )
        self.assertEqual(
            self.titles(self.client.get('/api/tickets/', {'ordering': '-priority'})), ['Urgent', 'Normal', 'Low']
        )

    def test_filter_by_any_of_several_tags(self):
        self.make_ticket('Billing', tags=['billing'])
        self.make_ticket('Login', tags=['login', 'portal'])
        self.make_ticket('UI', tags=['ui'])
        self.make_ticket('Untagged')

        self.assertEqual(self.titles(self.client.get('/api/tickets/?tags=login')), ['Login'])
        self.assertEqual(
            self.titles(self.client.get('/api/tickets/?tags=billing&tags=portal')), ['Login', 'Billing']
        )
        self.assertEqual(self.titles(self.client.get('/api/tickets/?tags=nothing')), [])
        self.assertEqual(len(self.titles(self.client.get('/api/tickets/'))), 4)

    def test_tag_filter_matches_whole_tags_only(self):
        self.make_ticket('Login', tags=['login'])
        self.assertEqual(self.titles(self.client.get('/api/tickets/?tags=log')), [])

    def test_invalid_filters_are_400(self):
        response = self.client.get('/api/tickets/', {'status': 'lost', 'priority': 9, 'ordering': 'title'})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(
            response.json(),
            {
                'status': ['"lost" is not a valid choice.'],
                'priority': ['"9" is not a valid choice.'],
                'ordering': ['"title" is not a valid choice.'],
            },
        )


class VisibilityTests(TicketTestCase):
    def setUp(self):
        super().setUp()
        self.own = self.make_ticket('Mine', reporter=self.customer)
        self.foreign = self.make_ticket('Not mine', reporter=self.other_customer)

    def test_customer_sees_only_own_tickets(self):
        self.client.force_authenticate(self.customer)
        body = self.client.get('/api/tickets/').json()
        self.assertEqual(body['count'], 1)
        self.assertEqual(body['results'][0]['id'], self.own.id)
        self.assertEqual(self.client.get(f'/api/tickets/{self.own.id}/').status_code, status.HTTP_200_OK)

    def test_foreign_tickets_are_404_for_customers(self):
        self.client.force_authenticate(self.customer)
        for method, path in [
            ('get', f'/api/tickets/{self.foreign.id}/'),
            ('patch', f'/api/tickets/{self.foreign.id}/'),
            ('delete', f'/api/tickets/{self.foreign.id}/'),
            ('post', f'/api/tickets/{self.foreign.id}/close/'),
            ('get', f'/api/tickets/{self.foreign.id}/comments/'),
            ('get', f'/api/tickets/{self.foreign.id}/attachments/'),
        ]:
            with self.subTest(method=method, path=path):
                response = getattr(self.client, method)(path, {'resolution': 'x'} if method == 'post' else None)
                self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)

    def test_agents_and_admins_see_everything(self):
        admin = make_user('root', Profile.Role.ADMIN)
        for user in (self.agent, admin):
            with self.subTest(user=user.username):
                self.client.force_authenticate(user)
                self.assertEqual(self.client.get('/api/tickets/').json()['count'], 2)
                response = self.client.get(f'/api/tickets/{self.foreign.id}/')
                self.assertEqual(response.status_code, status.HTTP_200_OK)


class CloseTicketTests(TicketTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_authenticate(self.agent)
        self.ticket = self.make_ticket()

    def test_close(self):
        response = self.client.post(f'/api/tickets/{self.ticket.id}/close/', {'resolution': 'Put out the fire.'})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertEqual(body['id'], self.ticket.id)
        self.assertEqual(body['status'], 'closed')
        self.assertEqual(body['resolution'], 'Put out the fire.')
        self.assertIsNotNone(body['closed_at'])
        self.ticket.refresh_from_db()
        self.assertEqual(self.ticket.status, Ticket.Status.CLOSED)
        self.assertIsNotNone(self.ticket.closed_at)

    def test_resolution_is_required(self):
        response = self.client.post(f'/api/tickets/{self.ticket.id}/close/', {})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(response.json(), {'resolution': ['This field is required.']})

    def test_closing_twice_is_400(self):
        self.client.post(f'/api/tickets/{self.ticket.id}/close/', {'resolution': 'Done.'})
        response = self.client.post(f'/api/tickets/{self.ticket.id}/close/', {'resolution': 'Again.'})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(response.json(), {'non_field_errors': ['Ticket is already closed.']})
        self.ticket.refresh_from_db()
        self.assertEqual(self.ticket.resolution, 'Done.')

    def test_close_unknown_ticket_is_404(self):
        response = self.client.post('/api/tickets/9999/close/', {'resolution': 'Done.'})
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
