from . import test_hello
