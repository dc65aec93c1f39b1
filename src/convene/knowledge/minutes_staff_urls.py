"""Staff addresses of minutes and documents, under /staff/minutes/."""

from django.urls import path

from convene.knowledge import minutes_staff_views as views

app_name = "minutes_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<slug:slug>/", views.edit, name="edit"),
    path("sessions/<slug:slug>/revisions/", views.revisions_diff, name="diff"),
    path("sessions/<slug:slug>/documents/", views.session_document_upload, name="session-upload"),
    path("sessions/<slug:slug>/<str:action>/", views.publish, name="action"),
    path("sections/<slug:slug>/documents/", views.section_documents, name="section-documents"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document-delete"),
]
