import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from django.conf import settings
from django.test import SimpleTestCase
from rest_framework import status
from rest_framework.test import APITestCase

OPERATIONS = {
    ('post', '/api/auth/token/'): 'auth_token_create',
    ('get', '/api/health/'): 'health_retrieve',
    ('get', '/api/accounts/me/'): 'accounts_me_retrieve',
    ('patch', '/api/accounts/me/'): 'accounts_me_partial_update',
    ('get', '/api/accounts/users/'): 'accounts_users_list',
    ('get', '/api/accounts/users/{id}/'): 'accounts_users_retrieve',
    ('get', '/api/tickets/'): 'tickets_list',
    ('post', '/api/tickets/'): 'tickets_create',
    ('get', '/api/tickets/{id}/'): 'tickets_retrieve',
    ('put', '/api/tickets/{id}/'): 'tickets_update',
    ('patch', '/api/tickets/{id}/'): 'tickets_partial_update',
    ('delete', '/api/tickets/{id}/'): 'tickets_destroy',
    ('post', '/api/tickets/{id}/close/'): 'tickets_close_create',
    ('get', '/api/tickets/{id}/attachments/'): 'tickets_attachments_list',
    ('post', '/api/tickets/{id}/attachments/'): 'tickets_attachments_create',
    ('get', '/api/attachments/{id}/download/'): 'attachments_download_retrieve',
    ('get', '/api/tickets/{ticket_pk}/comments/'): 'tickets_comments_list',
    ('post', '/api/tickets/{ticket_pk}/comments/'): 'tickets_comments_create',
    ('get', '/api/tickets/{ticket_pk}/comments/{id}/'): 'tickets_comments_retrieve',
    ('patch', '/api/tickets/{ticket_pk}/comments/{id}/'): 'tickets_comments_partial_update',
    ('delete', '/api/tickets/{ticket_pk}/comments/{id}/'): 'tickets_comments_destroy',
}

COMPONENTS = {
    'Attachment', 'AttachmentRequest', 'AuthTokenRequest', 'BlankEnum', 'CategoryEnum', 'Comment',
    'CommentRequest', 'Health', 'NullEnum', 'PaginatedCommentList', 'PaginatedTicketList', 'PaginatedUserList',
    'PatchedCommentRequest', 'PatchedProfileRequest', 'PatchedTicketRequest', 'PriorityEnum', 'Profile',
    'RoleEnum', 'Ticket', 'TicketCloseRequest', 'TicketRequest', 'TicketStatusEnum', 'Token', 'User',
    'UserSummary',
}


class HealthTests(APITestCase):
    def test_health_is_public(self):
        response = self.client.get('/api/health/')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json(), {'status': 'ok', 'version': '1.0.0'})

    def test_health_ignores_bad_credentials(self):
        response = self.client.get('/api/health/', HTTP_AUTHORIZATION='Token bogus', HTTP_X_API_KEY='bogus')
        self.assertEqual(response.status_code, status.HTTP_200_OK)

    def test_schema_is_served_publicly(self):
        response = self.client.get('/api/schema/', HTTP_AUTHORIZATION='Token bogus')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        schema = yaml.safe_load(response.content)
        self.assertEqual(schema['info'], {
            'title': 'Support Desk API',
            'version': '1.0.0',
            'description': 'Example support desk backend used by the clientgen end-to-end tests.',
        })
        self.assertNotIn('/api/schema/', schema['paths'])

        as_json = self.client.get('/api/schema/', {'format': 'json'})
        self.assertEqual(as_json.status_code, status.HTTP_200_OK)
        self.assertEqual(as_json.json()['openapi'], '3.0.3')


