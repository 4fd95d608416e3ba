NAME = "pkg"
loaded = []
