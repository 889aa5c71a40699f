"""The review page of the legal team: a FastAPI application, server-rendered, every asset served by
itself (no network needed).

Importing this package is light; the application is built by :func:`hdswatch.web.app.create_app`:

>>> from hdswatch.web.app import create_app          # doctest: +SKIP
>>> app = create_app(Settings.from_env(), secret="…")  # doctest: +SKIP
"""
