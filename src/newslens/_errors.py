"""The newslens exception tree.

Every error newslens raises on purpose derives from :class:`NewslensError`, and also from the
built-in exception a Python user would expect (``TypeError``, ``ValueError``, ``OSError``), so
``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = ["InputError", "ModelNotFoundError", "NewslensError"]


class NewslensError(Exception):
    """Base class of every error newslens raises on purpose."""


class ModelNotFoundError(NewslensError, OSError):
    """No spaCy pipeline could be loaded under the requested name or path."""


class InputError(NewslensError, ValueError):
    """An input record, file or option is malformed; the message says what was received."""
