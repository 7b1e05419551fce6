from django.urls import path, re_path

from . import views

app_name = "documents"

urlpatterns = [
    re_path(r"^plans/(?P<pk>\d+)\.(?P<fmt>pdf|docx)$", views.plan_file, name="plan"),
    re_path(r"^submissions/(?P<pk>\d+)\.(?P<fmt>pdf|docx)$", views.submission_file, name="submission"),
    path("plans/<int:pk>/pocket-cards/", views.pocket_cards, name="pocket_cards"),
    path("plans/<int:pk>/pocket-cards/all.pdf", views.pocket_card, name="pocket_cards_pdf"),
    path("plans/<int:pk>/pocket-cards/<slug:key>.pdf", views.pocket_card, name="pocket_card_pdf"),
]
