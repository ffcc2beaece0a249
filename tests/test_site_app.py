"""The app offers the static site as a download: a zip of the same site the CLI writes."""

from __future__ import annotations

import io
import zipfile

from lienket.data import dataset
from lienket.site import build
from lienket.text.i18n import t
from tests.test_app_tools import run_keeping_downloads


def test_app_serves_the_static_site_as_a_zip():
    at, media = run_keeping_downloads(lang="en")
    assert not at.exception
    (button,) = [b for b in at.get("download_button") if b.proto.id.endswith("dl_site")]
    assert button.proto.label == t("site_download", "en")
    url = media.execute_deferred(button.proto.deferred_file_id)
    stored = media._storage.get_file(url.rsplit("/", 1)[1].split(".")[0])
    assert stored.filename == "lienket-site.zip"
    with zipfile.ZipFile(io.BytesIO(bytes(stored.content))) as archive:
        names = {n.removeprefix("lienket-site/") for n in archive.namelist()}
    assert names == set(build.build(dataset.load()))  # the shipped data's site, as the CLI builds it
