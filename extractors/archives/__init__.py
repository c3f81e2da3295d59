"""Archives: backfill plans over a source's own archive, WARC files and Wayback Machine captures."""
