def a():
    value = 0
    return value

def b():
    value = 0
    return value
