from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.test import APITestCase

from supportdesk.testing import make_user

from .models import ApiKey, Profile, hash_api_key


class AuthenticationTests(APITestCase):
    def setUp(self):
        self.user = make_user('carol', password='carol-password')

    def test_no_credentials_is_401_with_token_challenge(self):
        response = self.client.get('/api/tickets/')
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.assertEqual(response['WWW-Authenticate'], 'Token')
        self.assertEqual(response.json(), {'detail': 'Authentication credentials were not provided.'})

    def test_obtain_token(self):
        response = self.client.post('/api/auth/token/', {'username': 'carol', 'password': 'carol-password'})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json(), {'token': Token.objects.get(user=self.user).key})
        again = self.client.post('/api/auth/token/', {'username': 'carol', 'password': 'carol-password'})
        self.assertEqual(again.json(), response.json())

    def test_obtain_token_with_wrong_password_is_400(self):
        response = self.client.post('/api/auth/token/', {'username': 'carol', 'password': 'wrong'})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(list(response.json()), ['non_field_errors'])

    def test_obtain_token_requires_both_fields(self):
        response = self.client.post('/api/auth/token/', {})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(set(response.json()), {'username', 'password'})

    def test_obtain_token_ignores_stale_credentials(self):
        self.client.credentials(HTTP_AUTHORIZATION='Token not-a-token')
        response = self.client.post('/api/auth/token/', {'username': 'carol', 'password': 'carol-password'})
        self.assertEqual(response.status_code, status.HTTP_200_OK)

    def test_token_authentication(self):
        token = Token.objects.create(user=self.user)
        self.client.credentials(HTTP_AUTHORIZATION=f'Token {token.key}')
        response = self.client.get('/api/accounts/me/')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()['username'], 'carol')

    def test_wrong_token_is_401(self):
        self.client.credentials(HTTP_AUTHORIZATION='Token not-a-token')
        response = self.client.get('/api/accounts/me/')
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.assertEqual(response.json(), {'detail': 'Invalid token.'})

    def test_api_key_authentication(self):
        ApiKey.objects.create_key(self.user, name='ci', raw_key='raw-key-for-carol')
        response = self.client.get('/api/accounts/me/', HTTP_X_API_KEY='raw-key-for-carol')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()['username'], 'carol')

    def test_wrong_api_key_is_401(self):
        ApiKey.objects.create_key(self.user, name='ci', raw_key='raw-key-for-carol')
        response = self.client.get('/api/accounts/me/', HTTP_X_API_KEY='raw-key-for-someone-else')
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.assertEqual(response['WWW-Authenticate'], 'Token')
        self.assertEqual(response.json(), {'detail': 'Invalid API key.'})

    def test_api_key_of_inactive_user_is_401(self):
        ApiKey.objects.create_key(self.user, name='ci', raw_key='raw-key-for-carol')
        self.user.is_active = False
        self.user.save()
        response = self.client.get('/api/accounts/me/', HTTP_X_API_KEY='raw-key-for-carol')
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)

    def test_api_keys_are_stored_hashed(self):
        api_key, raw_key = ApiKey.objects.create_key(self.user, name='generated')
        self.assertGreaterEqual(len(raw_key), 32)
        self.assertEqual(api_key.prefix, raw_key[:8])
        self.assertEqual(api_key.hashed_key, hash_api_key(raw_key))
        self.assertNotIn(raw_key, api_key.hashed_key)


class MeTests(APITestCase):
    def setUp(self):
        self.user = make_user('carol')
        self.client.force_authenticate(self.user)

    def test_profile_is_created_with_the_user(self):
        self.assertEqual(self.user.profile.role, Profile.Role.CUSTOMER)
        self.assertEqual(self.user.profile.timezone, 'UTC')

    def test_get_me(self):
        response = self.client.get('/api/accounts/me/')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(
            response.json(),
            {
                'id': self.user.id,
                'username': 'carol',
                'email': '',
                'first_name': '',
                'last_name': '',
                'profile': {'display_name': 'Carol', 'role': 'customer', 'timezone': 'UTC', 'bio': ''},
            },
        )

    def test_patch_me_updates_profile_but_not_role(self):
        response = self.client.patch(
            '/api/accounts/me/',
            {'display_name': 'Carol C.', 'bio': 'Likes tickets.', 'timezone': 'Europe/Paris', 'role': 'admin'},
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(
            response.json()['profile'],
            {'display_name': 'Carol C.', 'role': 'customer', 'timezone': 'Europe/Paris', 'bio': 'Likes tickets.'},
        )
        self.user.profile.refresh_from_db()
        self.assertEqual(self.user.profile.display_name, 'Carol C.')
        self.assertEqual(self.user.profile.role, Profile.Role.CUSTOMER)

    def test_patch_me_validates(self):
        response = self.client.patch('/api/accounts/me/', {'timezone': ''})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn('timezone', response.json())

    def test_put_me_is_not_allowed(self):
        response = self.client.put('/api/accounts/me/', {'display_name': 'x'})
        self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)


class UserTests(APITestCase):
    def setUp(self):
        self.users = [make_user(f'user{i:02d}') for i in range(12)]
        self.client.force_authenticate(self.users[0])

    def test_list_is_paginated(self):
        response = self.client.get('/api/accounts/users/')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertEqual(body['count'], 12)
        self.assertEqual(len(body['results']), 10)
        self.assertEqual(body['next'], 'http://testserver/api/accounts/users/?page=2')
        self.assertIsNone(body['previous'])
        self.assertEqual(body['results'][0]['username'], 'user00')
        self.assertEqual(body['results'][0]['profile']['role'], 'customer')

        second = self.client.get(body['next']).json()
        self.assertEqual([u['username'] for u in second['results']], ['user10', 'user11'])
        self.assertIsNone(second['next'])

    def test_retrieve(self):
        user = self.users[3]
        response = self.client.get(f'/api/accounts/users/{user.id}/')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()['username'], 'user03')

    def test_unknown_user_is_404(self):
        response = self.client.get('/api/accounts/users/9999/')
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)

    def test_users_are_read_only(self):
        response = self.client.post('/api/accounts/users/', {'username': 'new'})
        self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
