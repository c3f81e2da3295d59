"""The peer of the ingest benchmark: a plain requests + BeautifulSoup scraper of an HTML-listing source.

    python -m tests.benchmarks.plain_ingest --base-url URL --db FILE [--site economy_en]

What a one-off script would do, reading the same config block pressroom reads: walk the numbered listing
pages until one lists nothing new, fetch every article once, keep title, date string and body text in a DuckDB
table. No politeness, robots.txt, raw pages, timestamps, extraction, versions or error bookkeeping.
"""

from __future__ import annotations

import argparse
from urllib.parse import urljoin

import duckdb
import requests
from bs4 import BeautifulSoup

from config.sources import ArticleSpec, load_sources


def scrape(site: str, base_url: str, db_path: str) -> int:
    """Scrape the source's listing and articles into `db_path`; return the articles stored."""
    source = load_sources()[site]
    listing, article = source.listing, source.article
    assert listing is not None, "the plain script reads HTML listings only"
    session = requests.Session()
    con = duckdb.connect(db_path)
    con.execute("CREATE TABLE IF NOT EXISTS articles (url TEXT, title TEXT, date TEXT, body TEXT)")
    seen: set[str] = set()
    stored, page = 0, 1
    while True:
        path = listing.url if page == 1 else (listing.page_url or "").format(page=page)
        soup = BeautifulSoup(session.get(urljoin(base_url, path), timeout=30).text, "html.parser")
        links = [urljoin(base_url, str(a.get("href"))) for a in soup.select(f"{listing.item} {listing.link}")]
        new = [url for url in dict.fromkeys(links) if url not in seen]
        if not new:  # past the end (the site repeats its last page)
            break
        seen.update(new)
        rows = [_article(session, url, article) for url in new]
        con.executemany("INSERT INTO articles VALUES (?, ?, ?, ?)", rows)
        stored += len(rows)
        if not listing.page_url:
            break
        page += 1
    con.close()
    return stored


def _article(session: requests.Session, url: str, article: ArticleSpec) -> tuple[str, str, str, str]:
    """Fetch one article and read its title, date string and body paragraphs."""
    soup = BeautifulSoup(session.get(url, timeout=30).text, "html.parser")
    title, date = soup.select_one(article.title), soup.select_one(article.date)
    body = "\n".join(p.get_text(" ", strip=True) for p in soup.select(article.body))
    return url, title.get_text(strip=True) if title else "", date.get_text(strip=True) if date else "", body


def main(argv: list[str] | None = None) -> None:
    """Run the scraper once."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--site", default="economy_en")
    args = ap.parse_args(argv)
    print(scrape(args.site, args.base_url, args.db))


if __name__ == "__main__":
    main()
