from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("join/<str:token>/", views.accept, name="accept"),
    path("<str:code>/", views.members_page, name="page"),
    path("<str:code>/invitations/<int:pk>/resend/", views.resend, name="resend"),
    path("<str:code>/invitations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<str:code>/people/<int:pk>/role/", views.change_role, name="role"),
    path("<str:code>/people/<int:pk>/remove/", views.remove, name="remove"),
]
