"""WSGI entry point used by ``gazette run`` (granian) and any other WSGI server.

The full-page cache (``gazette.cache.wsgi``) wraps Django, so a cached page is answered
before Django's request machinery runs.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")

application = get_wsgi_application()

from gazette.cache.wsgi import PageCacheApp  # noqa: E402  (needs the settings configured)

application = PageCacheApp(application)
