"""How much to do: session prescriptions built from a program and the training history."""
