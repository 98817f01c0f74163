"""A tiny, safe expression language for a step's ``when:`` condition.

Exercise files come from anywhere, so conditions are never handed to Python's ``eval``: they
are tokenised and parsed here by hand (recursive descent) into a small tree that can only read
answers, compare them and combine the results. Grammar::

    expr    := and_expr ("or" and_expr)*
    and_expr:= not_expr ("and" not_expr)*
    not_expr:= "not" not_expr | compare
    compare := operand [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") operand]
    operand := STRING | NUMBER | "true" | "false" | "none" | path | "[" [operand ("," operand)*] "]"
             | "(" expr ")"
    path    := "answers" ("." NAME)+

Examples: ``answers.feel == "tense"``, ``answers.rating >= 7``, ``"money" in answers.topics``,
``answers.feel in ["tense", "sad"] and not answers.skip``.

A step that each partner answered gives an :class:`Each` value; a comparison on it is true when
it is true for either partner (``answers.feel.a`` names one partner). Comparisons between values
of different types are false rather than errors, so a condition never crashes an exercise.
Parse errors carry the 1-based column of the offending character.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_LENGTH = 500
"""Longest condition accepted; a real one is a line."""

MAX_DEPTH = 30
"""Deepest nesting of parentheses, lists and ``not``."""


class ConditionError(Exception):
    """A condition that cannot be parsed; ``col`` is 1-based within the condition text."""

    def __init__(self, message: str, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.col = col

    def __str__(self) -> str:
        return f"column {self.col}: {self.message}"


class Each(tuple[Any, ...]):
    """The answers of both partners to one step; tests on it are true if true for either."""

    __slots__ = ()


def dig(value: Any, part: str) -> Any:
    """One step down an answer path (``feeling`` in ``answers.i_feel.feeling``): a field of a
    mapping, taken from each partner's answer in an :class:`Each`; ``None`` when absent."""
    if isinstance(value, Each):
        return Each(dig(v, part) for v in value)
    if isinstance(value, dict):
        return value.get(part)
    return None


# --- tokens ------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<punct>[().,\[\]])
    """,
    re.VERBOSE,
)
_KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "none"})
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind (``number``, ``string``, ``name``, ``keyword``, ``op``,
    ``punct``, ``end``), text and 0-based offset."""

    kind: str
    text: str
    pos: int


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, ending with an ``end`` token."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            char = source[pos]
            if char in "\"'":
                raise ConditionError("this string is never closed", pos + 1)
            if char == "=":
                raise ConditionError("use '==' to compare", pos + 1)
            raise ConditionError(f"unexpected character '{char}'", pos + 1)
        kind = match.lastgroup or "space"
        if kind != "space":
            text = match.group()
            if kind == "name" and text in _KEYWORDS:
                kind = "keyword"
            tokens.append(Token(kind, text, pos))
        pos = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


# --- tree --------------------------------------------------------------------------------------

Lookup = Callable[[tuple[str, ...]], Any]


@dataclass(frozen=True, slots=True)
class Path:
    """``answers.<step>[.<part>...]``; ``col`` is 1-based."""

    parts: tuple[str, ...]
    col: int


