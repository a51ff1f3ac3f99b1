"""Formulas in x, parsed and evaluated by our own small parser: no eval, exec or compile of user text.

Grammar:  compare := sum [(< <= > >= == !=) sum]    sum := term {(+ -) term}
          term := unary {(* /) unary}               unary := (- +) unary | power
          power := atom [(** ^) unary]              atom := number | name | name(args) | (compare)
"""

import math
import re

import numpy as np

from .. import text

MAX_LENGTH = 200  # characters
MAX_DEPTH = 30  # nesting: parentheses, call arguments, signs and exponents
MAX_NODES = 100  # numbers, names, operators and calls
MAX_CONSTANT = 1e9  # a literal beyond a billion is a typo or an attack, not a curve

FUNCTION_NAMES = "sin cos tan exp log sqrt abs tanh sinh cosh arcsin arccos arctan floor ceil sign"
FUNCTIONS = {name: getattr(np, name) for name in FUNCTION_NAMES.split()}
CONSTANTS = {"pi": math.pi, "e": math.e}
COMPARISONS = {
    "<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal, "==": np.equal, "!=": np.not_equal,
}  # fmt: skip
ARITHMETIC = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}

# Why each thing that is not a formula is turned away: the message's name in curvefit.text (read when raised).
FORBIDDEN_WORDS = {
    "lambda": "NO_LAMBDAS", "import": "NO_IMPORTS", "for": "NO_COMPREHENSIONS", "in": "NO_COMPREHENSIONS",
    "if": "NO_CONDITIONALS", "else": "NO_CONDITIONALS",
}  # fmt: skip
FORBIDDEN_CHARACTERS = {
    ".": "NO_ATTRIBUTES", "[": "NO_SUBSCRIPTS", "]": "NO_SUBSCRIPTS", "'": "NO_STRINGS", '"': "NO_STRINGS",
    "{": "NO_SETS", "}": "NO_SETS", "=": "NO_ASSIGNMENTS", ":": "NO_COLONS",
}  # fmt: skip
NUMBER = r"\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?"
TOKEN = re.compile(rf"\s*(?:({NUMBER})|([A-Za-z_]\w*)|(\*\*|<=|>=|==|!=|[-+*/^(),<>])|(\S))")


class FormulaError(ValueError):
    """A formula that cannot be used, with a message that says why."""


class Formula:
    """A parsed formula in x; evaluate it on an array of x."""

    def __init__(self, source: str):
        if len(source) > MAX_LENGTH:
            raise FormulaError(text.FORMULA_TOO_LONG.format(length=len(source), most=MAX_LENGTH))
        if not source.strip():
            raise FormulaError(text.FORMULA_EMPTY)
        self.text = source
        self._tokens, self._at, self._nodes = _tokenize(source), 0, 0
        self.tree = self._compare(0)
        if self._peek() is not None:
            raise FormulaError(_unexpected(self._peek()))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """The formula's value at each x, float64; inf or nan where it has no finite value."""
        x = np.asarray(x, dtype=np.float64)
        with np.errstate(all="ignore"):  # overflow and log(-1) give inf and nan, never an exception
            return np.broadcast_to(_evaluate(self.tree, x), x.shape).astype(np.float64)

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"

    def to_code(self, x: str = "x") -> str:
        """The formula as Python code calling numpy (as np) exactly as __call__ computes it."""
        return f"np.broadcast_to({_code(self.tree, x)}, {x}.shape).astype(np.float64)"

    # The parser: one method per grammar rule, each returning a tree of tuples. `depth` counts
    # the nesting that recursion follows (parentheses, arguments, signs, exponents), so it bounds it.
    def _compare(self, depth):
        left = self._sum(depth)
        if self._peek() in COMPARISONS:
            op = self._take()
            left = self._node("compare", op, left, self._sum(depth))
        return left

    def _sum(self, depth):
        return self._left_to_right(("+", "-"), self._term, depth)

    def _term(self, depth):
        return self._left_to_right(("*", "/"), self._unary, depth)

    def _left_to_right(self, ops, operand, depth):
        # operand (op operand)*, grouped from the left: 1-2-3 is (1-2)-3
        left = operand(depth)
        while self._peek() in ops:
            op = self._take()
            left = self._node("binary", op, left, operand(depth))
        return left

    def _unary(self, depth):
        if depth > MAX_DEPTH:
            raise FormulaError(text.FORMULA_TOO_DEEP.format(most=MAX_DEPTH))
        if self._peek() in ("-", "+"):
            op = self._take()
            operand = self._unary(depth + 1)
            return self._node("negate", operand) if op == "-" else operand
        return self._power(depth)

    def _power(self, depth):
        base = self._atom(depth)
        if self._peek() in ("**", "^"):  # ^ is power, as people type it; right-associative, as Python's **
            self._take()
            base = self._node("binary", "**", base, self._unary(depth + 1))
        return base

    def _atom(self, depth):
        token = self._take()
        if token is None:
            raise FormulaError(text.FORMULA_ENDS_TOO_SOON)
        if isinstance(token, float):
            return self._node("number", token)
        if token == "(":
            inner = self._compare(depth + 1)
            self._expect(")")
            return inner
        if not token[0].isalpha() and token[0] != "_":
            raise FormulaError(_unexpected(token))
        if self._peek() == "(":
            return self._call(token, depth)
        if token == "x":
            return self._node("x")
        if token in CONSTANTS:
            return self._node("number", CONSTANTS[token])
        if token in FUNCTIONS:
            raise FormulaError(text.NEEDS_PARENTHESES.format(function=token))
        raise FormulaError(_unknown_name(token))

    def _call(self, name, depth):
        if name not in FUNCTIONS:
            raise FormulaError(
                text.NOT_A_FUNCTION.format(name=name) if name in ("x", *CONSTANTS) else _unknown_name(name)
            )
        self._take()  # (
        args = [] if self._peek() == ")" else [self._compare(depth + 1)]
        while self._peek() == ",":
            self._take()
            args.append(self._compare(depth + 1))
        self._expect(")")
        if len(args) != 1:
            raise FormulaError(text.ONE_ARGUMENT.format(function=name, count=len(args)))
        return self._node("call", name, args[0])

    def _node(self, *node):
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise FormulaError(text.FORMULA_TOO_BIG.format(most=MAX_NODES))
        return node

    def _peek(self):
        return self._tokens[self._at] if self._at < len(self._tokens) else None

    def _take(self):
        token = self._peek()
        self._at += 1
        return token

    def _expect(self, wanted):
        token = self._take()
        if token != wanted:
            raise FormulaError(text.EXPECTED.format(wanted=wanted, found=_describe(token)))


