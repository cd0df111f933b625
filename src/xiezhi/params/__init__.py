"""Dated legal parameters as data (OpenFisca style): one YAML file per parameter under data/params/.

```python
from xiezhi.params import get_params
p = get_params()
v = p.value("lpr.one_year", date(2024, 3, 1))   # ParamValue: value, effective_from, status, citations…
v.status_text                                    # "这个数值尚未核实：还没有找到官方原文核对，仅供参考" (words for people)
p.at(date(2024, 3, 1)).lpr.one_year             # the same, by attribute
```
"""

from xiezhi.params.loader import load_params
from xiezhi.params.models import (
    STATUS_LABELS,
    STATUS_PLAIN,
    NamedInstrument,
    NotCovered,
    ParamError,
    Parameter,
    ParamValue,
    plain_status,
)
from xiezhi.params.store import ParameterSet, ParamsAt, get_params

__all__ = [
    "STATUS_LABELS",
    "STATUS_PLAIN",
    "NamedInstrument",
    "NotCovered",
    "ParamError",
    "ParamValue",
    "Parameter",
    "ParameterSet",
    "ParamsAt",
    "get_params",
    "load_params",
    "plain_status",
]
