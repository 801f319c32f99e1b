"""@record and @mutable_record: what @dataclass would have made, built without compiling code.

Each behaviour is checked against a real dataclass declared the same way.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tui
from tui.data import record as rec
from tui.data.record import FrozenRecordError, field, fields, is_record, mutable_record, record


@dataclasses.dataclass(frozen=True)
class _Made:
    name: str
    value: float | None
    tags: tuple[str, ...] = ()
    note: str = dataclasses.field(default="", compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@record
class _Based:
    name: str
    value: float | None
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)


@record
class _One:
    only: int


@mutable_record
class _Mutable:
    items: list[Any]
    made: list[int] = field(default_factory=list)


@dataclasses.dataclass(frozen=True, order=True)
class _MadeOrdered:
    kind: str
    year: int
    months: int = 12
    note: str = dataclasses.field(default="", compare=False)


@record(order=True)
class _BasedOrdered:
    kind: str
    year: int
    months: int = 12
    note: str = field(default="", compare=False)


@record
class _Checked:
    text: str
    seen: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.text.strip())


@record
class _Child(_Based):
    extra: int = 0


@record
class _Redeclared(_Based):
    value: float | None = 0.0  # a redeclared field keeps its place
    name: str = "x"


@record
class _OwnRepr:
    x: int

    def __repr__(self) -> str:
        return "mine"


CASES = [
    ("a", 1.5, ("x",), "n", "s"),
    ("a", None, (), "", ""),
    ("b", float("nan"), ("x", "y"), "other note", "other"),
]


@pytest.mark.parametrize("args", CASES)
def test_repr_and_hash_are_dataclass_ones(args: tuple[Any, ...]) -> None:
    made, based = _Made(*args), _Based(*args)
    assert repr(based) == repr(made).replace("_Made(", "_Based(")
    assert hash(based) == hash(made)


def test_equality_is_dataclass_equality() -> None:
    for a in CASES:
        for b in CASES:
            assert (_Based(*a) == _Based(*b)) == (_Made(*a) == _Made(*b))
    nan = float("nan")  # one NaN object is equal to itself in a tuple, two are not
    assert _Based("a", nan) == _Based("a", nan)
    assert _Based("a", float("nan")) != _Based("a", float("nan"))
    assert _Made("a", float("nan")) != _Made("a", float("nan"))
    assert _Based("a", 1.0, note="one") == _Based("a", 1.0, note="two")  # compare=False
    assert _Based("a", 1.0) != _Made("a", 1.0)  # type: ignore[comparison-overlap]
    assert _Based("a", 1.0).__eq__("a") is NotImplemented
    assert _Child("a", 1.0) != _Based("a", 1.0)  # a subclass is another class too


def test_constructor_takes_what_a_dataclass_takes() -> None:
    assert _Based("a", 1.0, ("t",)) == _Based(value=1.0, tags=("t",), name="a")
    assert _Based("a", value=2.0).tags == ()
    made = [_Mutable([]), _Mutable([])]
    assert made[0].made == [] and made[0].made is not made[1].made  # a fresh default each
    assert _Mutable([], [3]).made == [3]
    assert _Based(name="a", value=1.0, tags=(), note="", secret="") == _Based("a", 1.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: _Based("a"),  # type: ignore[call-arg]
            "missing required argument: 'value'",
        ),
        (
            lambda: _Based("a", 1.0, (), "", "", "6th"),  # type: ignore[call-arg]
            "takes 5 arguments but 6 were given",
        ),
        (
            lambda: _Based("a", 1.0, colour="red"),  # type: ignore[call-arg]
            "unexpected keyword argument 'colour'",
        ),
        (
            lambda: _Based("a", 1.0, name="b"),  # type: ignore[misc]
            "multiple values for argument 'name'",
        ),
    ],
)
def test_wrong_arguments_are_type_errors_as_with_a_dataclass(call: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


def test_frozen_holds_and_mutable_assigns() -> None:
    one = _One(3)
    assert hash(one) == hash((3,))
    assert repr(one) == "_One(only=3)"
    with pytest.raises(FrozenRecordError):
        one.only = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):  # FrozenRecordError is one, as FrozenInstanceError
        del one.only  # type: ignore[misc]
    assert one.only == 3
    box = _Mutable([1])
    box.items = [2]
    assert box == _Mutable([2])
    with pytest.raises(TypeError):
        hash(box)


def test_post_init_runs_after_the_fields_are_set() -> None:
    assert _Checked("  padded ").text == "padded"
    assert _Checked(text=" x ", seen=2) == _Checked("x", 2)


def test_recursive_repr_is_cut() -> None:
    box = _Mutable([])
    box.items.append(box)
    assert repr(box) == "_Mutable(items=[...], made=[])"


def test_ordering_is_dataclass_ordering() -> None:
    args: list[tuple[Any, ...]] = [
        ("FY", 2024),
        ("FY", 2023, 10),
        ("CY", 2024),
        ("FY", 2024, 12, "x"),
        ("M", 2025, 1),
    ]
    made = [_MadeOrdered(*a) for a in args]
    based = [_BasedOrdered(*a) for a in args]
    assert [(b.kind, b.year, b.months) for b in sorted(based)] == [
        (m.kind, m.year, m.months) for m in sorted(made)
    ]
    for i, a in enumerate(based):
        for j, b in enumerate(based):
            x, y = made[i], made[j]
            assert (a < b, a <= b, a > b, a >= b, a == b) == (x < y, x <= y, x > y, x >= y, x == y)
    with pytest.raises(TypeError):
        _ = based[0] < _Based("a", 1.0)  # type: ignore[operator]


def test_fields_replace_and_inheritance() -> None:
    assert [f.name for f in fields(_Child)] == ["name", "value", "tags", "note", "secret", "extra"]
    assert [f.name for f in fields(_Redeclared)] == ["name", "value", "tags", "note", "secret"]
    assert _Redeclared() == _Redeclared("x", 0.0)
    child = _Child("a", 1.0, extra=2)
    assert fields(child) == fields(_Child)
    assert rec.replace(child, value=None) == _Child("a", None, extra=2)
    with pytest.raises(TypeError, match="no field 'colour'"):
        rec.replace(child, colour="red")
    assert is_record(_Child) and is_record(child) and not is_record(_Made)
    with pytest.raises(TypeError, match="not a record"):
        fields(_Made("a", 1.0))
    assert repr(_OwnRepr(1)) == "mine"  # a method of the class's own is kept
    assert _OwnRepr.__match_args__ == ("x",)


def test_pickle_and_copy_keep_the_record() -> None:
    for obj in (_Based("a", 1.0, ("t",), "n", "s"), _Child("b", None, extra=3), _Mutable([1])):
        assert pickle.loads(pickle.dumps(obj)) == obj
        assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj


def test_declarations_dataclasses_refuse_are_refused() -> None:
    with pytest.raises(TypeError, match="non-default field 'b' follows a default"):

        @record
        class _Order:
            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(ValueError, match="mutable default list"):

        @mutable_record
        class _Shared:
            items: list[int] = []  # noqa: RUF012

    with pytest.raises(TypeError, match="frozen record cannot extend a mutable one"):

        @record
        class _Frozen(_Mutable):  # type: ignore[misc]
            pass


def test_the_data_cli_and_ui_layers_never_import_dataclasses() -> None:
    """Importing :mod:`dataclasses` costs ~17 ms (it imports inspect): records use
    tui.data.record instead (tui.serve keeps dataclasses; asyncssh imports them anyway)."""
    src = Path(tui.__file__).parent
    offenders = [
        str(path.relative_to(src))
        for path in sorted(src.rglob("*.py"))
        if "serve" not in path.relative_to(src).parts
        and any(
            line.startswith(("import dataclasses", "from dataclasses "))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def test_summary_and_export_modules_load_without_dataclasses() -> None:
    code = (
        "import sys\n"
        "import tui.cli.commands.export, tui.cli.commands.summary, tui.data.export\n"
        "import tui.data.facts, tui.data.views, tui.data.analytics, tui.data.snapshot\n"
        "print(sorted(m for m in ('dataclasses', 'inspect') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[]"
