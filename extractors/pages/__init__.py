"""Pages: discover what to fetch, parse HTML/feed/API responses into values, normalize their timestamps."""
