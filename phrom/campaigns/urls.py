from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_new, name="new"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/close/", views.campaign_close, name="close"),
    path("<int:pk>/inbox/", views.inbox, name="inbox"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/reminders/", views.send_reminders, name="send_reminders"),
    path("<int:pk>/agency/<str:code>/", views.agency, name="agency"),
    path("<int:pk>/agency/<str:code>/submit/", views.agency_submit, name="agency_submit"),
    path("<int:pk>/agency/<str:code>/declare/", views.agency_declare, name="agency_declare"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("submissions/<int:pk>/review/", views.submission_review, name="review"),
    path("submissions/<int:pk>/approve/", views.submission_approve, name="approve"),
    path("submissions/<int:pk>/audit/", views.submission_audit, name="audit"),
    path("submissions/<int:pk>/attachment/", views.submission_attachment, name="attachment"),
    path("comments/<int:pk>/done/", views.comment_resolve, name="comment_done"),
]
