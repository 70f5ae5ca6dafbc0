"""The one error type the deadline engine raises for input a person has to correct."""

from __future__ import annotations


class DeadlineInputError(ValueError):
    """Input the engine cannot compute a deadline from.

    The message is a single user-facing sentence that says what is wrong and what to write
    instead; the command line prints it as is, and the app shows it beside the form field.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self.args[0])