def _tokenize(source: str) -> list:
    tokens = []
    for match in TOKEN.finditer(source):
        number, name, operator, other = match.groups()
        if other is not None:
            why = getattr(text, FORBIDDEN_CHARACTERS[other]) if other in FORBIDDEN_CHARACTERS else None
            raise FormulaError(why or text.CANNOT_BE_USED.format(character=other))
        if number is not None:
            value = float(number)
            if value > MAX_CONSTANT:
                raise FormulaError(text.NUMBER_TOO_LARGE.format(number=number[:20], most=MAX_CONSTANT))
            tokens.append(value)
        elif name is not None:
            if "__" in name:
                raise FormulaError(text.NO_DUNDER.format(name=name))
            if name in FORBIDDEN_WORDS:
                raise FormulaError(getattr(text, FORBIDDEN_WORDS[name]))
            tokens.append(name)
        else:
            tokens.append(operator)
    return tokens


def _evaluate(node, x):
    kind = node[0]
    if kind == "x":
        return x
    if kind == "number":
        return np.float64(node[1])
    if kind == "negate":
        return np.negative(_evaluate(node[1], x))
    if kind == "call":
        return FUNCTIONS[node[1]](_evaluate(node[2], x))
    if kind == "compare":
        return COMPARISONS[node[1]](_evaluate(node[2], x), _evaluate(node[3], x)).astype(np.float64)
    return ARITHMETIC[node[1]](_evaluate(node[2], x), _evaluate(node[3], x))


def _code(node, x: str) -> str:
    # The same numpy calls as _evaluate, spelled out: the exported script gets the very same numbers.
    kind = node[0]
    if kind == "x":
        return x
    if kind == "number":
        return f"np.float64({node[1]!r})"
    if kind == "negate":
        return f"np.negative({_code(node[1], x)})"
    if kind == "call":
        return f"np.{node[1]}({_code(node[2], x)})"
    function = (COMPARISONS if kind == "compare" else ARITHMETIC)[node[1]].__name__
    code = f"np.{function}({_code(node[2], x)}, {_code(node[3], x)})"
    return f"{code}.astype(np.float64)" if kind == "compare" else code


def _unknown_name(name: str) -> str:
    return text.UNKNOWN_NAME.format(name=name, functions=", ".join(FUNCTIONS))


def _describe(token) -> str:
    return text.THE_END if token is None else f"'{token:g}'" if isinstance(token, float) else f"'{token}'"


def _unexpected(token) -> str:
    if token == ",":
        return text.NO_TUPLES
    return text.UNEXPECTED_TOKEN.format(found=_describe(token))
