"""The person's verification page: each kind he needs with its state (a refusal with the
office's words), an upload page per kind, and his documents streamed back to him (and to the
authority) after people.services.read_document's check, each read audited."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.errors import DomainError
from vip.people import services
from vip.people.models import Role, VerificationKind, document_storage
from vip.people.rules import EXTENSIONS, DocumentType
from vip.web import refusals
from vip.web.access import for_role, person
from vip.web.templatetags.vip_format import country_choices
from vip.web.verification_selectors import NEEDED, kind_hint, kind_name, verification_page

ON_THE_FORM = {
    "DOCUMENT_TYPE_NOT_ALLOWED": "document",
    "DOCUMENT_TOO_LARGE": "document",
    "DOCUMENT_NUMBER_MISSING": "document_number",
    "CITIZENSHIP_COUNTRY_MISSING": "country",
}


class DocumentForm(forms.Form):
    """A document of one kind; an identity's number, a citizenship's country. Its type and size
    are the service's to check (the form checks shape only)."""

    document = forms.FileField(label=gettext_lazy("Document"))
    document_number = forms.CharField(label=gettext_lazy("Document number"), max_length=64)
    country = forms.ChoiceField(label=gettext_lazy("Country of citizenship"))

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.VIP_DOCUMENT_MAX_BYTES // (1024 * 1024)
        self.fields["document"].help_text = _(
            "A PDF, JPEG or PNG file of at most %(mb)s MB: a scan or a clear photograph."
        ) % {"mb": megabytes}
        if kind != VerificationKind.IDENTITY:
            del self.fields["document_number"]
        if kind == VerificationKind.CITIZENSHIP:
            country = self.fields["country"]
            assert isinstance(country, forms.ChoiceField)
            country.choices = [("", "—"), *country_choices()]
        else:
            del self.fields["country"]


def needed_kind(request: HttpRequest, kind: str) -> str:
    if kind not in NEEDED.get(person(request).role, ()):
        raise Http404
    return kind


@for_role(Role.SPONSOR, Role.MIGRANT)
def verification(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/verification/page.html", {"kinds": verification_page(person(request))}
    )


@for_role(Role.SPONSOR, Role.MIGRANT)
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    kind = needed_kind(request, kind)
    posted = request.method == "POST"
    form = DocumentForm(
        request.POST if posted else None, request.FILES if posted else None, kind=kind
    )
    if form.is_bound and form.is_valid():
        try:
            services.ask_verification(
                person=person(request),
                kind=VerificationKind(kind),
                upload=form.cleaned_data["document"],
                document_number=form.cleaned_data.get("document_number", ""),
                country=form.cleaned_data.get("country", ""),
            )
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_FORM)
        else:
            messages.success(request, _("Your document is sent: the office checks it."))
            return redirect("web:verification")
    context = {"form": form, "kind": kind, "kind_name": kind_name(kind), "hint": kind_hint(kind)}
    return render(request, "web/verification/upload.html", context)


@for_role(Role.SPONSOR, Role.MIGRANT, Role.AUTHORITY)
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    """The file itself, to its person and the authority only (404 to anyone else); the read is
    audited before a byte is sent."""
    found = services.read_document(reader=person(request), document_id=document_id)
    name = f"document-{found.pk}{EXTENSIONS[DocumentType(found.content_type)]}"
    response = FileResponse(
        document_storage().open(str(found.file.name)),
        content_type=found.content_type,
        filename=name,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return cast("HttpResponse", response)  # streamed: for_role takes it as any response
