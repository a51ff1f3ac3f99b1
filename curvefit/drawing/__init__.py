"""What the page draws, as tidy DataFrames and Vega-Lite specs: pure functions of a Trainer."""
