"""``storycheck keys``: API keys for the server's writes. Only a key's hash is stored; the secret is
printed once, when it is created."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from storycheck.cli.options import Db, fail, open_store
from storycheck.errors import StorycheckError

app = typer.Typer(help="Create, list and revoke API keys (for writes through the HTTP API).", no_args_is_help=True)


@app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Who or what the key is for.", show_default=False)],
    db: Db = None,
) -> None:
    """Create a key and print its secret (shown only now; the store keeps its hash)."""
    with open_store(db) as store:
        try:
            key, secret = store.create_key(name)
        except StorycheckError as exc:
            raise fail(exc) from exc
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"created key {key.id} ({key.name}); send it as 'Authorization: Bearer <key>'. It is not shown again:"
    )
    typer.echo(secret)


@app.command("list")
def list_keys(db: Db = None) -> None:
    """The keys: id, name, first characters, created, revoked."""
    with open_store(db) as store:
        keys = store.keys()
    if not keys:
        typer.echo("no keys; create one with: storycheck keys create NAME")
    for k in keys:
        state = f"revoked {k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "active"
        typer.echo(f"{k.id}\t{k.name}\t{k.prefix}…\tcreated {k.created_at:%Y-%m-%d %H:%M}\t{state}")


@app.command("revoke")
def revoke(key_id: Annotated[int, typer.Argument(help="The key's id (see `keys list`).")], db: Db = None) -> None:
    """Revoke a key: requests with it are refused from now on."""
    with open_store(db) as store:
        try:
            key = store.revoke_key(key_id)
        except StorycheckError as exc:
            raise fail(exc) from exc
    typer.echo(f"revoked key {key.id} ({key.name})")
