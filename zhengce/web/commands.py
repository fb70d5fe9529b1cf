"""`zhengce serve`: the web application on one machine (uvicorn)."""

from __future__ import annotations

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
    workers: Annotated[int, typer.Option("--workers", help="Worker threads for requests.")] = 16,
) -> None:
    """Serve the web pages and the JSON API (/api/v1/, described at /api/docs)."""
    from zhengce.store.commands import err, fail
    from zhengce.store.schema import StoreError

    try:
        from zhengce.web.app import create_app

        app = create_app(db, public=public)
    except StoreError as exc:
        raise fail(str(exc)) from None
    import anyio.to_thread
    import uvicorn

    async def widen_pool() -> None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = workers

    app.router.on_startup.append(widen_pool)
    scheme = "http"
    err.print(f"zhengce: {db} on {scheme}://{host}:{port}/" + (" (public)" if public else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning")
