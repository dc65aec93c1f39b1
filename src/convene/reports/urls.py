"""Staff pages of the impact report (mounted under /staff/reports/)."""

from django.urls import path, re_path

from convene.reports import views

app_name = "reports"

FILE = r"report\.(?P<extension>xlsx|pdf)$"

urlpatterns = [
    path("", views.report, name="report"),
    path("rows/", views.figure, name="figure"),
    re_path(rf"^{FILE}", views.report_file, name="file"),
    path("snapshots/", views.snapshot_list, name="snapshots"),
    path("snapshots/new/", views.snapshot_create, name="snapshot-create"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot"),
    re_path(rf"^snapshots/(?P<pk>[0-9]+)/{FILE}", views.snapshot_file, name="snapshot-file"),
]
