"""What the candidate and opportunity indexes share: records in, packed rows out, by id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, Protocol, Self, TypeVar

from vip.matching.ranking.columns import Column, ColumnStore
from vip.matching.ranking.scoring import ID_BITS, ID_LIMIT
from vip.matching.ranking.vocabulary import Vocabularies


class HasId(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=HasId)


class RecordIndex(Generic[R]):
    """Rows encoded from records; a subclass says which columns and how to encode and decode."""

    def __init__(self, vocabularies: Vocabularies, store: ColumnStore | None = None) -> None:
        self.vocabularies = vocabularies
        self.store = store or ColumnStore(self.schema(vocabularies))

    @staticmethod
    def schema(vocabularies: Vocabularies) -> dict[str, Column]:
        raise NotImplementedError

    def encode(self, record: R) -> dict[str, Any]:
        raise NotImplementedError

    def record_at(self, row: int) -> R:
        """The record as the index holds it (what the reasons are computed from)."""
        raise NotImplementedError

    @classmethod
    def build(cls, records: Iterable[R], vocabularies: Vocabularies) -> Self:
        """One pass over the records, as on start-up."""
        index = cls(vocabularies)
        for record in records:
            index.upsert(record)
        return index

    def __len__(self) -> int:
        return self.store.size

    def upsert(self, record: R) -> None:
        """Add the record or replace its row (a profile, verification, visa or request changed)."""
        if not 0 <= record.id < ID_LIMIT:
            raise ValueError(f"id {record.id} is outside 0..2^{ID_BITS}")
        self.store.put(self.encode(record))

    def remove(self, record_id: int) -> bool:
        """Drop the row; False when the id is not in the index."""
        return self.store.delete(record_id)

    def record(self, record_id: int) -> R:
        row = self.store.row_of(record_id)
        if row is None:
            raise KeyError(record_id)
        return self.record_at(row)
