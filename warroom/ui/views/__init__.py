"""One module or package per view of DESIGN §2; ``registry`` lists them in order."""
