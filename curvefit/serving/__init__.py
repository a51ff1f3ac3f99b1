"""Serving the page: the CPU shared by cost, the frame pace, the load page, the cluster, and the downloads."""
