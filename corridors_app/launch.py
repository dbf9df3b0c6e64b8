"""``corridors-app``: start the Streamlit app from an installed package.

Any arguments pass through to ``streamlit run`` (e.g. ``--server.port 8600``).
It serves :mod:`corridors_app.serve` (the app behind its security guard).
The server listens on 127.0.0.1 unless ``--server.address`` or the
``CORRIDORS_APP_ADDRESS`` environment variable says otherwise (e.g.
``CORRIDORS_APP_ADDRESS=0.0.0.0`` to serve a network without a reverse proxy).
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

__all__ = ["ADDRESS_ENV", "DEFAULT_ADDRESS", "main", "streamlit_args"]

SERVE = Path(__file__).resolve().parent / "serve.py"

#: Where the server listens unless told otherwise: this machine only.
DEFAULT_ADDRESS = "127.0.0.1"

#: Environment variable naming another listening address.
ADDRESS_ENV = "CORRIDORS_APP_ADDRESS"


def streamlit_args(options: list[str], environ: dict[str, str] | None = None) -> list[str]:
    """The ``streamlit`` command line that serves the app with `options`.

    Parameters
    ----------
    options
        Options for ``streamlit run``; a ``--server.address`` among them wins.
    environ
        The environment (default: ``os.environ``), for :data:`ADDRESS_ENV`.

    Returns
    -------
    list of str
        ``["streamlit", "run", SERVE, *options, "--runner.postScriptGC", "false", "--server.address", ADDRESS]``
        (an installed app has no ``.streamlit/config.toml`` beside it; a full garbage
        collection after every run made a page load about four times slower).
    """
    environ = dict(os.environ if environ is None else environ)
    options = list(options)
    if not any(opt.startswith("--runner.postScriptGC") for opt in options):
        options += ["--runner.postScriptGC", "false"]  # as .streamlit/config.toml: no full collection after every run
    if not any(opt.startswith("--server.address") for opt in options):
        options += ["--server.address", environ.get(ADDRESS_ENV) or DEFAULT_ADDRESS]
    return ["streamlit", "run", str(SERVE), *options]


def main(argv: list[str] | None = None) -> int:
    """Run ``streamlit run corridors_app/serve.py`` with the given options.

    Parameters
    ----------
    argv
        Options for ``streamlit run`` (default: the command line's).

    Returns
    -------
    int
        Streamlit's exit status.
    """
    # exactly ``python -m streamlit run SERVE ...``: streamlit's public command line
    sys.argv = streamlit_args(list(sys.argv[1:] if argv is None else argv))
    try:
        runpy.run_module("streamlit", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
