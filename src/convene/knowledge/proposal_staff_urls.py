from django.urls import path

from convene.knowledge import proposal_staff_views as views

app_name = "proposals_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.round_form, name="round-new"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views.round_form, name="round-edit"),
    path("<int:pk>/", views.proposal_detail, name="proposal"),
    path("<int:pk>/<str:action>/", views.proposal_action, name="proposal-action"),
]
