"""``python -m storycheck``: the ``storycheck`` command, for a Python whose scripts folder is not on the PATH
(or to be sure which interpreter's storycheck runs)."""

from storycheck.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
