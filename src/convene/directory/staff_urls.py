from django.urls import path

from convene.directory import import_views, staff_views

app_name = "directory_staff"

urlpatterns = [
    path("review/", staff_views.review_queue, name="review-queue"),
    path("review/<int:pk>/", staff_views.review_item, name="review-item"),
    path("imports/members/", import_views.member_import_index, name="member-imports"),
    path("imports/members/<int:pk>/", import_views.member_import_preview, name="member-import"),
]
