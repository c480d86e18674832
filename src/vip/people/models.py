"""People: users with one role each, their profiles and their verifications."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    pass
