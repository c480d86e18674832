"""Verification documents go through STORAGES["documents"]: files under var/documents by default,
any backend (an S3-compatible store) by VIP_DOCUMENTS_STORAGE and its options."""

from __future__ import annotations

import json
from pathlib import Path

from tests.settings.process import BIN, run, setting


def documents(tmp_path: Path, **variables: str) -> dict[str, object]:
    found: dict[str, object] = json.loads(
        setting("__import__('json').dumps(settings.STORAGES['documents'])", tmp_path, **variables)
    )
    return found


def test_by_default_they_are_files_under_var(tmp_path: Path) -> None:
    assert documents(tmp_path / "var", VIP_DEBUG="1") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "var" / "documents")},
    }


def test_another_backend_is_named_with_its_options(tmp_path: Path) -> None:
    """As django-storages' S3Storage would be (not installed here: the models load the backend,
    so another of Django's own stands in for it)."""
    backend, options = "django.core.files.storage.InMemoryStorage", {"base_url": "/nowhere/"}
    assert documents(
        tmp_path,
        VIP_DEBUG="1",
        VIP_DOCUMENTS_STORAGE=backend,
        VIP_DOCUMENTS_STORAGE_OPTIONS=json.dumps(options),
    ) == {"BACKEND": backend, "OPTIONS": options}


def test_the_size_limit_is_ten_megabytes_unless_set(tmp_path: Path) -> None:
    assert setting("settings.VIP_DOCUMENT_MAX_BYTES", tmp_path, VIP_DEBUG="1") == "10485760"
    limit = setting(
        "settings.VIP_DOCUMENT_MAX_BYTES", tmp_path, VIP_DEBUG="1", VIP_DOCUMENT_MAX_BYTES="1000"
    )
    assert limit == "1000"


def test_an_s3_store_without_django_storages_is_refused_in_one_line(tmp_path: Path) -> None:
    done = run(
        [str(BIN / "vip"), "migrate"],
        tmp_path / "var",
        VIP_DEBUG="1",
        VIP_DOCUMENTS_STORAGE="storages.backends.s3.S3Storage",
    )

    assert done.returncode == 2
    assert "pip install 'vip-platform[s3]'" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
