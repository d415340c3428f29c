"""``create_app(settings)``: the FastAPI application, its store and its background worker.

The store is opened (and migrated) when the app starts, the worker thread started, stories left
unfinished by a previous run queued again, and, when the store is empty and an example folder is
configured, the example story added, so that a fresh ``storycheck serve`` shows something.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from storycheck import __version__
from storycheck.serve import api, errors, web
from storycheck.serve.limits import BodyLimit
from storycheck.serve.settings import Settings
from storycheck.serve.worker import Recomputer
from storycheck.store import Store

log = logging.getLogger("storycheck.serve")


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        own = store is None
        app.state.store = store or Store(settings.db)
        app.state.recomputer = Recomputer(app.state.store, settings.embedder) if settings.background else None
        if app.state.recomputer is not None:
            app.state.recomputer.start()
            for story_id in app.state.store.unfinished():
                app.state.recomputer.submit(story_id)
        _seed_example(app, settings)
        try:
            yield
        finally:
            if app.state.recomputer is not None:
                app.state.recomputer.stop()
            if own:
                app.state.store.close()

    app = FastAPI(
        title="storycheck",
        version=__version__,
        summary="Stories of several news reports: what they corroborate, contradict and say alone.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    errors.install(app)
    app.include_router(api.router)
    app.include_router(web.router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def _seed_example(app: FastAPI, settings: Settings) -> None:
    folder = settings.example
    if folder is None or not folder.is_dir():
        return
    store: Store = app.state.store
    if store.stories(limit=1).total:
        return
    from storycheck.ingest import read

    documents, _ = read([folder], max_bytes=settings.max_document_bytes)
    if len(documents) < 2:
        return
    result = store.add_documents(settings.example_name, documents, create=True)
    if app.state.recomputer is not None:
        app.state.recomputer.submit(result.story.id)
    else:
        store.compute(result.story.id, embedder=settings.embedder)
    log.info("added the example story %r from %s", settings.example_name, folder)
