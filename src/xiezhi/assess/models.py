"""Schema of the self-assessment interview (questions and result blocks as data) and its result model."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from xiezhi.assess.conditions import Condition

FieldType = Literal["choice", "multi", "yesno", "money", "integer", "text", "date"]
SectionId = Literal["rights", "unlawful", "loan", "risks", "no_fear", "steps"]
Tool = Literal["ask", "check", "loan", "evidence", "letters", "plan", "law"]
Compute = Literal["check_described", "loan_cost"]

SECTION_TITLES: dict[str, str] = {
    "rights": "你的权利",
    "unlawful": "你描述的情况中可能违法的做法",
    "loan": "借款成本与依法应还多少",
    "risks": "需要正视的风险",
    "no_fear": "不必害怕的说法",
    "steps": "下一步怎么做（按优先顺序）",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Choice(_Strict):
    value: str
    label: str
    describe: str | None = None  # a sentence in the borrower's voice, passed to Check when chosen
    exclusive: bool = False      # "none of these": clears the other options
    category: str | None = None  # the Check category the borrower names by choosing this option


class FieldSpec(_Strict):
    var: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    label: str
    type: FieldType
    choices: list[Choice] = Field(default_factory=list)
    optional: bool = False
    hint: str | None = None
    placeholder: str | None = None
    min: float | None = None
    max: float | None = None
    max_length: int = Field(default=200, ge=1, le=2000)

    @field_validator("choices", mode="before")
    @classmethod
    def _mapping(cls, value: Any) -> Any:
        """Allow the short docassemble form `{value: label}` or `{value: {label, describe}}`."""
        if isinstance(value, dict):
            out = []
            for k, v in value.items():
                out.append({"value": str(k), **(v if isinstance(v, dict) else {"label": v})})
            return out
        return value


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    ask: str
    help: str | None = None
    card: str | None = None  # a knowledge-card id shown as "了解更多"
    fields: list[FieldSpec] = Field(min_length=1)
    show_if: Condition | None = None


class Action(_Strict):
    tool: Tool
    label: str
    prefill: dict[str, str] = Field(default_factory=dict)  # literal text, or "@var" / "@described"


class Block(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    section: SectionId
    title: str
    text: str = ""
    citations: list[str] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)
    show_if: Condition | None = None
    compute: Compute | None = None
    priority: int = 50
    action: Action | None = None

    def variables(self) -> set[str]:
        """Every variable this block reads: needs, its condition and its prefilled links."""
        out = set(self.needs) | (self.show_if.variables() if self.show_if else set())
        if self.action:
            out |= {v[1:] for v in self.action.prefill.values() if v.startswith("@")}
        return out


class Interview(_Strict):
    title: str
    intro: str
    order: list[str]  # question ids in the order they are asked
    questions: dict[str, Question]
    blocks: list[Block]
    derived: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------- results


class ActionLink(BaseModel):
    tool: Tool
    label: str
    url: str
    prefill: dict[str, str] = Field(default_factory=dict)


class ResultBlock(BaseModel):
    id: str
    section: SectionId
    title: str
    text: str
    citations: list[dict[str, Any]] = Field(default_factory=list)
    items: list[dict[str, Any]] = Field(default_factory=list)  # computed detail (findings, figures)
    unavailable: str | None = None  # set when the capability it needs has not landed
    action: ActionLink | None = None


class Section(BaseModel):
    id: SectionId
    title: str
    blocks: list[ResultBlock]


class AssessResult(BaseModel):
    """One page: the answers as understood, the sections in order, and the raw Check/Loan results."""

    answers: dict[str, Any]
    described: str
    sections: list[Section]
    check: dict[str, Any] | None = None
    loan: dict[str, Any] | None = None


class Step(BaseModel):
    """Where the interview stands: the next question (or None when the result is ready)."""

    question: Question | None
    asked: int
    remaining_estimate: int