class SchemaDumpTests(SimpleTestCase):
    """Runs ``manage.py spectacular --validate --fail-on-warn`` the way the README documents it."""

    def dump(self, oas_version):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / 'schema.yaml'
            result = subprocess.run(
                [sys.executable, 'manage.py', 'spectacular', '--validate', '--fail-on-warn', '--file', str(path)],
                cwd=settings.BASE_DIR,
                env={**os.environ, 'SPECTACULAR_OAS_VERSION': oas_version},
                capture_output=True,
                text=True,
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stderr, '')
            return yaml.safe_load(path.read_text())

    def assert_common_structure(self, schema):
        operations = {
            (method, path): operation['operationId']
            for path, item in schema['paths'].items()
            for method, operation in item.items()
        }
        self.assertEqual(operations, OPERATIONS)
        self.assertEqual(set(schema['components']['schemas']), COMPONENTS)
        self.assertEqual(
            schema['components']['securitySchemes']['apiKeyAuth'],
            {
                'type': 'apiKey',
                'in': 'header',
                'name': 'X-API-Key',
                'description': 'An API key issued to a user, sent as-is in the X-API-Key header.',
            },
        )
        self.assertEqual(schema['paths']['/api/tickets/']['get']['security'], [{'tokenAuth': []}, {'apiKeyAuth': []}])
        self.assertEqual(schema['paths']['/api/health/']['get']['security'], [{}])

        parameters = {p['name']: p for p in schema['paths']['/api/tickets/']['get']['parameters']}
        self.assertEqual(set(parameters), {'page', 'page_size', 'status', 'priority', 'search', 'ordering', 'tags'})
        self.assertEqual(parameters['tags']['schema'], {'type': 'array', 'items': {'type': 'string'}})
        self.assertEqual((parameters['tags']['style'], parameters['tags']['explode']), ('form', True))
        self.assertEqual(parameters['priority']['schema'], {'type': 'integer', 'enum': [1, 2, 3, 4]})

        comment_params = schema['paths']['/api/tickets/{ticket_pk}/comments/{id}/']['get']['parameters']
        self.assertEqual(
            {p['name']: p['schema'] for p in comment_params}, {'id': {'type': 'integer'}, 'ticket_pk': {'type': 'integer'}}
        )

        upload = schema['paths']['/api/tickets/{id}/attachments/']['post']
        self.assertEqual(
            upload['requestBody']['content'],
            {'multipart/form-data': {'schema': {'$ref': '#/components/schemas/AttachmentRequest'}}},
        )
        download = schema['paths']['/api/attachments/{id}/download/']['get']
        self.assertEqual(
            download['responses']['200']['content'],
            {'application/octet-stream': {'schema': {'type': 'string', 'format': 'binary'}}},
        )
        for name in ('TicketStatusEnum', 'PriorityEnum', 'CategoryEnum', 'RoleEnum'):
            self.assertIn('enum', schema['components']['schemas'][name])

    def test_openapi_3_0(self):
        schema = self.dump('3.0.3')
        self.assertEqual(schema['openapi'], '3.0.3')
        self.assert_common_structure(schema)
        category = schema['components']['schemas']['Ticket']['properties']['category']
        self.assertEqual(
            category,
            {
                'nullable': True,
                'oneOf': [
                    {'$ref': '#/components/schemas/CategoryEnum'},
                    {'$ref': '#/components/schemas/BlankEnum'},
                    {'$ref': '#/components/schemas/NullEnum'},
                ],
            },
        )
        self.assertEqual(schema['components']['schemas']['BlankEnum'], {'enum': ['']})
        self.assertEqual(schema['components']['schemas']['NullEnum'], {'enum': [None]})

    def test_openapi_3_1(self):
        schema = self.dump('3.1.0')
        self.assertEqual(schema['openapi'], '3.1.0')
        self.assert_common_structure(schema)
        category = schema['components']['schemas']['Ticket']['properties']['category']
        self.assertEqual([ref['$ref'].rsplit('/', 1)[1] for ref in category['oneOf']],
                         ['CategoryEnum', 'BlankEnum', 'NullEnum'])
        self.assertEqual(schema['components']['schemas']['NullEnum'], {'type': 'null'})
        assignee = schema['components']['schemas']['Ticket']['properties']['assignee']
        self.assertEqual(assignee['type'], ['integer', 'null'])
