"""The digest rendered by a real headless Chromium (Debian package ``chromium``)."""

from __future__ import annotations

import doctest
import os
import shutil
from pathlib import Path

import pytest

from hdswatch.mail import preview


@pytest.fixture
def chromium() -> None:
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        reason = "chromium absent : paquet Debian « chromium » (make system-deps)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def test_the_sample_digest_renders_to_a_picture_of_the_whole_message(
    chromium: None, tmp_path: Path
) -> None:
    from PIL import Image

    message = preview.sample_digest("fr")
    png = preview.screenshot(message.html, tmp_path / "digest.png", width=760)
    with Image.open(png) as image:
        width, height = image.size
        bottom = image.convert("RGB").getpixel((width // 2, height - 1))
    assert width == 760
    # cropped below the message, yet long enough for its six items (about 2,000 pixels)
    assert 1500 < height < 3000
    assert bottom == (0xF3, 0xF4, 0xF6)


def test_the_sample_digest_has_each_severity() -> None:
    text = preview.sample_digest("en").text
    for heading in (
        "== Critical (2) ==",
        "== High (2) ==",
        "== Medium (1) ==",
        "== Information (1) ==",
    ):
        assert heading in text


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(preview)
    assert (tried > 0, failures) == (True, 0)
