"""The ceiling: the least a Django view can cost on this server (see docs/performance.md)."""
