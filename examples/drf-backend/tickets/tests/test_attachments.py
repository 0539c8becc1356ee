import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework import status
from rest_framework.test import APITestCase

from accounts.models import Profile
from supportdesk.testing import make_user
from tickets.models import Attachment, Ticket

PNG_BYTES = b'\x89PNG\r\n\x1a\n' + bytes(range(256)) * 4


class AttachmentTests(APITestCase):
    def setUp(self):
        media_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media_root)
        media = override_settings(MEDIA_ROOT=media_root)
        media.enable()
        self.addCleanup(media.disable)

        self.agent = make_user('alice', Profile.Role.AGENT)
        self.customer = make_user('bob')
        self.ticket = Ticket.objects.create(title='Printer on fire', reporter=self.customer)
        self.url = f'/api/tickets/{self.ticket.id}/attachments/'
        self.client.force_authenticate(self.customer)

    def upload(self, name='screenshot.png', content=PNG_BYTES, content_type='image/png', **data):
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        return self.client.post(self.url, {'file': upload, **data}, format='multipart')

    def test_upload_and_download_round_trip(self):
        response = self.upload(description='What I see')
        self.assertEqual(response.status_code, status.HTTP_201_CREATED, response.content)
        body = response.json()
        attachment = Attachment.objects.get()
        self.assertEqual(body['id'], attachment.id)
        self.assertEqual(body['ticket'], self.ticket.id)
        self.assertEqual(body['filename'], 'screenshot.png')
        self.assertEqual(body['size'], len(PNG_BYTES))
        self.assertEqual(body['content_type'], 'image/png')
        self.assertEqual(body['description'], 'What I see')
        self.assertTrue(body['file'].startswith('http://testserver/media/attachments/'))
        self.assertTrue(body['file'].endswith('.png'))

        download = self.client.get(f'/api/attachments/{attachment.id}/download/')
        self.assertEqual(download.status_code, status.HTTP_200_OK)
        self.assertEqual(download['Content-Type'], 'image/png')
        self.assertEqual(download['Content-Length'], str(len(PNG_BYTES)))
        self.assertEqual(download['Content-Disposition'], 'attachment; filename="screenshot.png"')
        self.assertEqual(b''.join(download.streaming_content), PNG_BYTES)

    def test_download_honours_any_accept_header(self):
        attachment_id = self.upload().json()['id']
        for accept in ('application/octet-stream', 'image/png', '*/*', 'application/json'):
            with self.subTest(accept=accept):
                download = self.client.get(f'/api/attachments/{attachment_id}/download/', HTTP_ACCEPT=accept)
                self.assertEqual(download.status_code, status.HTTP_200_OK)
                self.assertEqual(b''.join(download.streaming_content), PNG_BYTES)

    def test_content_type_falls_back_to_the_file_name(self):
        body = self.upload(name='notes.txt', content=b'plain text\n', content_type='').json()
        self.assertEqual(body['content_type'], 'text/plain')
        self.assertEqual(body['description'], '')
        body = self.upload(name='blob', content=b'\x00\x01', content_type='').json()
        self.assertEqual(body['content_type'], 'application/octet-stream')

    def test_list_is_a_plain_array(self):
        self.upload(name='one.png')
        self.upload(name='two.png')
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual([a['filename'] for a in response.json()], ['one.png', 'two.png'])

    def test_file_is_required(self):
        response = self.client.post(self.url, {'description': 'no file'}, format='multipart')
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(response.json(), {'file': ['No file was submitted.']})

    def test_upload_must_be_multipart(self):
        response = self.client.post(self.url, {'file': 'not a file'}, format='json')
        self.assertEqual(response.status_code, status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)

    def test_unknown_attachment_is_404_in_json(self):
        response = self.client.get('/api/attachments/9999/download/', HTTP_ACCEPT='application/octet-stream')
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertEqual(response['Content-Type'], 'application/json')
        self.assertEqual(response.json(), {'detail': 'No Attachment matches the given query.'})

    def test_attachments_of_foreign_tickets_are_hidden(self):
        self.client.force_authenticate(self.agent)
        other = Ticket.objects.create(title='Agent ticket', reporter=self.agent)
        upload = SimpleUploadedFile('secret.txt', b'secret', content_type='text/plain')
        response = self.client.post(f'/api/tickets/{other.id}/attachments/', {'file': upload}, format='multipart')
        attachment_id = response.json()['id']

        self.client.force_authenticate(self.customer)
        self.assertEqual(
            self.client.get(f'/api/attachments/{attachment_id}/download/').status_code, status.HTTP_404_NOT_FOUND
        )

    def test_download_requires_authentication(self):
        attachment_id = self.upload().json()['id']
        anonymous = self.client_class()
        response = anonymous.get(f'/api/attachments/{attachment_id}/download/')
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
