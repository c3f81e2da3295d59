"""Network I/O: polite HTTP fetching, per-host policy, robots.txt, refusals, charsets, headless browser."""
