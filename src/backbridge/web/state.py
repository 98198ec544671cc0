"""What every request handler shares: the services of this app, built once by the factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Annotated, cast

from fastapi import Depends, Request

from backbridge.store.corrections import SetCorrections

if TYPE_CHECKING:
    from backbridge.services import Services

DEFAULT_PROGRAM = "glute-lower-back"


@dataclass(frozen=True)
class Backbridge:
    """The services and the clock one app serves with; handlers reach it through
    :func:`backbridge_state`."""

    services: Services
    corrections: SetCorrections
    clock: Callable[[], datetime]

    def now(self) -> datetime:
        return self.clock()

    @property
    def tz(self) -> tzinfo:
        zone = self.clock().astimezone().tzinfo
        assert zone is not None
        return zone

    def today(self) -> date:
        return self.clock().astimezone().date()


def backbridge_state(request: Request) -> Backbridge:
    return cast(Backbridge, request.app.state.backbridge)


State = Annotated[Backbridge, Depends(backbridge_state)]
