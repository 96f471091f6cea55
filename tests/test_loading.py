"""The YAML loader: positions kept, dangerous or ambiguous YAML refused before it costs anything."""

from __future__ import annotations

import tracemalloc
from decimal import Decimal

import pytest

from gencli.loading.reader import LoadError, decode, load_text


def test_alias_bomb_is_refused_at_its_first_anchor_without_expanding() -> None:
    layers = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for prev, name in zip("abcdefghi", "bcdefghij"):
        layers.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    tracemalloc.start()
    with pytest.raises(LoadError) as caught:
        load_text("\n".join(layers))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert caught.value.message == "不允许使用 YAML 锚点（&a）：报告不需要锚点"
    assert (caught.value.line, caught.value.column) == (1, 4)
    assert peak < 5_000_000  # 9**9 strings were never built


def test_alias_without_anchor_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: 1\nb: *x\n")
    assert "别名" in caught.value.message and caught.value.line == 2


def test_decimals_keep_their_written_digits() -> None:
    data = load_text("a: 13989.50\nb: 0.000100\n")
    assert data["a"] == Decimal("13989.50") and str(data["a"]) == "13989.50"
    assert str(data["b"]) == "0.000100"  # 1_000.5 is refused: tests/test_hostile_limits.py


def test_special_floats_and_dates_stay_text_for_the_schema() -> None:
    data = load_text("a: .nan\nb: .inf\nd: 2021-01-29\n")
    assert data == {"a": ".nan", "b": ".inf", "d": "2021-01-29"}


def test_bom_is_accepted_and_gbk_is_named() -> None:
    assert decode("\ufeffa: 1\n".encode("utf-8")) == "a: 1\n"
    with pytest.raises(LoadError) as caught:
        decode("a: 1\nb: 福建\n".encode("gbk"))
    assert caught.value.message == "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码，请另存为 UTF-8"
    assert caught.value.line == 2


def test_positions_are_kept_for_keys_and_items() -> None:
    data = load_text("a:\n  b: [1, 22, 333]\n")
    assert data["a"].lc.data["b"][:2] == [1, 2]
    assert data["a"]["b"].lc.data[2][:2] == [1, 13]
