"""Readers that misbehave, run by the sandbox's child in place of the real extraction (the true
seam: what the child runs). Module-level so that the child can import them by name."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any


def hog_memory(path: Path) -> Any:
    """Ask for 64 GB at once: past any address-space limit."""
    return bytearray(64 << 30)


def segfault(path: Path) -> Any:
    """Die as a native library that dereferenced a bad pointer would."""
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(5)


def hang(path: Path) -> Any:
    """Never answer."""
    time.sleep(3600)


def fail(path: Path) -> Any:
    """A bug in the reader."""
    raise KeyError("/Kids")
