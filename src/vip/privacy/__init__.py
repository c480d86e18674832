"""What the platform holds about a person: his export, and its retention."""
