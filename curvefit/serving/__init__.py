"""Sharing one server and taking a fit home: the CPU shared by cost, the frame pace, the downloads."""
