"""Shared by the challenge tests: solving a question the way a reader would."""

import re

QUESTION = re.compile(r"(\d+) ([+-]) (\d+) =")


def operands(question: str) -> tuple[int, str, int]:
    match = QUESTION.fullmatch(question)
    assert match, f"not a question: {question!r}"
    return int(match[1]), match[2], int(match[3])


def solve(question: str) -> int:
    left, operator, right = operands(question)
    return left + right if operator == "+" else left - right
