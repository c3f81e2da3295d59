"""DuckDB extensions, installed from the file in their PyPI package (duckdb-extension-NAME), never fetched."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import duckdb

# Known extensions are neither downloaded nor loaded behind our back: a missing one is an error naming it.
SETTINGS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class ExtensionMissing(RuntimeError):
    """The Python package that ships a DuckDB extension's file is not installed (or holds no such file)."""


def extension_file(name: str) -> Path:
    """Return the `.duckdb_extension` file shipped by the duckdb-extension-NAME package for this DuckDB."""
    package = f"duckdb_extension_{name}"
    try:
        root = Path(str(importlib.resources.files(package)))
    except ModuleNotFoundError as exc:
        raise ExtensionMissing(f"DuckDB extension {name}: install the Python package {package}") from exc
    wanted = f"v{duckdb.__version__}"
    found = sorted(root.rglob(f"{name}.duckdb_extension"))
    # The package's folder names the DuckDB version its binary was built for (extensions/v1.5.5/...).
    matching = [path for path in found if wanted in path.parts]
    if not matching:
        raise ExtensionMissing(
            f"DuckDB extension {name}: {package} holds no build for DuckDB {duckdb.__version__} "
            f"(found {[str(p.relative_to(root)) for p in found]}); pin both to the same version"
        )
    return matching[0]


def load(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Install the extension from its package's file and load it.

    DuckDB keeps installed extensions per user (~/.duckdb), shared by every environment: a copy installed from
    another environment's package is replaced by this one's (FORCE), so the binary loaded is always ours.
    """
    path = str(extension_file(name))
    row = con.execute(
        "SELECT installed_from FROM duckdb_extensions() WHERE extension_name = ? AND installed", [name]
    ).fetchone()
    if row is None or row[0] != path:
        quoted = path.replace("'", "''")
        con.execute(f"FORCE INSTALL '{quoted}'")
    con.execute(f"LOAD {name}")


def load_file(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load the extension straight from its package's file, installing nothing.

    For readers: opening the warehouse never writes to the per-user extension folder, so many readers (and
    environments) starting at once cannot trip over each other's install of the same file.
    """
    quoted = str(extension_file(name)).replace("'", "''")
    con.execute(f"LOAD '{quoted}'")
