"""Counts and scores: the SemEval-2013 task 9.1 categories and precision, recall and F1 from them.

Every scored item falls in exactly one category:
    COR  correct: a prediction matched to a gold item that satisfies the schema
    INC  incorrect: a prediction matched to an overlapping gold item that does not satisfy it
    PAR  partial: a prediction matched to an overlapping gold item with other boundaries (`partial` only)
    MIS  missed: a gold item matched to no prediction
    SPU  spurious: a prediction matched to no gold item
so POS (gold items) = COR + INC + PAR + MIS and ACT (predictions) = COR + INC + PAR + SPU.
Precision = (COR + ½·PAR) / ACT, recall = (COR + ½·PAR) / POS; a ratio with a zero denominator is 0,
except that when there is nothing to find and nothing was predicted (POS = ACT = 0) all three are 1.
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = ("COR", "INC", "PAR", "MIS", "SPU")
COR, INC, PAR, MIS, SPU = range(5)
ENTITY_SCHEMAS = ("strict", "exact", "partial", "type")
SCHEMA_HELP = {
    "strict": "same boundaries and same type",
    "exact": "same boundaries, any type",
    "partial": "overlapping boundaries, any type; half credit for a partial overlap",
    "type": "overlapping boundaries and the same type",
}


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return ratio(2 * precision * recall, precision + recall)


@dataclass(frozen=True)
class Counts:
    """SemEval counts of one schema over some items; `+` adds them.

    `cor`, `inc`, `par` count matched pairs by their gold item and `pcor`, `pinc`, `ppar` by their
    predicted item. Over a whole document set the two agree; per type they differ when a prediction of
    one type is matched to gold of another: recall is then charged to the gold type and precision to
    the predicted type, so each type's POS is its gold items, its ACT its predictions, and the counts
    of all types add up to the overall counts.
    """

    cor: int = 0
    inc: int = 0
    par: int = 0
    mis: int = 0
    spu: int = 0
    pcor: int | None = None
    pinc: int | None = None
    ppar: int | None = None

    def __post_init__(self):
        for gold_side, pred_side in (("cor", "pcor"), ("inc", "pinc"), ("par", "ppar")):
            if getattr(self, pred_side) is None:
                object.__setattr__(self, pred_side, getattr(self, gold_side))

    @classmethod
    def of(cls, values) -> "Counts":
        """From a sequence (cor, inc, par, mis, spu[, pcor, pinc, ppar])."""
        return cls(*(int(v) for v in values))

    def as_tuple(self) -> tuple[int, ...]:
        return (self.cor, self.inc, self.par, self.mis, self.spu, self.pcor, self.pinc, self.ppar)

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple())))

    @property
    def possible(self) -> int:
        return self.cor + self.inc + self.par + self.mis

    @property
    def actual(self) -> int:
        return self.pcor + self.pinc + self.ppar + self.spu

    @property
    def empty(self) -> bool:
        return self.possible == 0 and self.actual == 0

    @property
    def precision(self) -> float:
        return 1.0 if self.empty else ratio(self.pcor + 0.5 * self.ppar, self.actual)

    @property
    def recall(self) -> float:
        return 1.0 if self.empty else ratio(self.cor + 0.5 * self.par, self.possible)

    @property
    def f1(self) -> float:
        return 1.0 if self.empty else f1(self.precision, self.recall)

    def to_dict(self) -> dict:
        out = {"COR": self.cor, "INC": self.inc, "PAR": self.par, "MIS": self.mis, "SPU": self.spu,
               "POS": self.possible, "ACT": self.actual}
        if (self.pcor, self.pinc, self.ppar) != (self.cor, self.inc, self.par):
            out.update({"pred_COR": self.pcor, "pred_INC": self.pinc, "pred_PAR": self.ppar})
        out.update({"precision": self.precision, "recall": self.recall, "f1": self.f1})
        return out


@dataclass(frozen=True)
class SetCounts:
    """Counts of a set comparison (true positives, gold size, predicted size), as for triggers."""

    tp: int = 0
    gold: int = 0
    predicted: int = 0

    def __add__(self, other: "SetCounts") -> "SetCounts":
        return SetCounts(self.tp + other.tp, self.gold + other.gold, self.predicted + other.predicted)

    @property
    def counts(self) -> Counts:
        """The same numbers as SemEval categories (COR, MIS, SPU only)."""
        return Counts(self.tp, 0, 0, self.gold - self.tp, self.predicted - self.tp)

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    def to_dict(self) -> dict:
        return {"tp": self.tp, "gold": self.gold, "predicted": self.predicted,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}
