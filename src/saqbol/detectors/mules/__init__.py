"""Drop (money-mule) detection and money tracing over a transfer graph: pure, batch."""
