"""Sharing one server and taking a fit home: trainer slots, the frame pace, the downloads."""
