from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register('accounts/users', views.UserViewSet, basename='user')

urlpatterns = [
    path('auth/token/', views.ObtainTokenView.as_view(), name='auth-token'),
    path('accounts/me/', views.MeView.as_view(), name='me'),
    path('', include(router.urls)),
]
