"""``corridors-app``: start the Streamlit app from an installed package.

Any arguments pass through to ``streamlit run`` (e.g. ``--server.port 8600``).
The server listens on 127.0.0.1 unless ``--server.address`` says otherwise.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

__all__ = ["main"]

APP = Path(__file__).resolve().parent / "app.py"


def main(argv: list[str] | None = None) -> int:
    """Run ``streamlit run corridors_app/app.py`` with the given options.

    Parameters
    ----------
    argv
        Options for ``streamlit run`` (default: the command line's).

    Returns
    -------
    int
        Streamlit's exit status.
    """
    options = list(sys.argv[1:] if argv is None else argv)
    if not any(opt.startswith("--server.address") for opt in options):
        options += ["--server.address", "127.0.0.1"]
    # exactly ``python -m streamlit run APP ...``: streamlit's public command line
    sys.argv = ["streamlit", "run", str(APP), *options]
    try:
        runpy.run_module("streamlit", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
