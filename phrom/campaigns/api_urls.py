from django.urls import path

from . import api

urlpatterns = [
    path("campaigns/", api.CampaignList.as_view(), name="api-campaigns"),
    path("campaigns/<int:pk>/", api.CampaignDetail.as_view(), name="api-campaign"),
    path("campaigns/<int:pk>/close/", api.CampaignClose.as_view(), name="api-campaign-close"),
    path("campaigns/<int:pk>/reopen/", api.CampaignReopen.as_view(), name="api-campaign-reopen"),
    path("campaigns/<int:pk>/inbox/", api.CampaignInbox.as_view(), name="api-campaign-inbox"),
    path("campaigns/<int:pk>/follow-up/", api.CampaignFollowUp.as_view(), name="api-campaign-follow-up"),
    path("campaigns/<int:pk>/reminders/", api.CampaignReminders.as_view(), name="api-campaign-reminders"),
    path("campaigns/<int:pk>/submissions/", api.CampaignSubmit.as_view(), name="api-campaign-submit"),
    path("campaigns/<int:pk>/declarations/", api.CampaignDeclare.as_view(), name="api-campaign-declare"),
    path("campaigns/<int:pk>/agencies/<str:code>/", api.CampaignAgency.as_view(), name="api-campaign-agency"),
    path("submissions/<int:pk>/", api.SubmissionDetail.as_view(), name="api-submission"),
    path("submissions/<int:pk>/approve/", api.SubmissionApprove.as_view(), name="api-submission-approve"),
    path("submissions/<int:pk>/decline/", api.SubmissionDecline.as_view(), name="api-submission-decline"),
    path("submissions/<int:pk>/document/", api.SubmissionDocument.as_view(), name="api-submission-document"),
    path("submissions/<int:pk>/attachment/", api.SubmissionAttachment.as_view(), name="api-submission-attachment"),
    path("submissions/<int:pk>/reviews/", api.SubmissionReview.as_view(), name="api-submission-review"),
    path("submissions/<int:pk>/history/", api.SubmissionHistory.as_view(), name="api-submission-history"),
    path("submissions/<int:pk>/comments/", api.SubmissionComments.as_view(), name="api-submission-comments"),
    path("submissions/<int:pk>/audit/", api.SubmissionAudit.as_view(), name="api-submission-audit"),
]
