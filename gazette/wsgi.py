"""WSGI entry point used by ``gazette run`` (granian) and any other WSGI server.

The full-page cache (``gazette.cache.wsgi``) wraps Django, so a cached page is answered
before Django's request machinery runs. Once loaded, the process's objects are kept out of
the garbage collector's way (``gazette.core.memory``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")

application = get_wsgi_application()

from gazette.cache.wsgi import PageCacheApp  # noqa: E402  (needs the settings configured)

application = PageCacheApp(application)

from django.conf import settings  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from gazette.core.memory import freeze_loaded_objects  # noqa: E402

if settings.GAZETTE_GC_FREEZE:
    get_resolver().url_patterns  # noqa: B018 (loads every URLconf module, to be frozen too)
    freeze_loaded_objects()
