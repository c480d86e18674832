"""How every `vip` command refuses: one line on stderr naming what is wrong, exit status 2.

A refusal is the user's to fix (a bad option, an unknown jurisdiction, a rule that says no), so
it is never a traceback; a command's own findings (books that do not balance) are output."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperGroup

from vip.errors import DomainError

REFUSED = 2


def refuse(message: str) -> typer.Exit:
    """Print the refusal and return the exit to raise: `raise refuse("...")`."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    return typer.Exit(REFUSED)


@contextmanager
def refusing(*expected: type[Exception]) -> Iterator[None]:
    """A DomainError (its code and message), or one of the `expected` errors, becomes a refusal."""
    try:
        yield
    except DomainError as error:
        raise refuse(f"{error.code}: {error.message}") from None
    except expected as error:
        raise refuse(str(error)) from None


class RefusingGroup(TyperGroup):
    """The root group: Click's usage errors (unknown option, bad value) are refusals too, one line
    instead of a usage block and a panel."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except typer.TyperException as error:  # Click's errors, as Typer vendors them
            if type(error).__name__ == "NoArgsIsHelpError":
                result = REFUSED  # `vip` alone: the help is already printed
            else:
                result = refuse(error.format_message()).exit_code
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            result = 1
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)
