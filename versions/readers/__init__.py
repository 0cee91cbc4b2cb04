"""Readers: a report file (PDF, or any of the text layouts PDF extraction gives) into one Edition."""
