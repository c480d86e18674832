from __future__ import annotations

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "vip.people"
    label = "people"

    def ready(self) -> None:
        from allauth.account import signals
        from allauth.mfa import signals as mfa_signals
        from django.contrib.auth.signals import user_logged_in

        from vip.people import login

        user_logged_in.connect(login.on_logged_in, dispatch_uid="vip-login-succeeded")
        for changed in (signals.password_changed, signals.password_reset, signals.password_set):
            changed.connect(login.on_password_changed, dispatch_uid="vip-password-changed")
        mfa_signals.authentication_failed.connect(
            login.on_second_factor_failed, dispatch_uid="vip-second-factor-failed"
        )
