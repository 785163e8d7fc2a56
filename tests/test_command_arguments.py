"""Numeric options of the commands: out-of-range values are a one-line usage error, never a traceback."""

from __future__ import annotations

import pytest

from hadath.cli import main


@pytest.mark.parametrize("argv, message", [
    (["evaluate", "--predictions", "p.jsonl", "--seed", "-1"], "argument --seed: -1 is below 0"),
    (["evaluate", "--predictions", "p.jsonl", "--resamples", "-5"], "argument --resamples: -5 is below 0"),
    (["evaluate", "--predictions", "p.jsonl", "--resamples", "many"], "argument --resamples: 'many' is not an integer"),
    (["compare", "a.jsonl", "b.jsonl", "--resamples", "0"], "argument --resamples: 0 is below 1"),
    (["compare", "a.jsonl", "b.jsonl", "--trials", "0"], "argument --trials: 0 is below 1"),
    (["compare", "a.jsonl", "b.jsonl", "--seed", "-1"], "argument --seed: -1 is below 0"),
])
def test_out_of_range_numbers_are_refused_with_one_line(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"hadath {argv[0]}: error: {message}"), err
    assert "Traceback" not in err
