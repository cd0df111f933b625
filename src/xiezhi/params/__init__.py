"""Dated legal parameters as data (OpenFisca style): one YAML file per parameter under data/params/.

```python
from xiezhi.params import get_params
p = get_params()
v = p.value("lpr.one_year", date(2024, 3, 1))   # ParamValue: value, effective_from, status, citations…
p.at(date(2024, 3, 1)).lpr.one_year             # the same, by attribute
```
"""

from xiezhi.params.loader import load_params
from xiezhi.params.models import (
    NamedInstrument,
    NotCovered,
    ParamError,
    Parameter,
    ParamValue,
)
from xiezhi.params.store import ParameterSet, ParamsAt, get_params

__all__ = [
    "NamedInstrument",
    "NotCovered",
    "ParamError",
    "ParamValue",
    "Parameter",
    "ParameterSet",
    "ParamsAt",
    "get_params",
    "load_params",
]
