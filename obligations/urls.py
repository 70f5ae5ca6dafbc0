from django.contrib.auth import views as auth_views
from django.urls import path

from obligations.views import dashboard

# Each page area adds its routes in its own block below.
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Dashboard
    path("", dashboard.dashboard, name="dashboard"),
]
