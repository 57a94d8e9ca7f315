if x:
    other()
