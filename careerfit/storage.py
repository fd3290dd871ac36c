"""Static files as served in production: whitenoise's compressed, hashed files (settings.STORAGES)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Each page asks for seven static URLs (`base.html`), and working one out from the manifest costs about
    30 µs; the manifest does not change while the server runs, so each URL is worked out once per process.
    A name missing from the manifest still raises every time, as Django's storage does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
