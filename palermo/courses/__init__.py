"""CLE courses built on the case base: the course model, loading and checks, credit hours and the accreditation packet."""
