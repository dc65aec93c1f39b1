"""Staff second-factor pages: enrol a TOTP app, and enter its code after the password."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from convene.core import otp
from convene.core.access import staff_required


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Code from your authenticator app"),
        regex=r"^\s*\d{6,8}\s*$",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")


@staff_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if otp.staff_has_device(user) and not user.is_verified():  # type: ignore[arg-type, union-attr]
        # A password alone never adds a device to an account that already has one.
        return HttpResponseRedirect(
            reverse("staff-otp-verify") + "?next=" + reverse("staff-otp-enrol")
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.totp_enrolment_confirm(request=request, user=user, token=form.cleaned_data["token"]):  # type: ignore[arg-type]
            return HttpResponseRedirect(_next(request))
        form.add_error("token", _("This code is not right. Check the time on your phone."))
    device = otp.totp_enrolment_get(user=user)  # type: ignore[arg-type]
    return render(
        request,
        "registration/otp_enrol.html",
        {
            "form": form,
            "uri": device.config_url,
            "qr": otp.qr_svg_data_uri(device.config_url),
            "next": _next(request),
        },
        status=400 if form.errors else 200,
    )


@login_required(login_url="staff-login")
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.totp_verify(request=request, user=request.user, token=form.cleaned_data["token"]):  # type: ignore[arg-type]
            return HttpResponseRedirect(_next(request))
        form.add_error("token", _("This code is not right. Check the time on your phone."))
    return render(
        request,
        "registration/otp_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )
