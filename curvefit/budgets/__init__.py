"""What the hosted server allows: the cost model, the clamps at the page's door, the shared CPU, the frame pace."""
