from django.urls import path

from convene.directory import directory_views, import_views, staff_views

app_name = "directory_staff"

urlpatterns = [
    path("", directory_views.organisation_list, name="organisations"),
    path("review/", staff_views.review_queue, name="review-queue"),
    path("review/<int:pk>/", staff_views.review_item, name="review-item"),
    path(
        "organisations/<int:pk>/edit/",
        directory_views.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "organisations/<int:pk>/merge/",
        directory_views.organisation_merge_view,
        name="organisation-merge",
    ),
    path(
        "organisations/<int:pk>/memberships/add/",
        directory_views.membership_add_view,
        name="membership-add",
    ),
    path("memberships/<int:pk>/", directory_views.membership_edit_view, name="membership-edit"),
    path("people/", directory_views.person_list, name="people"),
    path(
        "people/<int:pk>/approve/",
        staff_views.person_organisation_approve_view,
        name="person-approve",
    ),
    path("imports/members/", import_views.member_import_index, name="member-imports"),
    path("imports/members/<int:pk>/", import_views.member_import_preview, name="member-import"),
]
