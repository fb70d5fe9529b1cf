"""`zhengce serve`: the web application on one machine (uvicorn)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer


def serve(
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.")] = Path("zhengce.db"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    public: Annotated[
        bool,
        typer.Option("--public", help="Let anyone read the knowledge base without an account."),
    ] = False,
    processes: Annotated[
        int, typer.Option("--processes", help="Server processes (one per CPU core is plenty).")
    ] = 1,
    threads: Annotated[
        int, typer.Option("--threads", help="Requests handled at once per process.")
    ] = 8,
) -> None:
    """Serve the web pages and the JSON API (/api/v1/, described at /api/docs)."""
    from zhengce.store.commands import err, fail
    from zhengce.store.schema import StoreError

    try:
        from zhengce.web.app import create_app

        app = create_app(db, public=public)  # checks the database before listening
    except StoreError as exc:
        raise fail(str(exc)) from None
    import uvicorn

    err.print(f"zhengce: {db} on http://{host}:{port}/" + (" (public)" if public else ""))
    if processes <= 1:
        from zhengce.web.app import limit_threads, warm

        limit_threads(app, threads)
        warm(app)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes build their own app from the environment; one secret signs for all.
    os.environ["ZHENGCE_WEB_DB"] = str(db.resolve())
    os.environ["ZHENGCE_WEB_PUBLIC"] = "1" if public else ""
    os.environ["ZHENGCE_WEB_THREADS"] = str(threads)
    os.environ.setdefault("ZHENGCE_SECRET", secrets.token_hex(32))
    uvicorn.run(
        "zhengce.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=processes,
        log_level="warning",
    )
