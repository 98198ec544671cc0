"""The local web app: pages for today, the session player, progress and the library, and the
REST API under ``/api/v1``. Build it with :func:`backbridge.web.app.create_app`; nothing is
built at import time."""
