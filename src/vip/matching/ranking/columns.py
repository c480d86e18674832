"""A growable set of columns keyed by id: rows append, update in place and leave by swap.

Every array keeps its rows on the last axis (a (languages, rows) matrix stores one language's
levels contiguously), so a query reads only the columns it filters on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Column:
    dtype: npt.DTypeLike  # a structured dtype packs fields read together into one row record
    lead: tuple[int, ...] = ()  # the shape in front of the row axis
    fill: int = 0


class ColumnStore:
    """Columns of equal length with an id column; the id -> row map is built on first need."""

    def __init__(self, schema: Mapping[str, Column], capacity: int = 1024) -> None:
        self.schema = dict(schema, id=Column(np.int64))
        self.size = 0
        self._arrays = {name: self._empty(c, max(capacity, 1)) for name, c in self.schema.items()}
        self._rows: dict[int, int] | None = None

    @staticmethod
    def _empty(column: Column, capacity: int) -> npt.NDArray[Any]:
        array = np.zeros((*column.lead, capacity), column.dtype)
        if column.fill:
            array.fill(column.fill)
        return array

    @classmethod
    def from_arrays(
        cls, schema: Mapping[str, Column], arrays: Mapping[str, npt.NDArray[Any]]
    ) -> ColumnStore:
        """Adopt whole columns at once (a bulk load or a synthetic benchmark set)."""
        store = cls(schema, capacity=1)
        n = arrays["id"].shape[-1]
        for name, column in store.schema.items():
            array = np.ascontiguousarray(arrays[name], column.dtype)
            if array.shape != (*column.lead, n):
                raise ValueError(
                    f"column {name} has shape {array.shape}, wants {(*column.lead, n)}"
                )
            store._arrays[name] = array
        store.size = n
        return store

    def column(self, name: str) -> npt.NDArray[Any]:
        return self._arrays[name][..., : self.size]

    def whole(self, name: str) -> npt.NDArray[Any]:
        """The column with its spare capacity: contiguous, as the kernels want it (they are
        given the size; a sliced matrix would not be contiguous and would compile again)."""
        return self._arrays[name]

    def row(self, row: int) -> dict[str, Any]:
        """One row's values by column: scalars, or small arrays for the matrix columns."""
        return {name: array[..., row] for name, array in self._arrays.items()}

    def row_of(self, record_id: int) -> int | None:
        if self._rows is None:
            self._rows = {int(i): row for row, i in enumerate(self.column("id").tolist())}
        return self._rows.get(record_id)

    def put(self, values: Mapping[str, Any]) -> None:
        """Insert or overwrite the row with values["id"]."""
        record_id = int(values["id"])
        row = self.row_of(record_id)
        if row is None:
            row = self._append_row()
            assert self._rows is not None
            self._rows[record_id] = row
        for name, array in self._arrays.items():
            array[..., row] = values[name]

    def delete(self, record_id: int) -> bool:
        """Remove a row by moving the last row into its place; False when absent."""
        row = self.row_of(record_id)
        if row is None:
            return False
        assert self._rows is not None
        last = self.size - 1
        for array in self._arrays.values():
            array[..., row] = array[..., last]
        moved = int(self._arrays["id"][last])
        self._rows[moved] = row
        del self._rows[record_id]
        self.size = last
        return True

    def _append_row(self) -> int:
        capacity = self._arrays["id"].shape[-1]
        if self.size == capacity:
            for name, array in self._arrays.items():
                grown = self._empty(self.schema[name], 2 * capacity)
                grown[..., :capacity] = array
                self._arrays[name] = grown
        self.size += 1
        return self.size - 1
