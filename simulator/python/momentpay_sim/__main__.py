"""`python -m momentpay_sim ...`: runs the installed momentpay-sim binary."""

from __future__ import annotations

import os
import subprocess
import sys

from . import find_binary


def main() -> "int":
    binary = find_binary()
    if sys.platform == "win32":
        return subprocess.call([binary, *sys.argv[1:]])
    os.execv(binary, [binary, *sys.argv[1:]])
    return 1  # not reached: execv replaces the process


if __name__ == "__main__":
    sys.exit(main())
