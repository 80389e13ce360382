"""Pure scoring: no I/O, no printing, no clock. Inputs are model objects and numpy/pandas data."""
