from cong.procedures.models.pages import ProcedureIndexPage
from cong.procedures.models.procedures import (
    Level,
    OnlineLevel,
    Procedure,
    ProcedureField,
    folded_level,
)

__all__ = [
    "Level",
    "OnlineLevel",
    "Procedure",
    "ProcedureField",
    "ProcedureIndexPage",
    "folded_level",
]
