"""Small modal screens that ask one question: confirm, the leg warning, the builder's choices."""
