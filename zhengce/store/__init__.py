"""The knowledge base: one SQLite file with documents, paragraphs, people and a search index.

- `schema`: tables as versioned migrations; `connect` opens and migrates.
- `writer`: one transaction per file; `loader`: the parallel `zhengce ingest`.
- `reader`: rows, documents, people, summary, digest; `export`: jsonl / csv / parquet.
"""

from __future__ import annotations

from zhengce.store.schema import MIGRATIONS, StoreError, connect, migrate, schema_version

__all__ = ["MIGRATIONS", "StoreError", "connect", "migrate", "schema_version"]
