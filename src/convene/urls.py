from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from convene.api import api
from convene.attendance.urls import registrant_list_urlpatterns
from convene.core import otp_views
from convene.core import views as core_views
from convene.core.forms import StaffAuthenticationForm
from convene.directory import views as directory_views
from convene.pages import (
    minutes_blocks,  # noqa: F401  (adds its block to the section page)
    section_practices,  # noqa: F401  (adds its block to section pages)
)
from convene.pages.dashboard import dashboard
from convene.pages.network_staff import network_hub
from convene.privacy import views as privacy_views
from convene.registrations import staff_urls as registrations_staff_urls

urlpatterns = [
    path("", core_views.home, name="home"),
    path("about/", core_views.about, name="about"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "staff/login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=StaffAuthenticationForm
        ),
        name="staff-login",
    ),
    path("staff/logout/", auth_views.LogoutView.as_view(), name="staff-logout"),
    path("staff/otp/verify/", otp_views.otp_verify, name="staff-otp-verify"),
    path("staff/otp/enrol/", otp_views.otp_enrol, name="staff-otp-enrol"),
    path("staff/", dashboard, name="staff-dashboard"),
    path("staff/network/", network_hub, name="staff-network"),
    path("staff/outbox/", core_views.outbox, name="outbox"),
    path("staff/outbox/<str:name>", core_views.outbox_message, name="outbox-message"),
    path(
        "staff/outbox/<str:name>/attachments/<int:index>",
        core_views.outbox_message_attachment,
        name="outbox-attachment",
    ),
    path("privacy/", privacy_views.notice, name="privacy"),
    path("directory/suggest/", directory_views.organisation_suggest, name="organisation-suggest"),
    path("", include("convene.directory.member_urls")),
    # Before the network's section pages, whose /network/<slug>/ would take "proposals".
    path("network/proposals/", include("convene.knowledge.proposal_urls")),
    # Before the sections' /network/<slug>/: "practices", "cities" and "peers" are not sections.
    path("network/", include("convene.knowledge.network_urls")),
    # Fixed addresses first: /network/<slug>/ is a section.
    path("network/", include("convene.knowledge.minutes_urls")),
    path("network/", include("convene.pages.network_urls")),
    path("", include("convene.pages.urls")),
    path("", include("convene.registrations.urls")),
    path("staff/attendance/", include("convene.attendance.urls")),
    path("staff/directory/", include("convene.directory.staff_urls")),
    path("staff/directory/", include("convene.pages.directory_urls")),
    path("staff/reports/", include("convene.reports.urls")),
    path("staff/privacy/", include("convene.privacy.staff_urls")),
    path("", include("convene.privacy.urls")),
    path("staff/programme/", include("convene.pages.staff_urls")),
    path("staff/proposals/", include("convene.knowledge.proposal_staff_urls")),
    path("staff/network/sections/", include("convene.sections.staff_urls")),
    path("staff/announcements/", include("convene.announcements.staff_urls")),
    path("news/", include("convene.announcements.urls")),
    path("staff/minutes/", include("convene.knowledge.minutes_staff_urls")),
    path(
        "staff/",
        include(
            (
                registrations_staff_urls.urlpatterns + registrant_list_urlpatterns,
                "registrations_staff",
            )
        ),
    ),
    path("staff/practices/", include("convene.knowledge.practice_staff_urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
