"""The domain model: plain typed objects that every later stage reads."""

from generator.model.base import Position, SourceModel
from generator.model.document import Document, HistoryEntry, Status, Visibility
from generator.model.form import Form
from generator.model.glossary import Glossary, Limit, Limits, Term
from generator.model.handbook import Handbook, NumberedStep, Ref, numbered_steps
from generator.model.organisation import Company, Department, Grant, Role, Site
from generator.model.price_list import PriceItem, PriceList, Pricing
from generator.model.procedure import Branch, Instruction, Procedure, Step
from generator.model.review import Decision, DocumentReview, Review, Reviewer, ReviewKind

__all__ = [
    "Branch", "Company", "Decision", "DocumentReview", "Review", "ReviewKind", "Reviewer", "Department", "Document", "Form", "Glossary", "Grant", "Handbook",
    "HistoryEntry", "Instruction", "Limit", "Limits", "NumberedStep", "Position", "PriceItem",
    "PriceList", "Pricing", "Procedure", "Ref", "Role", "Site", "SourceModel", "Status", "Step",
    "Term", "Visibility", "numbered_steps",
]
