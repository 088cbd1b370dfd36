"""Call fraud (CLI spoofing, SIM-box termination) over an operator's CDR: columns and rules."""
