"""Signed checkpoints of the audit log, modelled on Certificate Transparency's signed tree heads
(RFC 6962, section 3.5): each chain's length and last hash (one chain per jurisdiction, and ""),
the time, the key's id, and an Ed25519 signature over them.

The chain alone cannot tell a rewritten log from the real one: whoever can write the table can
re-chain it and move the head. The key lives outside the database (a file named by
VIP_AUDIT_SIGNING_KEY), so a checkpoint signed yesterday and kept elsewhere (published, mailed,
printed) says what the log held then, and a log that does not extend it has been rewritten.

The key file is a PKCS#8 PEM Ed25519 private key (`vip audit keygen FILE`, or
`openssl genpkey -algorithm ed25519 -out FILE`); whoever only checks checkpoints holds the public
key (`FILE.pub`, or `openssl pkey -in FILE -pubout`) and names it the same way."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vip.errors import Conflict, Invalid

# Names the log and the format in the signed bytes, so a signature over something else never
# passes for a checkpoint. v1 signed the one chain there was (now the "" chain): still read.
LOG = "vip-audit-v2"
LOG_V1 = "vip-audit-v1"

Key = Ed25519PrivateKey | Ed25519PublicKey


Heads = dict[str, tuple[int, str]]  # chain: (its last seq, its last hash)


@dataclass(frozen=True)
class Checkpoint:
    heads: Heads
    at: str
    key_id: str
    signature: str = ""
    log: str = LOG

    @property
    def seq(self) -> int:
        """The events it covers, every chain's."""
        return sum(seq for seq, _ in self.heads.values())

    def signed_bytes(self) -> bytes:
        if self.log == LOG_V1:
            seq, head = self.heads.get("", (0, ""))
            return json.dumps(
                [LOG_V1, seq, head, self.at, self.key_id], separators=(",", ":")
            ).encode()
        heads = [[chain, seq, head] for chain, (seq, head) in sorted(self.heads.items())]
        body = [LOG, heads, self.at, self.key_id]
        return json.dumps(body, separators=(",", ":")).encode()

    def to_json(self) -> str:
        heads = {chain: {"seq": seq, "hash": head} for chain, (seq, head) in self.heads.items()}
        fields = {"log": self.log, "heads": heads, "at": self.at, "key_id": self.key_id}
        return json.dumps({**fields, "signature": self.signature}, indent=2) + "\n"


def key_id(public: Ed25519PublicKey) -> str:
    """SHA-256 of the DER public key, as CT names a log: `openssl pkey -pubout -outform DER`."""
    der = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def keygen(path: Path) -> str:
    """Write a new private key (readable by its owner only) and its public key beside it."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise Conflict("AUDIT_KEY_EXISTS", f"{path} exists: a key is never overwritten") from None
    except OSError as error:
        raise Invalid("AUDIT_KEY_UNWRITABLE", f"{path}: {error.strerror}") from None
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    Path(f"{path}.pub").write_bytes(public)
    return key_id(private.public_key())


def load_key(path: str) -> Key:
    """The configured key: a private key signs and checks, a public key only checks."""
    if not path:
        raise Invalid("AUDIT_KEY_NOT_SET", "VIP_AUDIT_SIGNING_KEY names no key file")
    try:
        pem = Path(path).read_bytes()
    except OSError as error:
        raise Invalid("AUDIT_KEY_UNREADABLE", f"{path}: {error.strerror}") from None
    key: object
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        try:
            key = serialization.load_pem_public_key(pem)
        except (ValueError, TypeError):
            key = None
    if not isinstance(key, Ed25519PrivateKey | Ed25519PublicKey):
        raise Invalid("AUDIT_KEY_UNREADABLE", f"{path} holds no Ed25519 key in PEM")
    return key


def public_of(key: Key) -> Ed25519PublicKey:
    return key.public_key() if isinstance(key, Ed25519PrivateKey) else key


def sign(key: Key, heads: Heads, at: str) -> Checkpoint:
    if not isinstance(key, Ed25519PrivateKey):
        raise Invalid(
            "AUDIT_KEY_PUBLIC", "VIP_AUDIT_SIGNING_KEY holds a public key: it cannot sign"
        )
    unsigned = Checkpoint(heads=dict(heads), at=at, key_id=key_id(key.public_key()))
    signature = base64.b64encode(key.sign(unsigned.signed_bytes())).decode()
    return replace(unsigned, signature=signature)


def _heads(fields: dict[str, Any]) -> Heads:
    """The heads a checkpoint's JSON lists (v2), or its one head (v1, the "" chain's)."""
    if fields["log"] == LOG_V1:
        listed = {"": {"seq": fields.pop("seq"), "hash": fields.pop("hash")}}
    elif fields["log"] == LOG:
        listed = fields.pop("heads")
    else:
        raise ValueError
    heads: Heads = {}
    for chain, head in listed.items():
        seq, digest = head["seq"], head["hash"]
        if not isinstance(seq, int) or seq < 0 or not isinstance(digest, str):
            raise ValueError
        heads[str(chain)] = (seq, digest)
    return heads


def write(checkpoint: Checkpoint, out: Path) -> None:
    """Whole or not at all: a half-written checkpoint would look like a forged one."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_text(checkpoint.to_json())
        partial.replace(out)
    except OSError as error:
        raise Invalid("CHECKPOINT_UNWRITABLE", f"{out}: {error.strerror}") from None


def read(path: Path, key: Key) -> Checkpoint:
    """The checkpoint in the file, once its signature is shown to be the configured key's."""
    try:
        fields = json.loads(path.read_text())
        heads = _heads(fields)
        checkpoint = Checkpoint(heads=heads, **fields)
        signature = base64.b64decode(checkpoint.signature, validate=True)
    except OSError as error:
        raise Invalid("CHECKPOINT_UNREADABLE", f"{path}: {error.strerror}") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise Invalid("CHECKPOINT_UNREADABLE", f"{path} is not a vip audit checkpoint") from None
    public = public_of(key)
    if checkpoint.key_id != key_id(public):
        raise Invalid(
            "CHECKPOINT_OTHER_KEY", f"{path} was signed by key {checkpoint.key_id[:16]}, not ours"
        )
    try:
        public.verify(signature, checkpoint.signed_bytes())
    except InvalidSignature:
        raise Invalid("CHECKPOINT_FORGED", f"{path}: the signature does not verify") from None
    return checkpoint
