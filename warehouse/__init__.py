"""DuckDB warehouse: schema migrations, versioned loads, raw page store, run bookkeeping, queries, search.

Modules: `db` (connect, WarehouseLocked, transaction), `load` (every write the flows make),
`query` (read-only queries and output formats), `search` (full-text index and queries), `migrate` (pending,
apply), `catalog` (comments from docs/schema.md), `extensions` (DuckDB extensions from their packages),
`records` (input/output types), `checks` (check_data).
"""
