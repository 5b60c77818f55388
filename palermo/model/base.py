"""What every strict model in Palermo shares: unknown fields rejected, text stripped, and the slug pattern of ids."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Lower-case words joined by hyphens: case ids, course ids, module and question ids."""


class Strict(BaseModel):
    """A model that rejects unknown fields and strips surrounding white space from text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StrictData(Strict):
    """A strict model that also refuses type coercion ("1" is not 1): for course and rule data typed by hand."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)
