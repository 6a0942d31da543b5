"""Fixtures of the suite over the installed `sotto` wheel (not the source tree)."""

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

import sotto


@pytest.fixture(scope="session")
def voice() -> Iterator[sotto.Voice]:
    yield sotto.Voice()


@pytest.fixture(scope="session")
def sotto_bin() -> str:
    """The `sotto` command to compare with: $SOTTO_BIN, else `sotto` on PATH."""
    found = os.environ.get("SOTTO_BIN") or shutil.which("sotto")
    if not found:
        pytest.skip("no sotto binary: set SOTTO_BIN")
    return found


@pytest.fixture()
def out_dir(tmp_path: Path) -> Path:
    return tmp_path
