"""Per-site parse hooks: a module `<name>.py` here with a `parse_article(data, source, url, *, item=None)`
function, named by a source's `article.parser`, for markup that selectors cannot describe.
"""
