"""The HTTP side: a FastAPI app with the JSON API (``/api``), the web pages and a background worker.

>>> from storycheck.serve import Settings, create_app
>>> app = create_app(Settings(db="stories.db"))      # then: uvicorn, or ``storycheck serve``
"""

from storycheck.serve.app import create_app
from storycheck.serve.settings import Settings

__all__ = ["Settings", "create_app"]
