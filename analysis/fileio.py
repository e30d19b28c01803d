"""Safe file output shared by the CLI, the report and the corpus runner (no heavy imports).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out" / "x.txt"
    >>> atomic_write(p, "hello")
    >>> p.read_text()
    'hello'
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: no partial file is left behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
