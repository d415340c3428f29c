"""``storycheck serve``: the web page and the JSON API, with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storycheck.cli.compare import EmbedderChoice
from storycheck.cli.options import Db


def _example_folder() -> Path | None:
    """The bundled example story: ``examples/story`` of a source checkout (or of the current folder)."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        folder = base / "examples" / "story"
        if folder.is_dir():
            return folder
    return None


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    db: Db = None,
    closed_reads: Annotated[
        bool, typer.Option("--closed-reads", help="Reads need an API key too (writes always do).")
    ] = False,
    max_body_mb: Annotated[float, typer.Option("--max-body-mb", min=0.001, max=1e6, help="Largest request body, in MB.")] = 8.0,
    max_documents: Annotated[int, typer.Option("--max-documents", min=2, help="Most documents per story.")] = 50,
    embedder: Annotated[EmbedderChoice, typer.Option("--embedder", help="auto, static, minilm or none.")] = EmbedderChoice.auto,
    example: Annotated[
        bool, typer.Option("--example/--no-example", help="Add the bundled example story when the store is empty.")
    ] = True,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn's log level.")] = "info",
) -> None:
    """Serve the story list, the story pages and the JSON API (OpenAPI at /openapi.json, docs at /docs)."""
    import uvicorn

    from storycheck.cli.options import open_store
    from storycheck.serve import Settings, create_app

    store = open_store(db)  # fail fast, with the coded message, before uvicorn starts
    settings = Settings(
        db=db,
        open_reads=not closed_reads,
        max_body_bytes=int(max_body_mb * 1024 * 1024),
        max_documents=max_documents,
        embedder=embedder.value,
        example=_example_folder() if example else None,
    )
    typer.echo(f"storycheck: store {store.display_url}; http://{host}:{port}/", err=True)
    uvicorn.run(create_app(settings, store=store), host=host, port=port, log_level=log_level)
    store.close()
