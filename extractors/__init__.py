"""The extract side of the pipeline, one sub-package per stage of the data flow.

`web` (the only network I/O) → `pages` (discover, parse, timestamps) → `text` (language, sentences,
numbers, calendar words) → `figures` and `commitments` (pure extractors) → `extract` (all of them, versioned).
`archives` plans backfills and reads WARC files and Wayback captures; `sites` holds per-site parse hooks.
"""
