"""Production's static storage (careerfit.storage.StaticStorage) gives the manifest's hashed URLs, each worked
out once, and still refuses a file the manifest lacks."""

import json

import pytest

from careerfit.storage import StaticStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.0123abcd.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticStorage(location=tmp_path, base_url="/static/")


def test_a_file_in_the_manifest_gets_its_hashed_url_every_time(storage):
    assert [storage.url("css/site.css") for _ in range(3)] == ["/static/css/site.0123abcd.css"] * 3


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry for 'css/gone.css'"):
            storage.url("css/gone.css")


def test_a_url_is_worked_out_once_per_process(storage, monkeypatch):
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    monkeypatch.setattr(storage, "hashed_files", {})  # were it worked out again, the lookup would now fail
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"


@pytest.mark.django_db
def test_the_cached_page_head_and_footer_link_to_new_static_files_after_a_deploy(client, monkeypatch):
    """base.html draws the head's and footer's links once for each manifest (careerfit.context_processors.assets):
    pages must never go on linking to the old files' hashed names."""
    from django.templatetags.static import StaticNode

    from careerfit import context_processors

    def deployed(hash_: str):
        monkeypatch.setattr(context_processors, "staticfiles_storage", type("Storage", (), {"manifest_hash": hash_}))
        monkeypatch.setattr(StaticNode, "handle_simple", classmethod(lambda cls, path: f"/static/{hash_}/{path}"))

    deployed("first")
    before = client.get("/").content.decode()
    deployed("second")
    after = client.get("/").content.decode()

    for html, hash_ in ((before, "first"), (after, "second")):
        assert f'<link rel="stylesheet" href="/static/{hash_}/css/careerfit.css">' in html
        assert f'<script src="/static/{hash_}/js/careerfit.js" defer></script>' in html
