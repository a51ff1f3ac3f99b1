"""What a fit is made from: its settings (one frozen Config, its fields, caps and cost model) and its points."""
