"""Pace's trainer and torch scorer: driven by the TypeScript worker over JSON lines (see ../PROTOCOL.md)."""
