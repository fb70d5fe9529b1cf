"""The knowledge base in PostgreSQL, for a team sharing one store (the optional extra `postgres`).

The same tables as the SQLite store (`zhengce.store.schema`), the same records from the same
workers (`zhengce.store.writer.document_record`), the same query language:

- `schema`: migrations (PostgreSQL's own list, transactional DDL) and `connect(url)`.
- `writer`: a batch of files per transaction, rows sent by COPY; idempotent and kill-safe.
- `search`: the query tree compiled to SQL over two `tsvector`s (configuration `simple`,
  GIN index) built from the words and grams the workers already computed.
- `reader`: people, one person, timeline mentions, summary, a content digest.

psycopg 3 (LGPL-3.0) is imported only here, so the core needs none of it.
"""

from __future__ import annotations

from zhengce.store.postgres.schema import connect, is_postgres_url, migrate, schema_version

__all__ = ["connect", "is_postgres_url", "migrate", "schema_version"]
