from django.urls import path

from . import api

urlpatterns = [
    path("organisations/<str:code>/members/", api.MemberList.as_view(), name="api-members"),
    path("organisations/<str:code>/members/history/", api.MemberHistory.as_view(), name="api-member-history"),
    path("organisations/<str:code>/members/<int:pk>/", api.MemberDetail.as_view(), name="api-member"),
    path("organisations/<str:code>/invitations/", api.InvitationList.as_view(), name="api-invitations"),
    path("organisations/<str:code>/invitations/<int:pk>/", api.InvitationDetail.as_view(), name="api-invitation"),
    path("organisations/<str:code>/invitations/<int:pk>/resend/", api.InvitationResend.as_view(),
         name="api-invitation-resend"),
]
