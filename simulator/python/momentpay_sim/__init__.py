"""momentpay-sim: a local, stateful simulator of the Moment payments API.

The wheel installs the `momentpay-sim` binary into the environment's scripts directory;
`find_binary()` says where it is (as ruff's `find_ruff_bin` does), and
`python -m momentpay_sim ...` runs it. Test fixtures: `momentpay.testing`.
"""

from __future__ import annotations

import os
import sys
import sysconfig

__all__ = ["find_binary"]

_NAME = "momentpay-sim" + (".exe" if sys.platform == "win32" else "")


def _candidates() -> "list[str]":
    """The scripts directories the binary may have been installed into, in order."""
    dirs = [sysconfig.get_path("scripts")]
    user_scheme = {"win32": "nt_user", "darwin": "osx_framework_user"}.get(sys.platform, "posix_user")
    try:
        dirs.append(sysconfig.get_path("scripts", scheme=user_scheme))
    except KeyError:
        pass
    # pip install --target puts scripts in <target>/bin beside the package.
    dirs.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin"))
    return dirs


def find_binary() -> str:
    """The path of the installed `momentpay-sim` binary.

    Raises FileNotFoundError naming every place it looked.
    """
    looked = []
    for directory in _candidates():
        path = os.path.join(directory, _NAME)
        looked.append(path)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(f"momentpay-sim binary not found; looked in: {', '.join(looked)}")
