"""Streaming Parquet output of one config and split, in shards of whole documents.

Files are `<config>/<split>-<i>-of-<n>.parquet`. Rows arrive in order and are written in row groups of a
fixed size (each `write_table` call ends a row group), with fixed compression and no timestamps, so the
same rows give byte-identical files. The schema carries the `huggingface` features metadata, so a bare
Parquet file reloads with its features.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

COMPRESSION = "zstd"
COMPRESSION_LEVEL = 3


def shard_name(split: str, index: int, count: int) -> str:
    return f"{split}-{index:05d}-of-{count:05d}.parquet"


class ShardWriter:
    """Rows of one config and split → `count` shard files, `documents_per_shard` documents each."""

    def __init__(self, folder: Path, split: str, features: Features, row_group_size: int, count: int,
                 documents_per_shard: int):
        self.folder, self.split, self.count = folder, split, count
        self.schema = features.arrow_schema
        self.row_group_size = row_group_size
        self.documents_per_shard = documents_per_shard
        self.rows: list[dict] = []
        self.documents = 0
        self.shard = -1
        self.writer: pq.ParquetWriter | None = None
        self.num_examples = 0
        self.num_bytes = 0
        self.paths: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, rows: list[dict]) -> None:
        """Add the rows of the next document."""
        if self.documents % self.documents_per_shard == 0:
            self._open_next()
        self.documents += 1
        self.rows.extend(rows)
        while len(self.rows) >= self.row_group_size:
            self._flush(self.rows[: self.row_group_size])
            del self.rows[: self.row_group_size]

    def close(self) -> None:
        self._end_shard()

    def _open_next(self) -> None:
        self._end_shard()
        self.shard += 1
        path = self.folder / shard_name(self.split, self.shard, self.count)
        self.paths.append(path)
        self.writer = pq.ParquetWriter(path, self.schema, compression=COMPRESSION,
                                       compression_level=COMPRESSION_LEVEL, write_statistics=True)

    def _end_shard(self) -> None:
        if self.writer is None:
            return
        if self.rows:
            self._flush(self.rows)
            self.rows = []
        self.writer.close()
        self.writer = None

    def _flush(self, rows: list[dict]) -> None:
        table = pa.Table.from_pylist(rows, schema=self.schema)
        self.writer.write_table(table, row_group_size=self.row_group_size)
        self.num_examples += table.num_rows
        self.num_bytes += table.nbytes


def shard_count(documents: int, documents_per_shard: int) -> int:
    return -(-documents // documents_per_shard)
