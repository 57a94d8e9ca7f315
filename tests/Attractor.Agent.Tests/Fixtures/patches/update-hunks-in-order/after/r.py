def a():
    value = 1
    return value

def b():
    value = 2
    return value
