import sys


def main():
    print("Hello")
    print("World")
    return 1


if __name__ == "__main__":
    sys.exit(main())