@dataclass(frozen=True, slots=True)
class Const:
    """A literal string, number, boolean or none."""

    value: Any


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list literal ``[a, b]``."""

    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """``not x``."""

    operand: Expr


@dataclass(frozen=True, slots=True)
class BoolOp:
    """``a and b`` / ``a or b`` (``op`` is ``and`` or ``or``)."""

    op: str
    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Compare:
    """``left <op> right``."""

    op: str
    left: Expr
    right: Expr


Expr = Path | Const | ListOf | Not | BoolOp | Compare


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, kind: str, text: str) -> bool:
        if self.token.kind == kind and self.token.text == text:
            self.index += 1
            return True
        return False

    def expect(self, kind: str, text: str, what: str) -> None:
        if not self.accept(kind, text):
            raise self.error(f"expected {what}")

    def error(self, message: str) -> ConditionError:
        token = self.token
        found = "the end" if token.kind == "end" else f"'{token.text}'"
        return ConditionError(f"{message}, found {found}", token.pos + 1)

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("the condition is nested too deeply", self.token.pos + 1)

    def parse(self) -> Expr:
        expr = self.or_expr()
        if self.token.kind != "end":
            raise self.error("expected 'and', 'or' or the end of the condition")
        return expr

    def or_expr(self) -> Expr:
        operands = [self.and_expr()]
        while self.accept("keyword", "or"):
            operands.append(self.and_expr())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def and_expr(self) -> Expr:
        operands = [self.not_expr()]
        while self.accept("keyword", "and"):
            operands.append(self.not_expr())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def not_expr(self) -> Expr:
        if self.accept("keyword", "not"):
            self.nest()
            inner = self.not_expr()
            self.depth -= 1
            return Not(inner)
        return self.compare()

    def compare(self) -> Expr:
        left = self.operand()
        token = self.token
        if token.kind == "op":
            self.index += 1
            return Compare(token.text, left, self.operand())
        if self.accept("keyword", "in"):
            return Compare("in", left, self.operand())
        if token.kind == "keyword" and token.text == "not":
            following = self.tokens[self.index + 1]
            if following.kind == "keyword" and following.text == "in":
                self.index += 2
                return Compare("not in", left, self.operand())
        return left

    def operand(self) -> Expr:
        token = self.take()
        if token.kind == "number":
            return Const(float(token.text) if "." in token.text else int(token.text))
        if token.kind == "string":
            return Const(_ESCAPE.sub(r"\1", token.text[1:-1]))
        if token.kind == "keyword" and token.text in ("true", "false", "none"):
            return Const({"true": True, "false": False, "none": None}[token.text])
        if token.kind == "name":
            return self.path(token)
        if token.kind == "punct" and token.text == "(":
            self.nest()
            inner = self.or_expr()
            self.expect("punct", ")", "')'")
            self.depth -= 1
            return inner
        if token.kind == "punct" and token.text == "[":
            return self.list_literal()
        self.index -= 1
        raise self.error("expected a value (a string, a number or answers.<step id>)")

    def list_literal(self) -> Expr:
        self.nest()
        items: list[Expr] = []
        if not self.accept("punct", "]"):
            items.append(self.operand())
            while self.accept("punct", ","):
                items.append(self.operand())
            self.expect("punct", "]", "',' or ']'")
        self.depth -= 1
        return ListOf(tuple(items))

    def path(self, first: Token) -> Expr:
        if first.text != "answers":
            raise ConditionError(
                f"unknown name '{first.text}'; read earlier answers as answers.<step id>, "
                'and quote text in "double quotes"',
                first.pos + 1,
            )
        parts: list[str] = []
        while self.accept("punct", "."):
            name = self.take()
            if name.kind not in ("name", "keyword"):
                self.index -= 1
                raise self.error("expected a step id after '.'")
            parts.append(name.text)
        if not parts:
            raise self.error("expected '.<step id>' after 'answers'")
        return Path(tuple(parts), first.pos + 1)


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition: the text, its tree, and the answers it reads."""

    source: str
    tree: Expr

    def paths(self) -> list[Path]:
        """Every ``answers.…`` the condition reads, in order."""
        return list(_paths(self.tree))

    def evaluate(self, lookup: Lookup) -> bool:
        """Whether the condition holds; ``lookup(parts)`` returns the answer at a path
        (``None`` when unanswered, an :class:`Each` for both partners' answers)."""
        return _truthy(_eval(self.tree, lookup))

    def literals(self) -> list[Any]:
        """Every literal value in the condition (used to generate answers for walks)."""
        return list(_literals(self.tree))

    def compared(self) -> list[tuple[Path, list[Any], bool]]:
        """Each answer tested against literal values: ``(path, values, member)``.

        ``answers.feel == "tense"`` and ``answers.feel in ["tense", "sad"]`` test the answer
        itself; ``"money" in answers.topics`` tests one item inside it (``member`` is true).
        The loader checks such values against the options of a choice or checklist step.
        """
        found: list[tuple[Path, list[Any], bool]] = []
        for node in _nodes(self.tree):
            if not isinstance(node, Compare):
                continue
            left, right = node.left, node.right
            if node.op in ("==", "!="):
                if isinstance(left, Const) and isinstance(right, Path):
                    left, right = right, left
                if isinstance(left, Path) and isinstance(right, Const):
                    found.append((left, [right.value], False))
            elif node.op in ("in", "not in"):
                if isinstance(left, Const) and isinstance(right, Path):
                    found.append((right, [left.value], True))
                elif isinstance(left, Path) and isinstance(right, ListOf):
                    values = [i.value for i in right.items if isinstance(i, Const)]
                    found.append((left, values, False))
        return found


@lru_cache(maxsize=2048)
def parse(source: str) -> Condition:
    """Parse ``source``; raise :class:`ConditionError` (with a column) when it is not valid."""
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_LENGTH} characters", 1)
    if not source.strip():
        raise ConditionError("the condition is empty", 1)
    return Condition(source, _Parser(source).parse())


def _nodes(expr: Expr) -> Iterator[Expr]:
    """``expr`` and every expression inside it, depth first, left to right."""
    yield expr
    children: tuple[Expr, ...] = ()
    if isinstance(expr, ListOf):
        children = expr.items
    elif isinstance(expr, BoolOp):
        children = expr.operands
    elif isinstance(expr, Not):
        children = (expr.operand,)
    elif isinstance(expr, Compare):
        children = (expr.left, expr.right)
    for child in children:
        yield from _nodes(child)


def _paths(expr: Expr) -> Iterator[Path]:
    return (node for node in _nodes(expr) if isinstance(node, Path))


def _literals(expr: Expr) -> Iterator[Any]:
    return (node.value for node in _nodes(expr) if isinstance(node, Const))


# --- evaluation --------------------------------------------------------------------------------

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _truthy(value: Any) -> bool:
    if isinstance(value, Each):
        return any(_truthy(v) for v in value)
    return bool(value)


def _eval(expr: Expr, lookup: Lookup) -> Any:
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Path):
        return lookup(expr.parts)
    if isinstance(expr, ListOf):
        return [_eval(item, lookup) for item in expr.items]
    if isinstance(expr, Not):
        return not _truthy(_eval(expr.operand, lookup))
    if isinstance(expr, BoolOp):
        if expr.op == "and":
            return all(_truthy(_eval(o, lookup)) for o in expr.operands)
        return any(_truthy(_eval(o, lookup)) for o in expr.operands)
    return _compare(expr.op, _eval(expr.left, lookup), _eval(expr.right, lookup))


def _compare(op: str, left: Any, right: Any) -> bool:
    if isinstance(left, Each):
        return any(_compare(op, item, right) for item in left)
    if isinstance(right, Each):
        return any(_compare(op, left, item) for item in right)
    if op == "==":
        return _equal(left, right)
    if op == "!=":
        return not _equal(left, right)
    if op in ("in", "not in"):
        found = _contains(right, left)
        return found if op == "in" else not found
    if _is_number(left) and _is_number(right):
        return _ORDER[op](left, right)
    if isinstance(left, str) and isinstance(right, str):
        return _ORDER[op](left, right)
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    return type(left) is type(right) and bool(left == right)


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if isinstance(container, list | tuple):
        return any(_equal(item, element) for element in container)
    if isinstance(container, dict):
        return isinstance(item, str) and item in container
    return False
