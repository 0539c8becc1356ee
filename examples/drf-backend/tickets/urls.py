from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register('tickets', views.TicketViewSet, basename='ticket')
router.register('tickets/<int:ticket_pk>/comments', views.CommentViewSet, basename='ticket-comment')

urlpatterns = [
    path('attachments/<int:pk>/download/', views.AttachmentDownloadView.as_view(), name='attachment-download'),
    path('', include(router.urls)),
]
