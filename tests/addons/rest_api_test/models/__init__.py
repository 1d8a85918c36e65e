from . import api_test
