"""The settings that DATABASE_URL, REDIS_URL and DATABASE_REPLICA_URL switch (docs/scaling.md)."""

import json

from tests.core.test_settings import output_of

SHOW = (
    "import json, gazette.settings as s; print(json.dumps({"
    "'session': getattr(s, 'SESSION_ENGINE', 'django default'), 'databases': sorted(s.DATABASES), "
    "'routers': getattr(s, 'DATABASE_ROUTERS', []), 'middleware': s.MIDDLEWARE, "
    "'options': {k: v.get('OPTIONS', {}) for k, v in s.DATABASES.items()}, "
    "'replica_test': s.DATABASES.get('replica', {}).get('TEST'), "
    "'cache_options': {k: sorted(v.get('OPTIONS', {})) for k, v in s.CACHES.items()}}))"
)
PRIMARY = "postgres://gazette@db.example:5432/gazette"
REPLICA = "postgres://reader@replica.example:5432/gazette"


def settings_with(tmp_path, **env) -> dict:
    return json.loads(output_of(SHOW, tmp_path, **env))


def test_one_host_keeps_sessions_in_the_database_and_has_no_replica(tmp_path):
    shown = settings_with(tmp_path)
    assert shown["session"] == "django default"  # the database
    assert shown["databases"] == ["default"]
    assert shown["routers"] == []


def test_redis_keeps_staff_sessions_in_redis_and_the_database(tmp_path):
    shown = settings_with(tmp_path, REDIS_URL="redis://cache.example:6379/0")
    assert shown["session"] == "django.contrib.sessions.backends.cached_db"
    assert {"socket_connect_timeout", "socket_timeout", "RETRY_AFTER"} <= set(
        shown["cache_options"]["default"]
    )


def test_a_replica_url_adds_the_replica_and_its_router(tmp_path):
    shown = settings_with(tmp_path, DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=REPLICA)
    assert shown["databases"] == ["default", "replica"]
    assert shown["routers"] == ["gazette.core.db_router.ReplicaRouter"]
    assert shown["replica_test"] == {"MIRROR": "default"}


def test_postgresql_connections_give_up_after_the_connect_timeout(tmp_path):
    shown = settings_with(
        tmp_path, DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=REPLICA, GAZETTE_DB_CONNECT_TIMEOUT="3"
    )
    assert shown["options"]["default"]["connect_timeout"] == 3
    assert shown["options"]["replica"]["connect_timeout"] == 3


def test_the_503_middleware_comes_right_after_the_security_middleware(tmp_path):
    middleware = settings_with(tmp_path)["middleware"]
    position = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[position + 1] == "gazette.resilience.middleware.DatabaseUnavailableMiddleware"
