"""The background task that e-mails a notice (django-tasks: the database backend and `vip
worker` in production, the immediate backend in the tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from vip.notifications import services
from vip.notifications.models import Notification
from vip.notifications.selectors import told


@task()
def email_notification(notification_id: int) -> None:
    """The notice in each of the portal's languages (the platform does not know which one the
    person reads), with the link to its page."""
    found = Notification.objects.select_related("person").filter(pk=notification_id).first()
    if found is None or found.emailed_at is not None or not found.person.email:
        return
    notice = told(found)
    parts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts.append(
                render_to_string(
                    "notifications/email.txt",
                    {"notice": notice, "site": settings.VIP_SITE_URL, "person": found.person},
                )
            )
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"VIP: {notice.words}"
    send_mail(subject, "\n\n".join(parts), None, [found.person.email])
    services.record_emailed(notification_id=found.pk)
